#!/usr/bin/env bash
# Per-node figures for the capacity plan of docs/SCALING.md: one `binhyen serve` node on a
# PostgreSQL store (loopback only), measured for
#   1. report intake (wrk posting bench/intake_post.lua reports) in reports/s, with every
#      acknowledged report found in the database afterwards;
#   2. the database's growth per report (pg_database_size before and after, divided by the reports
#      stored: tables, indexes, the audit chain and the write-ahead log's share are counted as
#      PostgreSQL counts them, evidence files are not);
#   3. the database's growth per imported blocklist entry (a generated hosts file of LINES lines,
#      as bench/feed_import_bench.sh makes it, imported with `binhyen import`): what peers'
#      and imported feeds cost in PostgreSQL;
#   4. GET /api/v1/check on the same node (the answer comes from the in-memory index: the store is
#      not touched), with nginx serving a file of the same size as the reference of this session.
#
#   bench/cluster_bench.sh [build/release/apps/binhyen/binhyen]
#   BINHYEN_BENCH_POSTGRES_URL=postgres://... RUNS=3 DURATION=8 CONNECTIONS=32 bench/cluster_bench.sh
#
# Without BINHYEN_BENCH_POSTGRES_URL it starts a throwaway cluster (scripts/pg-test-cluster: fsync
# off, so intake is bounded by CPU, not by the disk) and stops it at the end. Every run uses a
# database of its own, dropped afterwards. The servers stop by themselves (SIGTERM).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
binhyen=${1:-$root/build/release/apps/binhyen/binhyen}
RUNS=${RUNS:-3}
DURATION=${DURATION:-8}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
LINES=${LINES:-200000}
QUERY="/api/v1/check?kind=url&value=https%3A%2F%2Fvietcombank-hotro.top%2Fdang-nhap"

for tool in wrk nginx curl psql; do
  command -v "$tool" >/dev/null || { echo "$tool is not installed (scripts/install-deps)" >&2; exit 1; }
done
[ -x "$binhyen" ] || { echo "no binary at $binhyen (make build)" >&2; exit 1; }

source "$root/bench/lib.sh"
work=$(mktemp -d /tmp/binhyen-cluster-bench.XXXXXX)
server_pid=""
nginx_pid=""
own_cluster=""
dbs=()
cleanup() {
  [ -n "$server_pid" ] && { kill -TERM "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; }
  [ -n "$nginx_pid" ] && { kill -TERM "$nginx_pid" 2>/dev/null || true; wait "$nginx_pid" 2>/dev/null || true; }
  for db in "${dbs[@]}"; do psql "$PG_BASE" -qAt -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true; done
  [ -n "$own_cluster" ] && "$root/scripts/pg-test-cluster" stop "$own_cluster" >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT

PG_BASE=${BINHYEN_BENCH_POSTGRES_URL:-}
if [ -z "$PG_BASE" ]; then
  unset BINHYEN_PG_CLUSTER_DIR
  eval "$("$root/scripts/pg-test-cluster" start)"
  own_cluster=$BINHYEN_PG_CLUSTER_DIR
  PG_BASE=$BINHYEN_TEST_POSTGRES_URL
fi
# fresh_db NAME: creates database NAME in the cluster of $PG_BASE; prints its URL.
fresh_db() {
  psql "$PG_BASE" -qAt -c "CREATE DATABASE $1" >/dev/null
  dbs+=("$1")
  echo "${PG_BASE%/*}/$1"
}
# start_node DATA STORE LOG [ENV...]: starts a node; sets server_pid and port.
start_node() {
  local data=$1 store=$2 log=$3
  shift 3
  env "$@" BINHYEN_LOG_ACCESS_LOG=false BINHYEN_LIMITS_REPORTS_PER_MINUTE=0 \
    BINHYEN_LIMITS_CHECKS_PER_MINUTE=0 \
    "$binhyen" serve --data "$data" --store "$store" --listen 127.0.0.1:0 >"$log" 2>&1 &
  server_pid=$!
  port=$(wait_for_port "$log")
}
stop_node() { kill -TERM "$server_pid"; wait "$server_pid" || true; server_pid=""; }
db_bytes() { psql "$1" -qAt -c "SELECT pg_database_size(current_database())"; }

echo "== report intake on PostgreSQL: wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s, $RUNS runs"
rates=()
per_report=()
for run in $(seq 1 "$RUNS"); do
  url=$(fresh_db "binhyen_bench_$$_$run")
  data="$work/intake$run"
  "$binhyen" migrate --data "$data" --store "$url" >/dev/null
  psql "$url" -qAt -c "VACUUM ANALYZE" >/dev/null
  before=$(db_bytes "$url")
  start_node "$data" "$url" "$work/intake$run.log"
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" -s "$root/bench/intake_post.lua" \
    "http://127.0.0.1:$port/")
  stop_node
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  failures=$(awk '/non-201 replies/ {print $3}' <<<"$out")
  total=$(awk '/requests in/ {print $1}' <<<"$out")
  stored=$(psql "$url" -qAt -c "SELECT count(*) FROM reports")
  psql "$url" -qAt -c "CHECKPOINT" >/dev/null 2>&1 || true
  after=$(db_bytes "$url")
  bpr=$(( (after - before) / stored ))
  echo "  run $run: $rps reports/s ($total acknowledged, $stored stored, $failures not 201);" \
    "database +$(( (after - before) / 1024 )) KiB = $bpr bytes a report"
  [ "$failures" == "0" ] || { echo "FAIL: some reports were refused" >&2; exit 1; }
  [ "$stored" -ge "$total" ] || { echo "FAIL: $total acknowledged, $stored stored" >&2; exit 1; }
  rates+=("$rps")
  per_report+=("$bpr")
done
intake=$(median "${rates[@]}")
bytes=$(median "${per_report[@]}")
echo "median: $intake reports/s; $bytes bytes of database a report"

echo "== importing a $LINES-line hosts file into PostgreSQL"
python3 - "$LINES" >"$work/hosts.txt" <<'PY'
import random, sys
random.seed(20261129)
words = ["bank", "secure", "login", "verify", "account", "update", "vietcom", "techcom", "mb",
         "acb", "shopee", "lazada", "tiki", "momo", "zalo", "pay", "qua", "tang", "nhan", "free"]
tlds = ["com", "net", "org", "info", "xyz", "top", "online", "site", "vn", "com.vn", "shop"]
for i in range(int(sys.argv[1])):
    label = "-".join(random.choice(words) for _ in range(random.randint(1, 3)))
    print("0.0.0.0 %s%d.%s" % (label, random.randint(0, 99999), random.choice(tlds)))
PY
url=$(fresh_db "binhyen_bench_$$_feed")
"$binhyen" migrate --data "$work/feed" --store "$url" >/dev/null
psql "$url" -qAt -c "VACUUM ANALYZE" >/dev/null
before=$(db_bytes "$url")
start_s=$(date +%s.%N)
"$binhyen" import --data "$work/feed" --store "$url" --format hosts "$work/hosts.txt" \
  --source bench --trust medium >"$work/import.log" 2>&1 || { cat "$work/import.log" >&2; exit 1; }
seconds=$(awk -v a="$start_s" -v b="$(date +%s.%N)" 'BEGIN {printf "%.1f", b - a}')
psql "$url" -qAt -c "CHECKPOINT" >/dev/null 2>&1 || true
entries=$(psql "$url" -qAt -c "SELECT count(*) FROM feed_entries")
after=$(db_bytes "$url")
per_entry=$(( (after - before) / entries ))
echo "  $entries entries in $seconds s; database +$(( (after - before) / 1048576 )) MiB = $per_entry bytes an entry"

echo "== GET /api/v1/check on a PostgreSQL-backed node, against nginx: wrk -t$THREADS -c64 -d${DURATION}s"
url=$(fresh_db "binhyen_bench_$$_check")
"$binhyen" demo --data "$work/check" --store "$url" >"$work/demo.log" 2>&1
start_node "$work/check" "$url" "$work/check.log"
curl -sf "http://127.0.0.1:$port$QUERY" >"$work/answer.json"
grep -q '"verdict":"dangerous"' "$work/answer.json" || { echo "FAIL: not dangerous" >&2; exit 1; }
mkdir -p "$work/www" "$work/tmp"
cp "$work/answer.json" "$work/www/check.json"
chmod 755 "$work" "$work/www"
chmod 644 "$work/www/check.json"
nginx_port=$(free_port)
cat >"$work/nginx.conf" <<CONF
worker_processes $(nproc);
daemon off;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  default_type application/json;
  client_body_temp_path $work/tmp;
  proxy_temp_path $work/tmp;
  fastcgi_temp_path $work/tmp;
  uwsgi_temp_path $work/tmp;
  scgi_temp_path $work/tmp;
  server { listen 127.0.0.1:$nginx_port; root $work/www; location / { } }
}
CONF
nginx -c "$work/nginx.conf" -p "$work" &
nginx_pid=$!
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$nginx_port/check.json" >/dev/null && break; sleep 0.1; done
b=()
n=()
for run in $(seq 1 "$RUNS"); do
  r=$(wrk -t"$THREADS" -c64 -d"${DURATION}s" "http://127.0.0.1:$port$QUERY" | awk '/^Requests\/sec:/ {print $2}')
  s=$(wrk -t"$THREADS" -c64 -d"${DURATION}s" "http://127.0.0.1:$nginx_port/check.json" | awk '/^Requests\/sec:/ {print $2}')
  echo "  run $run: binhyen $r req/s, nginx $s req/s"
  b+=("$r")
  n+=("$s")
done
checks=$(median "${b[@]}")
ref=$(median "${n[@]}")
echo "median: binhyen $checks checks/s, nginx $ref req/s ($(awk -v b="$checks" -v n="$ref" 'BEGIN {printf "%.2f", b / n}')x)"
echo "summary: intake $intake reports/s; $bytes bytes a report; $per_entry bytes a feed entry; checks $checks/s (nginx $ref)"
