#!/bin/sh
# Checks deploy/portcullis.service without installing it: `systemd-analyze verify` (the syntax,
# every directive known, with ExecStart pointed at a real executable since /usr/bin/portcullis
# may not exist here), then `systemd-analyze security --offline=true`, which scores the unit's
# sandboxing from the file alone (systemd 250 or later) and prints the exposure level.
# Exits non-zero if the unit does not verify or scores above THRESHOLD (default 20, i.e. 2.0,
# the upper end of "OK"). Runs as any user; needs no systemd as PID 1.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
unit="$here/portcullis.service"
threshold=${THRESHOLD:-20}

command -v systemd-analyze >/dev/null || { echo "check-unit: systemd-analyze is missing (apt-get install systemd)" >&2; exit 2; }
echo "systemd: $(systemd-analyze --version | head -n 1)"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sed "s|^ExecStart=/usr/bin/portcullis|ExecStart=$(command -v true)|" "$unit" > "$tmp/portcullis.service"
if systemd-analyze verify --man=no "$tmp/portcullis.service"; then
    echo "verify: ok"
else
    echo "verify: FAILED" >&2
    exit 1
fi

# The table lists every check; ✗ marks what is still open. The last line is the score.
systemd-analyze security --no-pager --offline=true --threshold="$threshold" "$unit" > "$tmp/report" 2>&1 || status=$?
grep -v '^✓' "$tmp/report" || true
if [ "${status:-0}" -ne 0 ]; then
    echo "security: the exposure is above THRESHOLD=$threshold (in tenths), or the review failed" >&2
    exit 1
fi
