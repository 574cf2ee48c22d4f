#!/usr/bin/env bash
# GET /api/v1/check throughput and latency against nginx serving a static file of the same size,
# back to back on this machine (issue 5: binhyen >= 0.8x nginx, p99 <= 10 ms).
#
#   bench/check_http_bench.sh [build/release/apps/binhyen/binhyen]
#   RUNS=3 DURATION=5 CONNECTIONS=64 THREADS=2 bench/check_http_bench.sh
#
# Both servers listen on 127.0.0.1 only and stop by themselves at the end. binhyen serves a
# fresh demo data directory (confirmed indicators + an imported source); each wrk request asks
# about a listed URL (the answer is "dangerous", with its match and explanation). nginx runs
# with as many workers as binhyen has I/O threads (one per core), access log off.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
binhyen=${1:-$root/build/release/apps/binhyen/binhyen}
RUNS=${RUNS:-3}
DURATION=${DURATION:-5}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
QUERY=${QUERY:-"/api/v1/check?kind=url&value=https%3A%2F%2Fvietcombank-hotro.top%2Fdang-nhap"}

for tool in wrk nginx curl; do
  command -v "$tool" >/dev/null || { echo "$tool is not installed (scripts/install-deps)" >&2; exit 1; }
done
[ -x "$binhyen" ] || { echo "no binary at $binhyen (make build)" >&2; exit 1; }

work=$(mktemp -d /tmp/binhyen-check-bench.XXXXXX)
server_pid=""
nginx_pid=""
cleanup() {
  [ -n "$server_pid" ] && { kill -TERM "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; }
  [ -n "$nginx_pid" ] && { kill -TERM "$nginx_pid" 2>/dev/null || true; wait "$nginx_pid" 2>/dev/null || true; }
  rm -rf "$work"
}
trap cleanup EXIT

source "$root/bench/lib.sh"

# Runs wrk RUNS times against $1; prints one line per run; sets RATES and P99S.
measure() {
  RATES=()
  P99S=()
  for run in $(seq 1 "$RUNS"); do
    out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "$1")
    rate=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
    p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
    bad=$(awk '/Non-2xx|Socket errors/ {print}' <<<"$out")
    echo "  run $run: $rate req/s, p99 $p99 ${bad:+($bad)}"
    [ -z "$bad" ] || { echo "FAIL: errors during the run" >&2; exit 1; }
    RATES+=("$rate")
    P99S+=("$p99")
  done
}

"$binhyen" demo --data "$work/data" >"$work/demo.log" 2>&1
BINHYEN_LOG_ACCESS_LOG=false BINHYEN_LIMITS_CHECKS_PER_MINUTE=0 \
  "$binhyen" serve --data "$work/data" --listen 127.0.0.1:0 >"$work/server.log" 2>&1 &
server_pid=$!
port=$(wait_for_port "$work/server.log")
url="http://127.0.0.1:$port$QUERY"
curl -sf "$url" >"$work/answer.json" || { echo "FAIL: $url" >&2; exit 1; }
grep -q '"verdict":"dangerous"' "$work/answer.json" || { echo "FAIL: not dangerous: $(cat "$work/answer.json")" >&2; exit 1; }
size=$(stat -c %s "$work/answer.json")

mkdir -p "$work/www"
cp "$work/answer.json" "$work/www/check.json"
# nginx workers run as an unprivileged user when started by root: let them read the file.
chmod 755 "$work" "$work/www"
chmod 644 "$work/www/check.json"
nginx_port=$(free_port)
workers=$(nproc)
cat >"$work/nginx.conf" <<CONF
worker_processes $workers;
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
  server {
    listen 127.0.0.1:$nginx_port;
    root $work/www;
    location / { }
  }
}
CONF
mkdir -p "$work/tmp"
nginx -c "$work/nginx.conf" -p "$work" &
nginx_pid=$!
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$nginx_port/check.json" >/dev/null && break; sleep 0.1; done
cmp -s "$work/answer.json" <(curl -sf "http://127.0.0.1:$nginx_port/check.json") ||
  { cat "$work/nginx-error.log" >&2; echo "FAIL: nginx does not serve the copy" >&2; exit 1; }

echo "answer: $size bytes; wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s, $RUNS runs each, back to back"
echo "binhyen GET /api/v1/check:"
measure "$url"
b_rate=$(median "${RATES[@]}")
b_p99=$(median "${P99S[@]}")
echo "nginx static file of the same size:"
measure "http://127.0.0.1:$nginx_port/check.json"
n_rate=$(median "${RATES[@]}")
n_p99=$(median "${P99S[@]}")
ratio=$(awk -v b="$b_rate" -v n="$n_rate" 'BEGIN {printf "%.2f", b / n}')
echo "median: binhyen $b_rate req/s (p99 $b_p99), nginx $n_rate req/s (p99 $n_p99): ratio $ratio"
