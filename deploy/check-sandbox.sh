#!/bin/sh
# Runs the binary under the parts of deploy/portcullis.service's sandbox that could break it,
# without systemd: kernel-enforced W^X memory (prctl PR_SET_MDWE, what MemoryDenyWriteExecute=
# asks for; Linux 6.3 or later), no capabilities at all (empty bounding, inheritable and
# ambient sets), no new privileges, an unprivileged user and UMask 0077. Then it exercises
# what could trip over them: mimalloc, Argon2 hashing on the blocking pool (register, login),
# OpenSSL making the provider's RSA key (/oauth2/jwks), SQLite with its WAL in a directory of
# its own, and a graceful stop. Needs root (to drop to the user), python3 (for the prctl) and
# setpriv. Not in .ci/run (root). The seccomp filter and the mount namespaces are systemd's
# alone; deploy/check-unit.sh checks the unit file itself.
#
#   deploy/check-sandbox.sh                         the debug build (cargo build first)
#   PORTCULLIS_BINARY=target/release/portcullis deploy/check-sandbox.sh
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${PORTCULLIS_BINARY:-$root/target/debug/portcullis}
uid=${SANDBOX_UID:-61234}

die() { echo "check-sandbox: FAILED: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || die "needs root, to run the server as uid $uid"
[ -x "$bin" ] || die "no binary at $bin"
for tool in python3 setpriv curl; do command -v "$tool" >/dev/null || die "$tool is missing"; done

dir=$(mktemp -d)
server=""
trap '[ -z "$server" ] || kill -TERM "$server" 2>/dev/null || true; rm -rf "$dir"' EXIT
chmod 0755 "$dir"
install -m 0755 "$bin" "$dir/portcullis"
mkdir -m 0700 "$dir/state"
chown "$uid:$uid" "$dir/state"
cat > "$dir/mdwe.py" <<'EOF'
import ctypes, os, sys
libc = ctypes.CDLL(None, use_errno=True)
PR_SET_MDWE, PR_GET_MDWE, PR_MDWE_REFUSE_EXEC_GAIN = 65, 66, 1
if libc.prctl(PR_SET_MDWE, PR_MDWE_REFUSE_EXEC_GAIN, 0, 0, 0) != 0:
    sys.exit("prctl(PR_SET_MDWE) failed (Linux 6.3 or later needed): errno %d" % ctypes.get_errno())
print("mdwe=%d" % libc.prctl(PR_GET_MDWE, 0, 0, 0, 0), file=sys.stderr, flush=True)
os.umask(0o077)
os.execv(sys.argv[1], sys.argv[1:])
EOF

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
(cd "$dir/state" && exec env -i PATH=/usr/bin:/bin \
    PORTCULLIS_BIND="127.0.0.1:$port" PORTCULLIS_METRICS_BIND=off PORTCULLIS_DEV=true \
    PORTCULLIS_DATABASE_URL="sqlite://$dir/state/portcullis.db" \
    python3 "$dir/mdwe.py" "$(command -v setpriv)" --reuid="$uid" --regid="$uid" --clear-groups \
    --no-new-privs --inh-caps=-all --ambient-caps=-all --bounding-set=-all -- \
    "$dir/portcullis" serve) > "$dir/log" 2>&1 &
server=$!
tries=0
until curl -fsS -o /dev/null "$base/health/ready" 2>/dev/null; do
    tries=$((tries + 1))
    kill -0 "$server" 2>/dev/null || { cat "$dir/log" >&2; die "the server exited"; }
    [ "$tries" -lt 600 ] || die "not ready within 60 s"
    sleep 0.1
done
# The subshell execs env, python, setpriv and then the server: one process, $server.
pid=$server
grep -E '^(Uid|CapEff|CapBnd|CapAmb|NoNewPrivs)' "/proc/$pid/status" | tr '\t' ' '
grep -q '^mdwe=1$' "$dir/log" || die "W^X memory (PR_SET_MDWE) is not on"
grep -q "^Uid:.*$uid" "/proc/$pid/status" || die "the server does not run as uid $uid"
grep -q "^CapEff:.0000000000000000" "/proc/$pid/status" || die "the server has capabilities"

json() { curl -fsS "$base$1" -H 'content-type: application/json' -d "$2"; }
password="sandbox check $(date +%s) horse"
json /api/auth/register "{\"email\": \"sandbox@example.com\", \"password\": \"$password\"}" >/dev/null || die "register (Argon2)"
json /api/auth/login "{\"email\": \"sandbox@example.com\", \"password\": \"$password\"}" | grep -q access_token || die "login"
curl -fsS "$base/oauth2/jwks" | grep -q '"RS256"' || die "the provider's RSA key (OpenSSL)"
mode=$(stat -c %a "$dir/state/portcullis.db")
[ "$mode" = 600 ] || die "the database is mode $mode, not 600 (UMask=0077)"
[ "$(stat -c %u "$dir/state/portcullis.db")" = "$uid" ] || die "the database is not uid $uid's"
kill -TERM "$server"
wait "$server" || die "exit status $? after SIGTERM"
server=""
grep -q "stopped: database pool closed" "$dir/log" || { cat "$dir/log" >&2; die "no graceful stop"; }
echo "sandbox: W^X memory (MDWE), no capabilities, no new privileges, uid $uid, umask 0077:" \
    "ready, register, login, RSA key, SQLite WAL, graceful stop: ok"
