#!/usr/bin/env bash
# `binhyen privacy purge` end to end through the binary, on the demo data (months of reports,
# about two in three with a contact): a dry run counts without erasing, a purge erases the
# contacts of the closed reports decided before the retention and only those, a second purge
# finds nothing, bad arguments are refused, and the audit chain stays intact.
# Runs against SQLite, and against PostgreSQL too when BINHYEN_TEST_POSTGRES_URL is set (each
# store gets its own throwaway database).
# Usage: privacy_cli_test.sh path/to/binhyen
set -u
DB_PREFIX=privacy_cli
source "$(dirname "$0")/store_lib.sh"

# count N of "... the contact details of N reports and M disputes ..."
count_of() { printf '%s\n' "$1" | sed -n 's/.* the contact details of \([0-9]*\) reports .*/\1/p'; }

suite() {
  begin_suite "$1"

  run demo --data "$d" "${S[@]}"
  check "demo rc" "$rc" 0
  local with_contact
  with_contact=$(sql "$d" "$u" "SELECT count(*) FROM reports WHERE contact_ciphertext IS NOT NULL")

  # --- a dry run counts and changes nothing
  run privacy purge --dry-run --days 1 --data "$d" "${S[@]}"
  check "dry run rc" "$rc" 0
  check "dry run stderr" "$err" ""
  local due
  due=$(count_of "$out")
  check "dry run wording" "$(printf '%s' "$out" | sed 's/[0-9]\+/N/g; s/before [^ ]*/before T/')" \
    "would erase the contact details of N reports and N disputes decided before T (retention N days)"
  [ "${due:-0}" -gt 0 ] && ok || bad "the demo should have closed reports with contacts: [$out]"
  check "nothing erased by the dry run" \
    "$(sql "$d" "$u" "SELECT count(*) FROM reports WHERE contact_ciphertext IS NOT NULL")" \
    "$with_contact"

  # --- the purge erases exactly those
  run privacy purge --days 1 --data "$d" "${S[@]}"
  check "purge rc" "$rc" 0
  check "purge count" "$(count_of "$out")" "$due"
  check "erased rows" "$(sql "$d" "$u" "SELECT count(*) FROM reports WHERE contact_erased_at IS NOT NULL AND contact_ciphertext IS NULL")" "$due"
  check "contacts left" \
    "$(sql "$d" "$u" "SELECT count(*) FROM reports WHERE contact_ciphertext IS NOT NULL")" \
    "$((with_contact - due))"
  check "open reports untouched" "$(sql "$d" "$u" "SELECT count(*) FROM reports WHERE contact_erased_at IS NOT NULL AND status IN ('received', 'triaging')")" "0"
  local batches=$(((due + 499) / 500))  # one audit entry per batch of 500
  check "audited" "$(sql "$d" "$u" "SELECT count(*) FROM audit_log WHERE action = 'report.contact.purge'")" "$batches"

  # --- idempotent
  run privacy purge --days 1 --data "$d" "${S[@]}"
  check "second purge" "$(count_of "$out")" "0"
  check "not audited again" "$(sql "$d" "$u" "SELECT count(*) FROM audit_log WHERE action = 'report.contact.purge'")" "$batches"

  # --- refused
  expect_err "binhyen privacy purge: --days: must be at least 1" 2 -- \
    privacy purge --days 0 --data "$d" "${S[@]}"
  BINHYEN_PRIVACY_CONTACT_RETENTION_DAYS=0 run privacy purge --data "$d" "${S[@]}"
  check "env 0 refused rc" "$rc" 2
  run audit verify --data "$d" "${S[@]}"
  check "audit verify" "$rc" 0
}

suite sqlite
if [ -n "$PG_BASE" ]; then
  suite postgres
fi

echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
