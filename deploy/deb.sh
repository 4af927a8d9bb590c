#!/bin/sh
# Builds the Debian package with cargo-deb ([package.metadata.deb] in Cargo.toml) and checks
# it: lists its contents, unpacks it into a throwaway root (`dpkg -x`, no root needed), runs
# the unpacked binary, verifies the unpacked unit, and prints the package's size.
#
# cargo-deb (pinned) is installed once into target/tools (`cargo install --locked`; a few
# minutes the first time, cached after). The release binary is built when missing or stale
# (deploy/release-binary.sh). Not part of .ci/run: it needs a release build.
#
#   deploy/deb.sh      -> target/debian/portcullis_<version>-1_<arch>.deb
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cargo_deb_version=3.8.0
tools="$root/target/tools"

say() { printf '%s\n' "deb.sh: $*" >&2; }
die() { say "FAILED: $*"; exit 1; }

for tool in dpkg-deb dpkg; do command -v "$tool" >/dev/null || die "$tool is missing"; done
if ! "$tools/bin/cargo-deb" --version 2>/dev/null | grep -q " $cargo_deb_version\$"; then
    say "installing cargo-deb $cargo_deb_version into $tools"
    cargo install --locked --quiet --version "$cargo_deb_version" --root "$tools" cargo-deb >&2
fi

bin=$("$root/deploy/release-binary.sh")
[ "$bin" = "$root/target/release/portcullis" ] ||
    die "cargo-deb packages target/release/portcullis; unset PORTCULLIS_BINARY and CARGO_TARGET_DIR"
cd "$root"
rm -rf target/debian
# The binary is stripped into the package; the unit comes from deploy/ (systemd-units).
deb=$(PATH="$tools/bin:$PATH" cargo deb --no-build --output target/debian/ 2>/dev/null | tail -n 1)
[ -f "$deb" ] || deb=$(ls target/debian/*.deb 2>/dev/null | head -n 1)
[ -n "$deb" ] && [ -f "$deb" ] || die "cargo deb made no package"

echo "== dpkg-deb --info $deb"
dpkg-deb --info "$deb"
echo "== dpkg-deb --contents $deb"
dpkg-deb --contents "$deb"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
dpkg -x "$deb" "$tmp"
unit=$(find "$tmp" -name portcullis.service | head -n 1)
[ -n "$unit" ] || die "no portcullis.service in the package"
cmp -s "$unit" deploy/portcullis.service || die "the packaged unit differs from deploy/portcullis.service"
[ -x "$tmp/usr/bin/portcullis" ] || die "no /usr/bin/portcullis in the package"
"$tmp/usr/bin/portcullis" config --markdown | grep -q PORTCULLIS_DATABASE_URL ||
    die "the packaged binary does not run"
if command -v systemd-analyze >/dev/null; then
    sed "s|^ExecStart=/usr/bin/portcullis|ExecStart=$tmp/usr/bin/portcullis|" "$unit" > "$tmp/portcullis.service"
    systemd-analyze verify --man=no "$tmp/portcullis.service" || die "the packaged unit does not verify"
fi
echo "== unpacked into a throwaway root: the binary runs, the unit verifies"
echo "package: $deb, $(stat -c %s "$deb") bytes ($(( $(stat -c %s "$deb") / 1024 / 1024 )) MiB);" \
    "installed size $(dpkg-deb --field "$deb" Installed-Size) KiB"
