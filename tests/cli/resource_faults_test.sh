#!/usr/bin/env bash
# Resource faults (issue 10, deliverable 2), through the real binary:
#
#  A. disk full: `binhyen serve` keeps its data directory on a 16 MiB tmpfs. Once a file fills
#     it, report intake (JSON, multipart with a screenshot, the portal's form) answers 503 with
#     a message saying the report was NOT saved, the server keeps running, and nothing already
#     accepted is lost or corrupted. When space is freed, intake works again without a restart;
#     after a restart every report answered 201 is there, the audit chain verifies and SQLite's
#     integrity check passes. Needs root (mount); skipped otherwise.
#  B. PostgreSQL connection lost (when BINHYEN_TEST_POSTGRES_URL is set): the server's store
#     connections are killed with pg_terminate_backend; requests fail fast (under 2 s, 503) or
#     succeed on a fresh connection, and the server recovers by itself: the next reports are 201
#     and every report answered 201 is stored.
# Usage: resource_faults_test.sh BINHYEN. Exit 77 when neither part could run.
set -u
if [ $# -ne 1 ]; then
  echo "usage: $0 BINHYEN" >&2
  exit 2
fi
B=$(realpath "$1")
pass=0
fail=0
ran=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/binhyen-faults.XXXXXX")
server_pid=""
mnt=""
pg_db=""
cleanup() {
  if [ -n "$server_pid" ]; then
    kill -KILL "$server_pid" 2>/dev/null
    wait "$server_pid" 2>/dev/null
  fi
  [ -n "$mnt" ] && umount "$mnt" 2>/dev/null
  if [ -n "$pg_db" ]; then
    psql "$BINHYEN_TEST_POSTGRES_URL" -qAt -c "DROP DATABASE IF EXISTS $pg_db WITH (FORCE)" \
      >/dev/null 2>&1
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT
ok() { pass=$((pass + 1)); }
bad() {
  fail=$((fail + 1))
  echo "FAIL: $*"
}
check() { if [ "$2" == "$3" ]; then ok; else bad "$1: got [$2], want [$3]"; fi; }
contains() { if [[ "$2" == *"$3"* ]]; then ok; else bad "$1: [$2] lacks [$3]"; fi; }

export BINHYEN_LIMITS_REPORTS_PER_MINUTE=1000000 BINHYEN_LIMITS_REPORTS_BURST=1000000

# start_server ARGS...: `binhyen serve ARGS --listen 127.0.0.1:0`; waits until it answers
# /readyz; sets server_pid and port.
start_server() {
  local log="$tmp/server.log"
  "$B" serve "$@" --listen 127.0.0.1:0 >"$log" 2>&1 &
  server_pid=$!
  port=""
  for _ in $(seq 1 500); do
    port=$(sed -n 's/.*serving http:\/\/127\.0\.0\.1:\([0-9][0-9]*\).*/\1/p' "$log" | head -n 1)
    if [ -n "$port" ] &&
      [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/readyz")" == 200 ]; then
      return 0
    fi
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.02
  done
  cat "$log" >&2
  echo "FATAL: the server did not start" >&2
  exit 1
}
stop_server() {
  kill -TERM "$server_pid" 2>/dev/null
  wait "$server_pid" 2>/dev/null
  local rc=$?
  check "server exit status" "$rc" 0
  server_pid=""
}
# post_json TAG: files an anonymous report naming TAG; prints "CODE SECONDS" then the body.
post_json() {
  curl -s --max-time 20 -w '\n%{http_code} %{time_total}' -H 'Content-Type: application/json' \
    --data-binary "{\"category\":\"scam_call\",\"description\":\"Báo cáo $1: có người gọi tự xưng công an yêu cầu chuyển tiền vào tài khoản an toàn\",\"anonymous\":true}" \
    "http://127.0.0.1:$port/api/v1/reports"
}
code_of() { printf '%s' "${1##*$'\n'}" | cut -d' ' -f1; }
seconds_of() { printf '%s' "${1##*$'\n'}" | cut -d' ' -f2; }
# accepted: the reports answered 201 so far, by tag (one per line).
accepted="$tmp/accepted"
: >"$accepted"
# file TAG: post_json; records TAG when answered 201; sets $resp and $code.
file() {
  resp=$(post_json "$1")
  code=$(code_of "$resp")
  [ "$code" == 201 ] && echo "$1" >>"$accepted"
}

# ---------------------------------------------------------------------------------------------
# A. Disk full.
mnt="$tmp/mnt"
mkdir -p "$mnt"
if ! mount -t tmpfs -o size=16m,mode=0755 tmpfs "$mnt" 2>/dev/null; then
  echo "resource_faults: A skipped (mounting a tmpfs needs root)"
  mnt=""
else
  ran=$((ran + 1))
  d="$mnt/data"
  "$B" migrate --data "$d" >/dev/null || exit 1
  start_server --data "$d"
  for i in 1 2 3; do
    file "a$i"
    check "A: report a$i before the disk is full" "$code" 201
  done
  # Fill the file system (dd stops at ENOSPC).
  dd if=/dev/zero of="$mnt/filler" bs=64k >/dev/null 2>&1
  check "A: the disk is full" "$(df --output=avail "$mnt" | tail -n 1 | tr -d ' ')" 0
  for i in 4 5; do
    file "a$i"
    check "A: JSON report a$i on a full disk" "$code" 503
    contains "A: the answer says why" "$resp" '"detail":"commit: disk full"'
    contains "A: the answer says so in Vietnamese" "$resp" '"detail_vi":"'
  done
  printf '\x89PNG\r\n\x1a\nscreenshot' >"$tmp/anh.png"
  resp=$(printf '%s' '{"category":"bank_impersonation","description":"Tin nhắn mạo danh ngân hàng kèm ảnh chụp màn hình","anonymous":true}' |
    curl -s --max-time 20 -w '\n%{http_code}' -F 'report=<-;type=application/json' \
      -F "evidence=@$tmp/anh.png;type=image/png;filename=anh.png" \
      "http://127.0.0.1:$port/api/v1/reports")
  check "A: multipart report with a screenshot on a full disk" "${resp##*$'\n'}" 503
  # The portal's form: the resident reads that the report was NOT saved.
  page=$(curl -s -c "$tmp/cookies" "http://127.0.0.1:$port/bao-cao")
  token=$(printf '%s' "$page" | grep -o 'name="csrf_token" value="[^"]*"' | head -n 1 |
    cut -d'"' -f4)
  form=$(curl -s -b "$tmp/cookies" -w '\n%{http_code}' -F "csrf_token=$token" \
    -F category=scam_call -F "description=Có người gọi tự xưng công an đòi chuyển tiền" \
    -F anonymous=1 -F phone=0912345678 -F consent=1 "http://127.0.0.1:$port/bao-cao")
  check "A: the portal's form on a full disk" "${form##*$'\n'}" 503
  contains "A: the portal says the report was not saved" "$form" "CHƯA được lưu"
  check "A: the server still runs" "$(kill -0 "$server_pid" 2>/dev/null && echo yes)" yes
  check "A: /healthz on a full disk" \
    "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/healthz")" 200
  # Space again: intake works without a restart.
  rm -f "$mnt/filler"
  file a6
  check "A: report a6 once space is freed" "$code" 201
  stop_server
  start_server --data "$d"
  while read -r tag; do
    n=$(sqlite3 "$d/binhyen.db" "SELECT count(*) FROM reports WHERE description LIKE '%Báo cáo $tag:%'" </dev/null)
    check "A: report $tag answered 201 is stored" "$n" 1
  done <"$accepted"
  check "A: reports stored" "$(sqlite3 "$d/binhyen.db" 'SELECT count(*) FROM reports')" \
    "$(wc -l <"$accepted")"
  stop_server
  out=$("$B" audit verify --data "$d" 2>&1)
  contains "A: audit chain" "$out" "audit chain intact"
  check "A: integrity_check" "$(sqlite3 "$d/binhyen.db" 'PRAGMA integrity_check')" ok
  umount "$mnt"
  mnt=""
fi

# ---------------------------------------------------------------------------------------------
# B. PostgreSQL connections lost.
if [ -z "${BINHYEN_TEST_POSTGRES_URL:-}" ]; then
  echo "resource_faults: B skipped (BINHYEN_TEST_POSTGRES_URL is not set)"
else
  ran=$((ran + 1))
  : >"$accepted"
  pg_db="resource_faults_$$"
  PG="$BINHYEN_TEST_POSTGRES_URL"
  psql "$PG" -qAt -c "CREATE DATABASE $pg_db" >/dev/null || exit 1
  url="${PG%/*}/$pg_db"
  start_server --data "$tmp/pg-data" --store "$url"
  file b1
  check "B: report b1" "$code" 201
  for round in 1 2 3; do
    killed=$(psql "$PG" -qAt -c "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '$pg_db'")
    if [ "$killed" -ge 1 ]; then ok; else bad "B$round: no connection to terminate ($killed)"; fi
    file "b$round-first"
    echo "resource_faults: B$round: first report after the loss answered $code in $(seconds_of "$resp") s"
    case "$code" in
      201) ok ;;
      503) if awk "BEGIN { exit !($(seconds_of "$resp") < 2) }"; then ok; else
        bad "B$round: the 503 took $(seconds_of "$resp") s"
      fi ;;
      *) bad "B$round: first report after the loss answered $code: $resp" ;;
    esac
    # Recovers by itself within a few requests.
    recovered=no
    for i in 1 2 3 4 5; do
      file "b$round-$i"
      if [ "$code" == 201 ]; then
        recovered=yes
        break
      fi
      sleep 0.2
    done
    check "B$round: recovered without a restart" "$recovered" yes
  done
  stop_server
  while read -r tag; do
    n=$(psql "$url" -qAt -c "SELECT count(*) FROM reports WHERE description LIKE '%Báo cáo $tag:%'" </dev/null)
    check "B: report $tag answered 201 is stored" "$n" 1
  done <"$accepted"
fi

echo "$pass passed, $fail failed"
if [ "$ran" -eq 0 ]; then exit 77; fi
[ "$fail" -eq 0 ]
