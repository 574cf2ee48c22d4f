#!/usr/bin/env bash
# `binhyen report submit|show` end to end through the binary: exact outputs and exit codes, the
# contact stored only encrypted (checked on a text dump of the database), linking of reports
# sharing an indicator, one audit entry per report and an intact chain, refused inputs leaving
# nothing behind.
# Runs against SQLite, and against PostgreSQL too when BINHYEN_TEST_POSTGRES_URL is set (each
# store gets its own throwaway database).
# Usage: report_cli_test.sh path/to/binhyen
set -u
DB_PREFIX=report_cli
source "$(dirname "$0")/store_lib.sh"

# Replaces RFC 3339 times by T (they come from the real clock).
mask_times() { sed -E 's/"20[0-9]{2}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z"/"T"/g'; }
# dump DATA_DIR URL: the whole database as text.
dump() {
  if [ -z "$2" ]; then sqlite3 "$1/binhyen.db" .dump; else pg_dump --no-owner "$2"; fi
}

suite() {
  begin_suite "$1"

  # --- refused inputs are checked before anything is created
  STDIN='{"category": "phishing", "description": "x"'
  expect_err "binhyen report submit: input: not valid JSON (at byte 45)" 2 -- report submit --data "$d" "${S[@]}"
  [ ! -e "$d" ] && ok || bad "a refused submission created $d"

  # --- a report with a contact: JSON summary, then the receipt code alone on the last line
  STDIN='{"category": "fake_police",
   "description": "Có người gọi từ số 0987.654.321 tự xưng công an, bảo vào http://bocongan-xacminh.top/ho-so để khai báo.",
   "occurred_at": "2026-11-20T08:30:00+07:00", "loss_vnd": 15000000, "ward": "P01",
   "indicators": [{"kind": "phone", "value": "0987 654 321"}, {"value": "zalo.me/0977111222"}],
   "contact": {"name": "Nguyễn Văn An", "phone": "0912345678", "email": "an@example.vn"}}'
  run report submit --data "$d" "${S[@]}"
  local receipt1
  receipt1=$(printf '%s\n' "$out" | tail -n 1)
  check "submit rc" "$rc" 0
  check "submit stderr" "$err" ""
  [[ "$receipt1" =~ ^BY-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$ ]] && ok || bad "receipt [$receipt1]"
  check "submit lines" "$(printf '%s\n' "$out" | wc -l)" 2
  check "submit summary" "$(printf '%s\n' "$out" | head -n 1)" \
    '{"id":1,"indicators":[{"canonical":"+84987654321","kind":"phone","raw":"0987 654 321"},{"canonical":"zalo:+84977111222","kind":"social","raw":"zalo.me/0977111222"},{"canonical":"http://bocongan-xacminh.top/ho-so","kind":"url","raw":"http://bocongan-xacminh.top/ho-so"}],"linked_report_ids":[],"receipt":"'"$receipt1"'","status":"received"}'
  check "stored report" "$(sql "$d" "$u" "SELECT channel || ' ' || category || ' ' || loss_vnd || ' ' || ward || ' ' || status FROM reports")" \
    "cli fake_police 15000000 P01 received"

  # --- the contact is stored only encrypted: nowhere in a text dump of the whole database
  check "contact phone in dump" "$(dump "$d" "$u" | grep -c 0912345678)" 0
  check "contact name in dump" "$(dump "$d" "$u" | grep -c 'Nguyễn Văn An')" 0
  check "contact email in dump" "$(dump "$d" "$u" | grep -c 'an@example.vn')" 0
  check "contact stored" "$(sql "$d" "$u" "SELECT count(*) FROM reports WHERE contact_ciphertext IS NOT NULL")" 1

  # --- the follow-up view, by the receipt code as a person types it; never the contact
  local typed
  typed=$(printf '%s' "${receipt1#BY-}" | tr -d - | tr 'A-Z' 'a-z')
  run report show --data "$d" "${S[@]}" "$typed"
  check "show rc" "$rc" 0
  check "show" "$(printf '%s\n' "$out" | mask_times)" \
    '{"category":"fake_police","created_at":"T","indicators":[{"canonical":"+84987654321","kind":"phone"},{"canonical":"zalo:+84977111222","kind":"social"},{"canonical":"http://bocongan-xacminh.top/ho-so","kind":"url"}],"receipt":"'"$receipt1"'","status":"received","updated_at":"T"}'
  [[ "$out" != *0912345678* && "$out" != *Nguy* ]] && ok || bad "show leaks the contact [$out]"
  expect_err "binhyen report show: receipt BY-0000-0000: no such report" 2 -- report show --data "$d" "${S[@]}" BY-0000-0000
  run report show --data "$d" "${S[@]}" hello
  if [ $rc -eq 2 ] && [ -z "$out" ] && [[ "$err" == "binhyen report show: receipt_code: "* ]]; then ok; else
    bad "show malformed: rc=$rc [$out] [$err]"; fi

  # --- an anonymous report from a file, sharing the phone: linked to the first
  printf '%s\n' '{"category": "fake_police", "description": "Lại số +84 987 654 321 gọi, dọa bắt.", "indicators": []}' >"$tmp/second.json"
  STDIN=""
  run report submit --data "$d" "${S[@]}" "$tmp/second.json"
  local receipt2
  receipt2=$(printf '%s\n' "$out" | tail -n 1)
  check "second submit rc" "$rc" 0
  check "second summary" "$(printf '%s\n' "$out" | head -n 1)" \
    '{"id":2,"indicators":[{"canonical":"+84987654321","kind":"phone","raw":"+84 987 654 321"}],"linked_report_ids":[1],"receipt":"'"$receipt2"'","status":"received"}'
  [ "$receipt2" != "$receipt1" ] && ok || bad "same receipt twice"
  check "anonymous stored as null" "$(sql "$d" "$u" "SELECT id FROM reports WHERE contact_ciphertext IS NULL")" 2

  # --- refused submissions: exit 2, one line naming the field, nothing stored
  STDIN='{"category": "phishing", "description": "x", "indicators": [{"kind": "url", "value": "http://a.vn/"}, {"kind": "phone", "value": "0911 222 333"}, {"kind": "phone", "value": "12"}]}'
  expect_err "binhyen report submit: indicators[2]: phone: too short" 2 -- report submit --data "$d" "${S[@]}"
  STDIN='{"category": "phishing", "description": "x", "indicators": [{"kind": "pager", "value": "1"}]}'
  expect_err "binhyen report submit: indicators[0].kind: unknown kind 'pager' (one of: url, domain, ip, phone, bank_account, email, social)" 2 -- report submit --data "$d" "${S[@]}"
  STDIN='{"category": "phishing", "description": "x", "indicators": [{"value": 12}]}'
  expect_err "binhyen report submit: indicators[0].value: must be a string" 2 -- report submit --data "$d" "${S[@]}"
  STDIN='{"category": "phishing", "description": "x", "indicators": {"kind": "phone"}}'
  expect_err "binhyen report submit: indicators: must be an array" 2 -- report submit --data "$d" "${S[@]}"
  STDIN='{"category": "phishing", "description": "x", "colour": "red"}'
  expect_err "binhyen report submit: colour: unknown field" 2 -- report submit --data "$d" "${S[@]}"
  STDIN='{"category": "phishing", "description": "x", "contact": {"phone": "0912345678", "zalo": "x"}}'
  expect_err "binhyen report submit: contact.zalo: unknown field" 2 -- report submit --data "$d" "${S[@]}"
  STDIN='{"category": "phishing", "description": "x", "contact": {}}'
  expect_err "binhyen report submit: contact: give at least one of name, phone, email (or no contact to report anonymously)" 2 -- report submit --data "$d" "${S[@]}"
  STDIN='{"category": "phishing", "description": "x", "loss_vnd": "nhiều"}'
  expect_err "binhyen report submit: loss_vnd: must be an integer (đồng)" 2 -- report submit --data "$d" "${S[@]}"
  STDIN='{"category": "phishing", "description": "x", "loss_vnd": 10000000000001}'
  expect_err "binhyen report submit: loss_vnd: must be between 0 and 10000000000000" 2 -- report submit --data "$d" "${S[@]}"
  STDIN='{"category": "phishing", "description": "x", "loss_vnd": -5}'
  expect_err "binhyen report submit: loss_vnd: must be between 0 and 10000000000000" 2 -- report submit --data "$d" "${S[@]}"
  STDIN='{"category": "phishing", "description": "x", "occurred_at": "hôm qua"}'
  expect_err "binhyen report submit: occurred_at: must be an RFC 3339 date-time, e.g. 2026-11-20T08:30:00+07:00" 2 -- report submit --data "$d" "${S[@]}"
  STDIN='{"description": "x"}'
  expect_err "binhyen report submit: category: is required" 2 -- report submit --data "$d" "${S[@]}"
  STDIN='{"category": 3, "description": "x"}'
  expect_err "binhyen report submit: category: must be a string" 2 -- report submit --data "$d" "${S[@]}"
  STDIN='{"category": "aliens", "description": "x"}'
  run report submit --data "$d" "${S[@]}"
  if [ $rc -eq 2 ] && [ -z "$out" ] && [[ "$err" == "binhyen report submit: category: unknown category 'aliens' (one of: phishing, "*", other)" ]]; then ok; else
    bad "unknown category: rc=$rc [$out] [$err]"; fi
  STDIN='{"category": "phishing", "description": "   "}'
  expect_err "binhyen report submit: description: must not be empty" 2 -- report submit --data "$d" "${S[@]}"
  STDIN="{\"category\": \"phishing\", \"description\": \"$(head -c 10001 /dev/zero | tr '\0' a)\"}"
  expect_err "binhyen report submit: description: must be at most 10000 bytes" 2 -- report submit --data "$d" "${S[@]}"
  STDIN='[1, 2]'
  expect_err "binhyen report submit: input: must be a JSON object" 2 -- report submit --data "$d" "${S[@]}"
  expect_err "binhyen report submit: $tmp/missing.json: cannot be read" 2 -- report submit --data "$d" "${S[@]}" "$tmp/missing.json"
  check "refused submissions stored nothing" "$(sql "$d" "$u" "SELECT count(*) FROM reports")" 2

  # --- one audit entry per report (no contact data), and the chain verifies
  run audit list --data "$d" "${S[@]}"
  check "audit list" "$(printf '%s\n' "$out" | cut -f1,3,4,5,6 | tail -n 2)" "$(printf '%s\n' \
    "2	cli:$me	report.submit	report:1	cli report, category fake_police, 3 indicators, 0 evidence files, with contact, linked to 0 reports" \
    "3	cli:$me	report.submit	report:2	cli report, category fake_police, 1 indicators, 0 evidence files, anonymous, linked to 1 reports")"
  run audit verify --data "$d" "${S[@]}"
  check "audit verify" "$rc $out" "0 audit chain intact: 3 entries"

  # --- show on a data dir that does not exist creates nothing
  if [ "$backend" == sqlite ]; then
    expect_err "binhyen report show: data directory $tmp/none does not exist (run \`binhyen migrate --data $tmp/none\` first)" 2 -- report show --data "$tmp/none" "$receipt1"
    [ ! -e "$tmp/none" ] && ok || bad "report show created $tmp/none"
  fi
}

suite sqlite
if [ -n "$PG_BASE" ]; then
  suite postgres
fi

echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
