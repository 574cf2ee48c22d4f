#!/usr/bin/env bash
# `binhyen import` end to end through the binary: the bilingual summary and the JSON one with
# the bad lines and their numbers, re-import (kept / expired), --list, --disable / --enable,
# --strict, refused arguments and their exit codes, one audit entry per change.
# Runs against SQLite, and against PostgreSQL too when BINHYEN_TEST_POSTGRES_URL is set.
# Usage: import_cli_test.sh path/to/binhyen
set -u
DB_PREFIX=import_cli
source "$(dirname "$0")/store_lib.sh"

mask_times() { sed -E 's/20[0-9]{2}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z/T/g'; }

suite() {
  begin_suite "$1"
  local f="$tmp/$backend/hosts.txt"
  mkdir -p "$tmp/$backend"
  printf '# a hosts file\n0.0.0.0 lua-dao-ngan-hang.com\ngarbage here\n127.0.0.1 localhost\n0.0.0.0 nhan-qua-mien-phi.xyz\n' >"$f"

  # --- refused before anything is created
  expect_err "binhyen import: cannot read $tmp/missing.txt: No such file or directory" 1 -- \
    import --data "$d" "${S[@]}" --format hosts "$tmp/missing.txt" --source t --trust high
  expect_err "binhyen import: --format: unknown format 'nope' (plain, hosts, adblock, adguard, rpz, dnsmasq, unbound, bind, csv, urlhaus, openphish, phishtank, chongluadao, stix, misp)" 2 -- \
    import --data "$d" "${S[@]}" --format nope "$f" --source t --trust high
  expect_err "binhyen import: --trust is required: low, medium or high" 2 -- \
    import --data "$d" "${S[@]}" --format hosts "$f" --source t
  expect_err "binhyen import: --source is required" 2 -- \
    import --data "$d" "${S[@]}" --format hosts "$f" --trust high
  [ ! -e "$d" ] && ok || bad "a refused import created $d"

  # --- first import: two hosts, one bad line (line 3), two skipped
  expect_out "Đã nhập nguồn 'vn-hosts' (hosts): 2 mục đọc được, 2 mới, 0 giữ nguyên, 0 hết hạn, 2 dòng bỏ qua, 1 dòng lỗi; phiên bản 1.
Imported source 'vn-hosts' (hosts): 2 entries read, 2 new, 0 kept, 0 expired, 2 lines skipped, 1 bad lines; version 1.
Các dòng lỗi đầu tiên / First bad lines:
  dòng/line 3: expected 'IP host...': 'garbage here'" 0 -- \
    import --data "$d" "${S[@]}" --format hosts "$f" --source vn-hosts --trust high
  expect_err "binhyen import: name: must be 1..64 characters of a-z 0-9 . _ -" 2 -- \
    import --data "$d" "${S[@]}" --format hosts "$f" --source "Bad Name" --trust high

  # --- re-import without one host: JSON summary
  printf '0.0.0.0 nhan-qua-mien-phi.xyz\n0.0.0.0 moi-them.net\n' >"$f"
  expect_out '{"added":1,"error_count":0,"errors":[],"expired":1,"format":"hosts","kept":1,"parsed":2,"skipped":0,"source":"vn-hosts","version":2}' 0 -- \
    import --data "$d" "${S[@]}" --format hosts "$f" --source vn-hosts --trust high --json
  check "stored entries" "$(sql "$d" "$u" "SELECT canonical, expired_at IS NULL FROM feed_entries ORDER BY canonical" | tr '|' ' ')" \
    "$(printf '%s\n' "lua-dao-ngan-hang.com 0" "moi-them.net 1" "nhan-qua-mien-phi.xyz 1" | \
       if [ "$backend" == postgres ]; then sed 's/ 0$/ f/; s/ 1$/ t/'; else cat; fi)"

  # --- --list, --disable, --enable
  run import --data "$d" "${S[@]}" --list
  check "list" "$rc $(printf '%s' "$out" | mask_times)" "0 name	format	trust	enabled	imported_at	active_entries	version
vn-hosts	hosts	high	yes	T	2	2"
  expect_out "Đã tắt nguồn 'vn-hosts' / Source 'vn-hosts' disabled." 0 -- import --data "$d" "${S[@]}" --disable vn-hosts
  run import --data "$d" "${S[@]}" --list --json
  check "list json" "$rc $(printf '%s' "$out" | mask_times)" \
    '0 [{"active_entries":2,"enabled":false,"format":"hosts","imported_at":"T","name":"vn-hosts","trust":"high","version":3}]'
  expect_out "Đã bật nguồn 'vn-hosts' / Source 'vn-hosts' enabled." 0 -- import --data "$d" "${S[@]}" --enable vn-hosts
  expect_err "binhyen import --enable: feed nope: not found" 2 -- import --data "$d" "${S[@]}" --enable nope
  expect_err "binhyen import: give one of FILE, --list, --enable NAME, --disable NAME" 2 -- \
    import --data "$d" "${S[@]}" --list --enable vn-hosts

  # --- --strict refuses the whole file: nothing changes
  printf '0.0.0.0 khac.com\nnot a hosts line\n' >"$f"
  expect_err "binhyen import: line 2: expected 'IP host...': 'not a hosts line'" 1 -- \
    import --data "$d" "${S[@]}" --format hosts "$f" --source vn-hosts --trust high --strict
  check "strict kept the entries" "$(sql "$d" "$u" "SELECT count(*) FROM feed_entries WHERE canonical = 'khac.com'")" "0"

  # --- one audit entry per change, chain intact
  run audit list --data "$d" "${S[@]}"
  check "audit list" "$(printf '%s\n' "$out" | cut -f3,4,5,6 | grep feed)" "$(printf '%s\n' \
    "cli:$me	feed.import	feed:vn-hosts	format=hosts trust=high parsed=2 added=2 kept=0 expired=0 skipped=2 errors=1 version=1" \
    "cli:$me	feed.import	feed:vn-hosts	format=hosts trust=high parsed=2 added=1 kept=1 expired=1 skipped=0 errors=0 version=2" \
    "cli:$me	feed.disable	feed:vn-hosts	" \
    "cli:$me	feed.enable	feed:vn-hosts	")"
  run audit verify --data "$d" "${S[@]}"
  check "audit verify" "$rc" "0"
}

suite sqlite
if [ -n "$PG_BASE" ]; then
  suite postgres
fi

echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
