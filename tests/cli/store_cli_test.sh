#!/usr/bin/env bash
# Storage commands end to end through the binary (migrate, user, token, audit, backup, restore):
# exact outputs and exit codes, what is stored (checked with sqlite3 / psql), key file modes,
# audit tamper detection, backup + restore into a new data dir.
# Runs against SQLite, and against PostgreSQL too when BINHYEN_TEST_POSTGRES_URL is set (each
# store gets its own throwaway database).
# Usage: store_cli_test.sh path/to/binhyen
set -u
DB_PREFIX=store_cli
source "$(dirname "$0")/store_lib.sh"

suite() {
  backend=$1
  local d1="$tmp/$backend/one" d2="$tmp/$backend/two" d3="$tmp/$backend/three"
  local d4="$tmp/$backend/four"
  local u1 u2 u3 u4
  u1=$(new_store one)
  u2=$(new_store two)
  u3=$(new_store three)
  u4=$(new_store four)
  local S1=() S2=() S3=() S4=()
  [ -n "$u1" ] && S1=(--store "$u1")
  [ -n "$u2" ] && S2=(--store "$u2")
  [ -n "$u3" ] && S3=(--store "$u3")
  [ -n "$u4" ] && S4=(--store "$u4")
  local backup_file="$tmp/$backend.backup"

  # --- read-only commands refuse a data dir that does not exist (and do not create it)
  if [ "$backend" == sqlite ]; then
    expect_err "binhyen user list: data directory $d1 does not exist (run \`binhyen migrate --data $d1\` first)" 2 -- user list --data "$d1"
    [ ! -e "$d1" ] && ok || bad "user list created $d1"
  fi

  # --- migrate: the data dir layout, the contact key, the schema version
  run migrate --data "$d1" "${S1[@]}"
  if [ $rc -eq 0 ] && [[ "$out" =~ ^schema\ version\ [1-9][0-9]*$ ]]; then ok; else
    bad "migrate: rc=$rc [$out] [$err]"; fi
  local version_line=$out version=${out#schema version }
  expect_out "$version_line" 0 -- migrate --data "$d1" "${S1[@]}"
  check "data dir mode" "$(stat -c %a "$d1")" 750
  check "keys dir mode" "$(stat -c %a "$d1/keys")" 700
  check "backups dir mode" "$(stat -c %a "$d1/backups")" 700
  check "evidence dir mode" "$(stat -c %a "$d1/evidence")" 750
  check "contact key mode" "$(stat -c %a "$d1/keys/contact.key")" 600
  if [ "$backend" == sqlite ]; then
    # The binary's umask keeps the database from other local users.
    check "database mode" "$(stat -c %a "$d1/binhyen.db")" 640
  fi
  check "contact key size" "$(stat -c %s "$d1/keys/contact.key")" 32

  # --- user add
  STDIN="correct horse battery"
  expect_out "added user alice (admin), id 1" 0 -- user add --data "$d1" "${S1[@]}" --name alice --role admin --password-stdin
  STDIN="another good one"
  expect_out "added user bob (analyst), id 2" 0 -- user add --data "$d1" "${S1[@]}" --name bob --role analyst --password-stdin
  expect_err "binhyen user add: name: user 'alice' already exists" 2 -- user add --data "$d1" "${S1[@]}" --name alice --role member --password-stdin
  expect_err "binhyen user add: role: unknown role 'boss' (one of: member, unit_officer, analyst, programme_admin, finance, admin)" 2 -- user add --data "$d1" "${S1[@]}" --name carol --role boss --password-stdin
  STDIN="short"
  expect_err "binhyen user add: password: must be at least 8 bytes" 2 -- user add --data "$d1" "${S1[@]}" --name carol --role member --password-stdin
  STDIN=""
  expect_err "binhyen user add: password: must be at least 8 bytes" 2 -- user add --data "$d1" "${S1[@]}" --name carol --role member --password-stdin
  STDIN="long enough pw"
  run user add --data "$d1" "${S1[@]}" --name "Carol Smith" --role member --password-stdin
  if [ $rc -eq 2 ] && [ -z "$out" ] && [[ "$err" == "binhyen user add: name: "* ]] && [ "$(wc -l <"$tmp/err")" -eq 1 ]; then ok; else
    bad "bad name: rc=$rc [$out] [$err]"; fi
  run user add --data "$d1" "${S1[@]}" --name carol --role member
  if [ $rc -eq 2 ] && [ -z "$out" ] && grep -q -- "--password-stdin is required" "$tmp/err"; then ok; else
    bad "missing --password-stdin: rc=$rc [$err]"; fi
  check "users stored" "$(sql "$d1" "$u1" "SELECT name || ' ' || role FROM users ORDER BY name")" "alice admin
bob analyst"
  local hash
  hash=$(sql "$d1" "$u1" "SELECT password_hash FROM users WHERE name = 'alice'")
  [[ "$hash" == '$argon2id$v=19$m=65536,t=2,p=1$'* ]] && ok || bad "password hash [$hash]"
  if grep -rqF "correct horse battery" "$d1" 2>/dev/null; then bad "password found in $d1"; else ok; fi

  # --- user list / disable
  run user list --data "$d1" "${S1[@]}"
  check "user list rc" "$rc" 0
  check "user list" "$(printf '%s\n' "$out" | cut -f1,2,4)" "$(printf 'name\trole\tdisabled\nalice\tadmin\tno\nbob\tanalyst\tno')"
  [[ "$(printf '%s\n' "$out" | sed -n 2p | cut -f3)" =~ ^20[0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9:]{8}Z$ ]] && ok || bad "created column [$out]"
  local users_before=$out
  expect_out "disabled user bob" 0 -- user disable --data "$d1" "${S1[@]}" --name bob
  expect_out "user bob was already disabled" 0 -- user disable --data "$d1" "${S1[@]}" --name bob
  expect_err "binhyen user disable: user 'nobody' not found" 2 -- user disable --data "$d1" "${S1[@]}" --name nobody

  # --- token create: the token alone on the last line; only its SHA-256 is stored
  run token create --data "$d1" "${S1[@]}" --user alice --scope reports:triage --scope reports:read
  local token first
  token=$(printf '%s\n' "$out" | tail -n 1)
  first=$(printf '%s\n' "$out" | head -n 1)
  check "token create rc" "$rc" 0
  check "token create first line" "$first" "created API token 1 for user alice (scopes: reports:read,reports:triage); it is shown only this once:"
  [[ "$token" =~ ^[A-Za-z0-9_-]{43}$ ]] && ok || bad "token [$token]"
  check "stored token hash" "$(sql "$d1" "$u1" "SELECT token_hash FROM api_tokens")" "$(printf '%s' "$token" | sha256sum | cut -d' ' -f1)"
  check "token not stored" "$(sql "$d1" "$u1" "SELECT count(*) FROM api_tokens WHERE token_hash = '$token'")" 0
  if grep -rqF "$token" "$d1" 2>/dev/null; then bad "token found in $d1"; else ok; fi
  expect_err "binhyen token create: user 'nobody' not found" 2 -- token create --data "$d1" "${S1[@]}" --user nobody
  expect_err "binhyen token create: user 'bob' is disabled; tokens cannot be created for them" 2 -- token create --data "$d1" "${S1[@]}" --user bob
  run token create --data "$d1" "${S1[@]}" --user alice --scope "Not A Scope"
  if [ $rc -eq 2 ] && [ -z "$out" ] && [[ "$err" == "binhyen token create: scopes"* ]]; then ok; else
    bad "bad scope: rc=$rc [$out] [$err]"; fi

  # --- audit: one entry per change, in the same transaction; failed changes leave none
  expect_out "audit chain intact: 5 entries" 0 -- audit verify --data "$d1" "${S1[@]}"
  run audit list --data "$d1" "${S1[@]}" --limit 10
  check "audit list" "$(printf '%s\n' "$out" | cut -f1,3,4,5,6)" "$(printf '%s\n' \
    "seq	actor	action	target	summary" \
    "1	cli:$me	store.migrate	schema	schema version 0 -> $version" \
    "2	cli:$me	user.add	user:1	added user alice with role admin" \
    "3	cli:$me	user.add	user:2	added user bob with role analyst" \
    "4	cli:$me	user.disable	user:2	disabled user bob" \
    "5	cli:$me	token.create	token:1	created API token for user alice (scopes: reports:read,reports:triage)")"
  run audit list --data "$d1" "${S1[@]}" --limit 2
  check "audit list --limit 2" "$(printf '%s\n' "$out" | cut -f1)" "$(printf 'seq\n4\n5')"

  # --- backup, then restore into a new data dir: the same users
  expect_out "backup written to $backup_file" 0 -- backup --data "$d1" "${S1[@]}" --to "$backup_file"
  run backup --data "$d1" "${S1[@]}" --to "$backup_file"
  if [ $rc -eq 2 ] && [ -z "$out" ] && [ "$(wc -l <"$tmp/err")" -eq 1 ]; then ok; else
    bad "backup onto an existing file: rc=$rc [$out] [$err]"; fi
  expect_out "restored $backup_file: schema version $version, 2 users, 0 reports, 5 audit entries" 0 -- restore --data "$d2" "${S2[@]}" --from "$backup_file"
  run user list --data "$d2" "${S2[@]}"
  check "restored users" "$out" "$(printf '%s\n' "$users_before" | sed 's/^bob\(.*\)no$/bob\1yes/')"
  expect_out "audit chain intact: 6 entries" 0 -- audit verify --data "$d2" "${S2[@]}"
  run audit list --data "$d2" "${S2[@]}" --limit 1
  check "restore audited" "$(printf '%s\n' "$out" | tail -n 1 | cut -f3,4,5,6)" "$(printf 'cli:%s\tstore.restore\tstore\trestored from %s' "$me" "$backup_file")"
  check "restored key mode" "$(stat -c %a "$d2/keys/contact.key")" 600
  local where="$d2/binhyen.db"
  [ "$backend" != sqlite ] && where="postgres:..."
  expect_err "binhyen restore: the store at $where is not empty (2 users, 0 reports, 6 audit entries); use --force to replace it" 2 -- restore --data "$d2" "${S2[@]}" --from "$backup_file"
  expect_out "restored $backup_file: schema version $version, 2 users, 0 reports, 5 audit entries" 0 -- restore --data "$d2" "${S2[@]}" --from "$backup_file" --force
  printf 'not a database\n' >"$tmp/junk"
  if [ "$backend" == sqlite ]; then
    expect_err "binhyen restore: $tmp/junk is not a SQLite database" 2 -- restore --data "$d3" "${S3[@]}" --from "$tmp/junk"
  else
    expect_err "binhyen restore: $tmp/junk is not a pg_dump archive (custom format)" 2 -- restore --data "$d3" "${S3[@]}" --from "$tmp/junk"
  fi
  expect_err "binhyen restore: $tmp/missing: no such file" 2 -- restore --data "$d3" "${S3[@]}" --from "$tmp/missing"

  # --- a first command on a fresh machine migrates by itself, and that migration is audited too
  STDIN="first admin pw"
  expect_out "added user root (admin), id 1" 0 -- user add --data "$d4" "${S4[@]}" --name root --role admin --password-stdin
  run audit list --data "$d4" "${S4[@]}"
  check "implicit migration audited" "$(printf '%s\n' "$out" | cut -f1,4)" "$(printf 'seq\taction\n1\tstore.migrate\n2\tuser.add')"

  # --- tampering with the audit log is detected and named
  sql "$d1" "$u1" "UPDATE audit_log SET summary = 'added user alice with role member' WHERE seq = 2" >/dev/null
  expect_err "binhyen audit verify: audit chain broken: audit entry 2: hash does not match its contents (1 earlier entries intact)" 1 -- audit verify --data "$d1" "${S1[@]}"
  sql "$d2" "$u2" "DELETE FROM audit_log WHERE seq = 4" >/dev/null
  expect_err "binhyen audit verify: audit chain broken: audit entry 5: expected seq 4 (3 earlier entries intact)" 1 -- audit verify --data "$d2" "${S2[@]}"

  # --- a contact key readable by others is refused
  chmod 644 "$d1/keys/contact.key"
  expect_err "binhyen user list: key file $d1/keys/contact.key is accessible by group or others (mode 0644); run: chmod 600 $d1/keys/contact.key" 2 -- user list --data "$d1" "${S1[@]}"
  chmod 600 "$d1/keys/contact.key"
}

suite sqlite
if [ -n "$PG_BASE" ]; then
  suite postgres
fi

echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
