#!/usr/bin/env bash
# Real-browser tests of the web portal: fills a temporary data directory with the demo data set,
# starts `binhyen serve` on a free loopback port, waits for /readyz and runs portal.test.mjs, then
# every other *.test.mjs here (Playwright in Debian's Chromium). The server and the temporary
# files are removed on exit.
#
# Usage: run.sh BINHYEN [ARTIFACTS_DIR]
#   BINHYEN        the binhyen binary (CTest passes $<TARGET_FILE:binhyen>)
#   ARTIFACTS_DIR  screenshots, results.json, server.log; default: browser-artifacts in the
#                  build directory of BINHYEN (build/<preset>/browser-artifacts)
# Exit codes: 0 all steps passed; 77 skipped (no Node.js on this machine); anything else a
# failure (a missing tests/browser/node_modules too: scripts/install-deps installs it).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
if [ $# -lt 1 ] || [ $# -gt 2 ]; then
  echo "usage: $0 BINHYEN [ARTIFACTS_DIR]" >&2
  exit 2
fi
if [ ! -d "$here/node_modules" ]; then
  # Only a machine without Node.js skips; with npm present, scripts/install-deps (run first by
  # `make test`) installs the packages, so their absence is a failure, not a reason to skip.
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    echo "SKIP: Node.js and npm are not installed, so the browser tests cannot run"
    exit 77
  fi
  echo "FAIL: $here/node_modules is absent: run scripts/install-deps (npm ci in tests/browser)" >&2
  exit 1
fi
[ -x "$1" ] || { echo "FAIL: $1 is not an executable" >&2; exit 1; }
bin=$(realpath "$1")
artifacts=${2:-$(dirname "$(dirname "$(dirname "$bin")")")/browser-artifacts}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/binhyen-browser.XXXXXX")
server_pid=""
# shellcheck disable=SC2317  # run by the EXIT trap
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  if [ -f "$tmp/server.log" ]; then cp "$tmp/server.log" "$artifacts/server.log" || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT

mkdir -p "$artifacts"
rm -f "$artifacts"/*.png "$artifacts/results.json" "$artifacts/server.log"

# The demo data set; its output names the sign-in names, the shared password and TOTP secrets.
"$bin" demo --data "$tmp/data" >"$tmp/demo.txt" 2>&1 || {
  cat "$tmp/demo.txt" >&2
  echo "FAIL: binhyen demo" >&2
  exit 1
}
analyst=phantich.an
password=$(sed -n 's/.*shared password: \([^ )]*\).*/\1/p' "$tmp/demo.txt" | head -n 1)
totp_secret=$(awk -v n="$analyst" '$1 == n && $(NF - 1) == "TOTP" { print $NF }' "$tmp/demo.txt")
# The admin (the audit log and users are admins' pages): the sign-in name of role "admin".
admin=$(awk '$2 == "admin" && $(NF - 1) == "TOTP" { print $1; exit }' "$tmp/demo.txt")
admin_totp_secret=$(awk '$2 == "admin" && $(NF - 1) == "TOTP" { print $NF; exit }' "$tmp/demo.txt")
if [ -z "$password" ] || [ -z "$totp_secret" ] || [ -z "$admin" ] || [ -z "$admin_totp_secret" ]
then
  cat "$tmp/demo.txt" >&2
  echo "FAIL: no password, or no TOTP secret of $analyst or of an admin, in binhyen demo's output" >&2
  exit 1
fi

# Port 0: the server picks a free port and logs "serving http://127.0.0.1:PORT".
"$bin" serve --data "$tmp/data" --listen 127.0.0.1:0 >"$tmp/server.log" 2>&1 &
server_pid=$!
port=""
for _ in $(seq 1 200); do
  port=$(sed -n 's/.*serving http:\/\/127\.0\.0\.1:\([0-9][0-9]*\).*/\1/p' "$tmp/server.log" |
         head -n 1)
  [ -n "$port" ] && break
  kill -0 "$server_pid" 2>/dev/null || break
  sleep 0.1
done
if [ -z "$port" ]; then
  cat "$tmp/server.log" >&2
  echo "FAIL: the server did not start" >&2
  exit 1
fi

# /readyz answers 200 once the server serves (bash's /dev/tcp: no HTTP client needed).
ready=0
for _ in $(seq 1 200); do
  if { exec 3<>"/dev/tcp/127.0.0.1/$port"; } 2>/dev/null; then
    printf 'GET /readyz HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3
    status=$(head -n 1 <&3 || true)
    exec 3<&- 3>&-
    if [[ "$status" == *" 200 "* ]]; then ready=1; break; fi
  fi
  sleep 0.1
done
if [ $ready -ne 1 ]; then
  cat "$tmp/server.log" >&2
  echo "FAIL: http://127.0.0.1:$port/readyz did not answer 200" >&2
  exit 1
fi

# Chromium's profile, caches and crash dumps stay in the temporary directory.
mkdir -p "$tmp/home"
rc=0
HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/home/.config" XDG_CACHE_HOME="$tmp/home/.cache" \
  TMPDIR="$tmp" BASE_URL="http://127.0.0.1:$port" ANALYST="$analyst" PASSWORD="$password" \
  TOTP_SECRET="$totp_secret" ADMIN="$admin" ADMIN_TOTP_SECRET="$admin_totp_secret" \
  ARTIFACTS="$artifacts" DEMO_OUTPUT="$tmp/demo.txt" \
  node "$here/portal.test.mjs" || rc=$?
# The other suites (programme flows...), each in its own Node process against the same server,
# after the portal suite; DEMO_OUTPUT lets them find any demo account.
for suite in "$here"/*.test.mjs; do
  [ "$(basename "$suite")" = portal.test.mjs ] && continue
  [ $rc -eq 0 ] || break
  HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/home/.config" XDG_CACHE_HOME="$tmp/home/.cache" \
    TMPDIR="$tmp" BASE_URL="http://127.0.0.1:$port" ANALYST="$analyst" PASSWORD="$password" \
    TOTP_SECRET="$totp_secret" ADMIN="$admin" ADMIN_TOTP_SECRET="$admin_totp_secret" \
    ARTIFACTS="$artifacts" DEMO_OUTPUT="$tmp/demo.txt" \
    node "$suite" || rc=$?
done
if [ $rc -ne 0 ]; then
  echo "server log (last 15 lines; all of it in $artifacts/server.log):"
  tail -n 15 "$tmp/server.log"
  # Never report a failure as a skip.
  [ $rc -eq 77 ] && rc=1
fi
exit $rc
