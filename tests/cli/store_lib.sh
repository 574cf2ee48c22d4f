# Shared by the storage CLI tests (store_cli_test.sh, report_cli_test.sh): counters, temp dir,
# throwaway PostgreSQL databases and the expect/check helpers. Source it after setting
# DB_PREFIX; the binary under test is $1 of the sourcing script.
B=$1
pass=0
fail=0
tmp=$(mktemp -d)
PG_BASE=${BINHYEN_TEST_POSTGRES_URL:-}
pg_dbs=()
cleanup() {
  for db in "${pg_dbs[@]}"; do
    psql "$PG_BASE" -qAt -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1
  done
  rm -rf "$tmp"
}
trap cleanup EXIT
umask 022
me=$(id -un)

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL [$backend]: $*"; }

STDIN=""
# run ARGS...: runs the binary with $STDIN on stdin; sets $out, $err, $rc.
run() {
  out=$(printf '%s\n' "$STDIN" | "$B" "$@" 2>"$tmp/err"); rc=$?
  err=$(cat "$tmp/err")
}
# expect_out WANT_STDOUT WANT_RC -- ARGS...: exact stdout and exit code.
expect_out() {
  local want=$1 want_rc=$2; shift 3
  run "$@"
  if [ "$out" == "$want" ] && [ $rc -eq "$want_rc" ]; then ok; else
    bad "binhyen $* -> rc=$rc stdout=[$out] stderr=[$err], want rc=$want_rc [$want]"; fi
}
# expect_err WANT_STDERR WANT_RC -- ARGS...: nothing on stdout, exactly this stderr, exit code.
expect_err() {
  local want=$1 want_rc=$2; shift 3
  run "$@"
  if [ -z "$out" ] && [ "$err" == "$want" ] && [ $rc -eq "$want_rc" ]; then ok; else
    bad "binhyen $* -> rc=$rc stdout=[$out] stderr=[$err], want rc=$want_rc stderr=[$want]"; fi
}
# check DESCRIPTION GOT WANT
check() {
  if [ "$2" == "$3" ]; then ok; else bad "$1: got [$2], want [$3]"; fi
}

# new_store NAME: prints the --store URL for a fresh store ("" = the data dir's SQLite file).
new_store() {
  if [ "$backend" == sqlite ]; then return; fi
  local db="${DB_PREFIX}_$1_$$"
  psql "$PG_BASE" -qAt -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1
  psql "$PG_BASE" -qAt -c "CREATE DATABASE $db" >/dev/null || { echo "cannot create $db" >&2; exit 1; }
  pg_dbs+=("$db")
  echo "${PG_BASE%/*}/$db"
}
# begin_suite BACKEND: sets $backend, $d (the suite's data directory), $u (the --store URL of a
# fresh store, "" for the data directory's SQLite file) and the array S (the --store flag, or
# nothing) that the suite passes to every command.
begin_suite() {
  backend=$1
  d="$tmp/$backend/data"
  u=$(new_store one)
  S=()
  if [ -n "$u" ]; then S=(--store "$u"); fi
}
# sql DATA_DIR URL QUERY: one query on the store, unaligned output.
sql() {
  if [ -z "$2" ]; then sqlite3 "$1/binhyen.db" "$3"; else psql "$2" -qAt -c "$3"; fi
}
