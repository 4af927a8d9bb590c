#!/bin/sh
# Builds Portcullis's OCI image with buildah, nothing pulled: FROM scratch, the release binary,
# the shared libraries `ldd` lists (and the loader), the CA bundle, a non-root user (65532) and
# /data for SQLite. Then tests it: starts the server inside the image (`buildah run`, chroot
# isolation, host network), times exec -> /health/ready (cold start), walks a user through
# register, verify, login, profile, logout with curl, stops it with SIGTERM, and prints the
# image's size and the cold start. Exits non-zero on any failure.
#
# Needs root and buildah (installed with apt-get when missing); builds the release binary when
# it is missing or stale (deploy/release-binary.sh). Not part of .ci/run: root, a release build.
#
#   deploy/image.sh                  build and test localhost/portcullis:<version>
#   IMAGE=name:tag deploy/image.sh   another name
#   OCI_ARCHIVE=path                 where the image is also written as an OCI archive
#                                    (default target/portcullis-oci.tar; `podman load -i` or
#                                    `skopeo copy oci-archive:…` take it elsewhere)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' "$root/Cargo.toml" | head -n 1)
image=${IMAGE:-localhost/portcullis:$version}
archive=${OCI_ARCHIVE:-$root/target/portcullis-oci.tar}

say() { printf '%s\n' "image.sh: $*" >&2; }
die() { say "FAILED: $*"; exit 1; }

[ "$(id -u)" = 0 ] || die "needs root (buildah mounts the image's file system)"
if ! command -v buildah >/dev/null; then
    say "installing buildah"
    apt-get install -y buildah >&2 || { apt-get update >&2 && apt-get install -y buildah >&2; }
fi
for tool in curl ldd ss; do command -v "$tool" >/dev/null || die "$tool is missing"; done
ca=/etc/ssl/certs/ca-certificates.crt
[ -f "$ca" ] || die "$ca is missing (apt-get install ca-certificates)"

bin=$("$root/deploy/release-binary.sh")

build=""
test_ctr=""
server=""
log=$(mktemp)
cleanup() {
    if [ -n "$server" ] && kill -0 "$server" 2>/dev/null; then kill -TERM "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
    [ -z "$test_ctr" ] || buildah rm "$test_ctr" >/dev/null 2>&1 || true
    [ -z "$build" ] || buildah rm "$build" >/dev/null 2>&1 || true
    rm -f "$log"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------------------------------------
# Build

say "building $image from scratch with $bin"
build=$(buildah from scratch)
mnt=$(buildah mount "$build")

install -D -m 0755 "$bin" "$mnt/usr/bin/portcullis"
# Symbols are for debuggers; a panic's message and location survive without them.
if command -v strip >/dev/null; then strip --strip-unneeded "$mnt/usr/bin/portcullis"; fi

# Every shared library the binary loads, at the path the loader looks for it, and the loader.
libs=$(ldd "$bin" | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }' | sort -u)
[ -n "$libs" ] || die "ldd lists no libraries for $bin"
for lib in $libs; do
    install -D -m 0755 "$(readlink -f "$lib")" "$mnt$lib"
done

install -D -m 0644 "$ca" "$mnt/etc/ssl/certs/ca-certificates.crt"
mkdir -p "$mnt/etc" "$mnt/tmp" "$mnt/data"
printf 'root:x:0:0:root:/root:/sbin/nologin\nportcullis:x:65532:65532:Portcullis:/data:/sbin/nologin\n' > "$mnt/etc/passwd"
printf 'root:x:0:\nportcullis:x:65532:\n' > "$mnt/etc/group"
printf 'hosts: files dns\n' > "$mnt/etc/nsswitch.conf"
chmod 1777 "$mnt/tmp"
chown 65532:65532 "$mnt/data"
chmod 0700 "$mnt/data"
buildah unmount "$build" >/dev/null

buildah config \
    --user 65532:65532 \
    --workingdir /data \
    --volume /data \
    --port 8080 \
    --env PATH=/usr/bin \
    --env PORTCULLIS_BIND=0.0.0.0:8080 \
    --env PORTCULLIS_DATABASE_URL=sqlite:///data/portcullis.db \
    --env SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt \
    --entrypoint '["/usr/bin/portcullis"]' \
    --cmd serve \
    --stop-signal SIGTERM \
    --label org.opencontainers.image.title=portcullis \
    --label org.opencontainers.image.version="$version" \
    --label org.opencontainers.image.description="User-authentication server" \
    "$build"
previous=$(buildah images --quiet --no-trunc "$image" 2>/dev/null || true)
buildah commit --quiet --format oci --rm "$build" "$image" >/dev/null
build=""
# The image this run replaced would be left untagged: remove it.
if [ -n "$previous" ] && [ "$previous" != "$(buildah images --quiet --no-trunc "$image")" ]; then
    buildah rmi "$previous" >/dev/null 2>&1 || true
fi
mkdir -p "$(dirname "$archive")"
rm -f "$archive"
buildah push --quiet "$image" "oci-archive:$archive:$image" >/dev/null

# ---------------------------------------------------------------------------------------------
# Test: cold start, then a user's whole journey, inside the image

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null ||
    echo $((20000 + $$ % 20000)))
base="http://127.0.0.1:$port"
test_ctr=$(buildah from "$image")
# Loopback and dev mode for the test only: the dev mailbox gives the verification link.
started=$(date +%s%N)
buildah run --isolation chroot --network host \
    --env PORTCULLIS_BIND="127.0.0.1:$port" \
    --env PORTCULLIS_DEV=true \
    --env PORTCULLIS_METRICS_BIND=off \
    "$test_ctr" -- /usr/bin/portcullis serve >"$log" 2>&1 &
server=$!
until curl -fsS -o /dev/null "$base/health/ready" 2>/dev/null; do
    kill -0 "$server" 2>/dev/null || { cat "$log" >&2; die "the server exited before it was ready"; }
    [ $(( ($(date +%s%N) - started) / 1000000000 )) -lt 60 ] || { cat "$log" >&2; die "not ready within 60 s"; }
    sleep 0.01
done
cold_ms=$(( ($(date +%s%N) - started) / 1000000 ))
ready_uptime=$(cut -d ' ' -f 1 /proc/uptime)
say "ready after ${cold_ms} ms"

email="image-test@example.com"
password="image test $(date +%s) portcullis"
jar=$(mktemp)
trap 'rm -f "$jar"; cleanup' EXIT
json() {
    path=$1 body=$2
    shift 2
    curl -fsS "$base$path" -H 'content-type: application/json' -d "$body" "$@"
}

json /api/auth/register "{\"email\": \"$email\", \"password\": \"$password\"}" >/dev/null ||
    die "register"
token=$(curl -fsS "$base/dev/mail?to=$email" | sed -n 's/.*verify-email?token=\([A-Za-z0-9_.~-]*\).*/\1/p' | head -n 1)
[ -n "$token" ] || die "no verification link in the dev mailbox"
json /api/auth/verify-email "{\"token\": \"$token\"}" >/dev/null || die "verify-email"
json /api/auth/login "{\"email\": \"$email\", \"password\": \"$password\"}" -c "$jar" | grep -q '"access_token"' ||
    die "login"
profile=$(curl -fsS -b "$jar" "$base/api/auth/user") || die "GET /api/auth/user"
printf '%s' "$profile" | grep -q "\"email\":\"$email\"" || die "the profile is not $email's: $profile"
printf '%s' "$profile" | grep -q '"email_verified":true' || die "the address is not verified: $profile"
curl -fsS -b "$jar" -X POST "$base/api/auth/logout" >/dev/null || die "logout"
after=$(curl -s -o /dev/null -w '%{http_code}' -b "$jar" "$base/api/auth/user")
[ "$after" = 401 ] || die "the session still works after logout ($after)"
say "register, verify, login, profile, logout: ok"

# The server runs as the image's user, and its database in /data is that user's. The process
# listening on the port is found from the host (`ss`); /proc reaches into its chroot.
pid=$(ss -Hltnp "sport = :$port" | sed -n 's/.*pid=\([0-9]*\).*/\1/p' | head -n 1)
[ -n "$pid" ] || die "no process listens on port $port"
uid=$(awk '/^Uid:/ { print $2 }' "/proc/$pid/status")
[ "$uid" = 65532 ] || die "the server runs as uid $uid, not 65532"
owner=$(stat -c %u "/proc/$pid/cwd/portcullis.db") || die "no portcullis.db in the working directory"
[ "$owner" = 65532 ] || die "/data/portcullis.db belongs to uid $owner, not 65532"
say "runs as uid 65532; /data/portcullis.db is its own"
# From the server's own exec (its start time, in clock ticks since boot) to ready, without
# buildah's setup of the container: 10 ms resolution.
exec_ms=$(awk -v up="$ready_uptime" -v hz="$(getconf CLK_TCK)" '{ printf "%d", (up - $22 / hz) * 1000 }' "/proc/$pid/stat")

# SIGTERM to the server itself: `buildah run` does not pass signals on (it kills its child).
kill -TERM "$pid"
status=0
wait "$server" || status=$?
server=""
[ "$status" = 0 ] || { cat "$log" >&2; die "exit status $status after SIGTERM"; }
grep -q "stopped: database pool closed" "$log" || { cat "$log" >&2; die "no graceful stop in the log"; }
say "SIGTERM: stopped gracefully"

size=$(buildah images --format '{{.Size}}' "$image" | head -n 1)
archive_bytes=$(stat -c %s "$archive")
echo "image: $image"
echo "image size: $size (buildah images); OCI archive $archive: $((archive_bytes / 1024 / 1024)) MiB ($archive_bytes bytes)"
echo "binary: $(stat -c %s "$bin") bytes built, $(ls $libs | wc -l) shared libraries: $(echo $libs | tr '\n' ' ')"
echo "cold start: exec of portcullis -> /health/ready 200: ${exec_ms} ms; with buildah run's setup: ${cold_ms} ms"
echo "login journey: ok"
