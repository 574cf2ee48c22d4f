#!/usr/bin/env bash
# Report intake over HTTP: `binhyen serve` on a fresh SQLite data directory (loopback only), wrk
# posting JSON reports (bench/intake_post.lua) for DURATION seconds, RUNS times; prints each
# run's reports/s and the median, and checks that every report acknowledged is in the database.
#
#   bench/intake_bench.sh [build/release/apps/binhyen/binhyen]
#   SYNC=full|normal DURATION=10 RUNS=3 CONNECTIONS=32 THREADS=2 bench/intake_bench.sh
#
# SYNC=full (the default here) commits with synchronous=FULL: every acknowledged report has been
# fsynced. The server stops by itself at the end (SIGTERM).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
binhyen=${1:-$root/build/release/apps/binhyen/binhyen}
SYNC=${SYNC:-full}
DURATION=${DURATION:-10}
RUNS=${RUNS:-3}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}

command -v wrk >/dev/null || { echo "wrk is not installed (scripts/install-deps)" >&2; exit 1; }
[ -x "$binhyen" ] || { echo "no binary at $binhyen (make build)" >&2; exit 1; }

work=$(mktemp -d /tmp/binhyen-intake-bench.XXXXXX)
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill -TERM "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

results=()
for run in $(seq 1 "$RUNS"); do
  data="$work/data$run"
  mkdir -p "$data"
  BINHYEN_LIMITS_REPORTS_PER_MINUTE=0 BINHYEN_LOG_ACCESS_LOG=false BINHYEN_LOG_LEVEL=info \
    "$binhyen" serve --data "$data" --listen "127.0.0.1:0" \
    --store "sqlite:$data/binhyen.db?synchronous=$SYNC" >"$work/server$run.log" 2>&1 &
  server_pid=$!
  port=""
  for _ in $(seq 1 100); do
    port=$(sed -n 's/.*serving http:\/\/127\.0\.0\.1:\([0-9]*\).*/\1/p' "$work/server$run.log")
    [ -n "$port" ] && break
    sleep 0.1
  done
  [ -n "$port" ] || { cat "$work/server$run.log" >&2; echo "FAIL: server did not start" >&2; exit 1; }
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" -s "$root/bench/intake_post.lua" \
    "http://127.0.0.1:$port/")
  kill -TERM "$server_pid"; wait "$server_pid" || true; server_pid=""
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  failures=$(awk '/non-201 replies/ {print $3}' <<<"$out")
  latency=$(grep '^p50' <<<"$out")
  total=$(awk '/requests in/ {print $1}' <<<"$out")
  stored=$(sqlite3 "$data/binhyen.db" 'SELECT count(*) FROM reports')
  echo "run $run: $rps reports/s ($total requests, $stored stored, $failures not 201; $latency)"
  if [ "$failures" != "0" ]; then echo "FAIL: some reports were refused" >&2; exit 1; fi
  # wrk counts requests whose replies arrived; a reply is sent only after the commit.
  if [ "$stored" -lt "$total" ]; then echo "FAIL: $total acknowledged, $stored stored" >&2; exit 1; fi
  results+=("$rps")
done
median=$(printf '%s\n' "${results[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
echo "median: $median reports/s (synchronous=$SYNC, $CONNECTIONS connections, ${DURATION}s x $RUNS)"
