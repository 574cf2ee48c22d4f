#!/usr/bin/env bash
# Server time per portal page (issue 7: p99 < 20 ms): wrk against each page of a demo server,
# a few connections at a time so that the latency is the server's work, not queueing.
#
#   bench/pages_http_bench.sh [build/release/apps/binhyen/binhyen]
#   DURATION=5 CONNECTIONS=4 THREADS=2 bench/pages_http_bench.sh
#
# The server listens on 127.0.0.1 only and stops by itself at the end. The console pages are
# asked for with a real session (the demo analyst signs in with password and TOTP code).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
binhyen=${1:-$root/build/release/apps/binhyen/binhyen}
DURATION=${DURATION:-5}
CONNECTIONS=${CONNECTIONS:-4}
THREADS=${THREADS:-2}

for tool in wrk curl python3 sqlite3; do
  command -v "$tool" >/dev/null || { echo "$tool is not installed (scripts/install-deps)" >&2; exit 1; }
done
[ -x "$binhyen" ] || { echo "no binary at $binhyen (make build)" >&2; exit 1; }

work=$(mktemp -d /tmp/binhyen-pages-bench.XXXXXX)
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && { kill -TERM "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; }
  rm -rf "$work"
}
trap cleanup EXIT
source "$root/bench/lib.sh"

"$binhyen" demo --data "$work/data" >"$work/demo.log" 2>&1
secret=$(awk '$1 == "phantich.an" {print $NF}' "$work/demo.log")
BINHYEN_LOG_ACCESS_LOG=false BINHYEN_LIMITS_CHECKS_PER_MINUTE=0 \
  BINHYEN_LIMITS_LOGINS_PER_MINUTE=0 \
  "$binhyen" serve --data "$work/data" --listen 127.0.0.1:0 >"$work/server.log" 2>&1 &
server_pid=$!
port=$(wait_for_port "$work/server.log")
base="http://127.0.0.1:$port"

db="$work/data/binhyen.db"
warning=$(sqlite3 "$db" "SELECT slug FROM warnings WHERE kind = 'warning' AND published_at IS NOT NULL LIMIT 1")
receipt=$(sqlite3 "$db" "SELECT receipt_code FROM reports WHERE status = 'confirmed' LIMIT 1")
report=$(sqlite3 "$db" "SELECT id FROM reports WHERE status = 'received' LIMIT 1")
article=$(sqlite3 "$db" "SELECT slug FROM articles WHERE status = 'published' AND category <> 'code-of-conduct' LIMIT 1")
quiz=$(sqlite3 "$db" "SELECT slug FROM quizzes WHERE status = 'open' LIMIT 1")
campaign=$(sqlite3 "$db" "SELECT id FROM campaigns WHERE status = 'sent' LIMIT 1")
listed=$(sqlite3 "$db" "SELECT canonical FROM indicators WHERE kind = 'url' AND status = 'confirmed' LIMIT 1")
encode() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$1"; }
message="Công an TP thông báo: bạn liên quan đến đường dây rửa tiền. Chuyển ngay 50 triệu vào STK 0355829147 MB Bank để xác minh, không được nói với ai."

# Sign in as the demo analyst (TOTP from the secret the demo printed).
code=$(python3 - "$secret" <<'PY'
import base64, hashlib, hmac, struct, sys, time
key = base64.b32decode(sys.argv[1])
mac = hmac.new(key, struct.pack(">Q", int(time.time()) // 30), hashlib.sha1).digest()
o = mac[-1] & 15
print("%06d" % ((struct.unpack(">I", mac[o:o + 4])[0] & 0x7fffffff) % 1000000))
PY
)
curl -sf -c "$work/cookies" -H 'Content-Type: application/json' \
  -d "{\"name\":\"phantich.an\",\"password\":\"binhyen-demo\",\"totp\":\"$code\"}" \
  "$base/api/v1/login" >/dev/null || { echo "FAIL: sign-in" >&2; exit 1; }
session=$(awk '$6 == "by_session" {print $7}' "$work/cookies")

pages=(
  "/"
  "/kiem-tra?q=$(encode "$listed")"
  "/kiem-tra?q=$(encode "$message")"
  "/bao-cao"
  "/bao-cao/$receipt"
  "/canh-bao"
  "/canh-bao/$warning"
  "/dinh-chinh"
  "/huong-dan"
  "/thong-ke"
  "/khieu-nai"
  "/bai-viet"
  "/bai-viet/$article"
  "/quy-tac-ung-xu"
  "/cau-do/$quiz"
  "/tap-huan"
  "/kenh-cong-dong"
  "/dot-pho-bien/$campaign"
  "/quan-tri"
  "/quan-tri/bao-cao/$report"
)

printf '%-40s %10s %9s %9s\n' page "req/s" p50 p99
for page in "${pages[@]}"; do
  header=()
  [[ $page == /quan-tri* ]] && header=(-H "Cookie: by_session=$session")
  status=$(curl -s -o /dev/null -w '%{http_code}' "${header[@]}" "$base$page")
  [ "$status" = 200 ] || { echo "FAIL: $page answered $status" >&2; exit 1; }
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "${header[@]}" "$base$page")
  bad=$(awk '/Non-2xx|Socket errors/ {print}' <<<"$out")
  [ -z "$bad" ] || { echo "FAIL: $page: $bad" >&2; exit 1; }
  printf '%-40s %10s %9s %9s\n' "${page:0:40}" "$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")" \
    "$(awk '$1 == "50%" {print $2}' <<<"$out")" "$(awk '$1 == "99%" {print $2}' <<<"$out")"
done
