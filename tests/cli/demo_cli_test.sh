#!/usr/bin/env bash
# `binhyen demo` end to end through the binary: the printed summary (counts, sign-in names, the
# shared password, TOTP secrets, the token, the next command), what is stored, an intact audit
# chain, the same content for the same --seed, and a second run on the same data refused
# without writing anything.
# Runs against SQLite, and against PostgreSQL too when BINHYEN_TEST_POSTGRES_URL is set (each
# store gets its own throwaway database).
# Usage: demo_cli_test.sh path/to/binhyen
set -u
DB_PREFIX=demo_cli
source "$(dirname "$0")/store_lib.sh"

# line N: line N of $out.
line() { printf '%s\n' "$out" | sed -n "$1p"; }

suite() {
  begin_suite "$1"

  # --- a fresh data directory: migrated and filled; the summary says what was made
  run demo --data "$d" "${S[@]}"
  check "demo rc" "$rc" 0
  check "demo stderr" "$err" ""
  check "title" "$(line 1)" "Đã tạo dữ liệu mẫu Bình Yên cho thị xã Đức Phổ tại $d / demo data created in $d"
  check "units" "$(line 2)" \
    "  Đơn vị / units: 23 (8 phường / ward, 7 xã / commune, 3 trường học / school, 4 cơ quan / agency, 1 doanh nghiệp / business)"
  check "users" "$(line 3)" "  Người dùng / users: 12"
  [[ "$(line 4)" =~ ^"  Báo cáo / reports: 60 (13 mới tiếp nhận / received, 10 đang xử lý / triaging, 24 đã xác minh / confirmed, 6 bác bỏ / rejected, 7 trùng lặp / duplicate); "[0-9]+" liên kết với báo cáo khác / linked to others"$ ]] &&
    ok || bad "reports line [$(line 4)]"
  check "indicators" "$(line 5)" "  Dấu hiệu lừa đảo đã xác minh / confirmed indicators: 29"
  check "warnings" "$(line 6)" "  Cảnh báo / warnings: 3 (+1 bản nháp / draft); đính chính / clarifications: 1"
  check "imported source" "$(line 7)" "  Nguồn danh sách bên ngoài / imported source: hostsvn-mau, 12 tên miền / domains (tin cậy vừa / trust medium)"
  check "password" "$(line 9)" "Tài khoản đăng nhập / sign-in names (mật khẩu chung / shared password: binhyen-demo):"
  [[ "$(line 10)" =~ ^"  quantri             admin            cong-an-duc-pho"\ +"TOTP "[A-Z2-7]{32}$ ]] &&
    ok || bad "admin line [$(line 10)]"
  [[ "$(line 11)" =~ ^"  phantich.an         analyst          cong-an-duc-pho"\ +"TOTP "[A-Z2-7]{32}$ ]] &&
    ok || bad "analyst line [$(line 11)]"
  check "member line" "$(line 21)" "  le.minh.khoa        member           agribank-duc-pho"
  check "token title" "$(line 25)" "Token API của / API token of phantich.an (reports:read reports:triage):"
  [[ "$(line 26)" =~ ^"  "[A-Za-z0-9_-]{43}$ ]] && ok || bad "token line [$(line 26)]"
  check "next" "$(printf '%s\n' "$out" | tail -n 1)" "Bước tiếp theo / next: binhyen serve --data $d"

  # --- what is stored
  check "stored units" "$(sql "$d" "$u" "SELECT kind || ' ' || count(*) FROM units GROUP BY kind ORDER BY kind")" \
    "$(printf '%s\n' "agency 4" "business 1" "commune 7" "school 3" "ward 8")"
  check "stored roles" "$(sql "$d" "$u" "SELECT role || ' ' || count(*) FROM users GROUP BY role ORDER BY role")" \
    "$(printf '%s\n' "admin 1" "analyst 2" "finance 1" "member 3" "programme_admin 1" "unit_officer 4")"
  check "stored reports" "$(sql "$d" "$u" "SELECT status || ' ' || count(*) FROM reports GROUP BY status ORDER BY status")" \
    "$(printf '%s\n' "confirmed 24" "duplicate 7" "received 13" "rejected 6" "triaging 10")"
  check "stored warnings" "$(sql "$d" "$u" "SELECT count(*) FROM warnings")" 5
  check "stored tasks" "$(sql "$d" "$u" "SELECT status || ' ' || count(*) FROM tasks GROUP BY status ORDER BY status")" \
    "$(printf '%s\n' "cancelled 1" "done 2" "in_progress 2" "open 2")"
  check "stored plan" "$(sql "$d" "$u" "SELECT (SELECT count(*) FROM self_assessments) || ' ' || (SELECT count(*) FROM budget_lines) || ' ' || (SELECT count(*) FROM reviews)")" \
    "8 6 1"
  [ "$(sql "$d" "$u" "SELECT count(*) FROM reward_proposals WHERE review_id = 1")" -gt 0 ] && ok ||
    bad "the demo review has no reward candidates"
  check "the token is not stored" "$(dump_has "$d" "$u" "$(line 25 | tr -d ' ')")" 0
  run audit verify --data "$d" "${S[@]}"
  check "audit verify" "$rc $out" "0 audit chain intact: 331 entries"

  # --- a second run on the same data is refused and writes nothing
  local receipts
  receipts=$(sql "$d" "$u" "SELECT receipt_code || ' ' || ward FROM reports ORDER BY id")
  expect_err "binhyen demo: $d already has data; use a fresh --data directory" 2 -- demo --data "$d" "${S[@]}"
  check "still 60 reports" "$(sql "$d" "$u" "SELECT count(*) FROM reports")" 60
  check "still 12 users" "$(sql "$d" "$u" "SELECT count(*) FROM users")" 12
  run audit verify --data "$d" "${S[@]}"
  check "audit unchanged" "$rc $out" "0 audit chain intact: 331 entries"

  # --- the same seed gives the same content; another seed another one
  local u2 u3
  u2=$(new_store two)
  u3=$(new_store three)
  local S2=() S3=()
  [ -n "$u2" ] && S2=(--store "$u2")
  [ -n "$u3" ] && S3=(--store "$u3")
  run demo --data "$tmp/$backend/same" "${S2[@]}" --seed 1
  check "same seed rc" "$rc" 0
  check "same seed, same receipts and wards" \
    "$(sql "$tmp/$backend/same" "$u2" "SELECT receipt_code || ' ' || ward FROM reports ORDER BY id")" "$receipts"
  run demo --data "$tmp/$backend/other" "${S3[@]}" --seed 2
  check "other seed rc" "$rc" 0
  [ "$(sql "$tmp/$backend/other" "$u3" "SELECT receipt_code || ' ' || ward FROM reports ORDER BY id")" != "$receipts" ] &&
    ok || bad "seed 2 made the same receipts and wards as seed 1"

  # --- a bad seed is a usage error
  run demo --data "$tmp/$backend/bad" --seed abc
  check "bad seed rc" "$rc" 2
}

# dump_has DATA_DIR URL TEXT: how many lines of a text dump of the database contain TEXT.
dump_has() {
  if [ -z "$2" ]; then sqlite3 "$1/binhyen.db" .dump | grep -c -- "$3"; else
    pg_dump --no-owner "$2" | grep -c -- "$3"; fi
}

suite sqlite
if [ -n "$PG_BASE" ]; then
  suite postgres
fi

echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
