#!/usr/bin/env bash
# POST /api/v1/scan throughput and latency (issue 6: >= 20,000 req/s), with the messages of the
# scanner's corpora (English UCI SMS and the Vietnamese sets, data/scan/corpus/) in turn, against
# a fresh demo data directory (so links, numbers and accounts are looked up in a real index).
#
#   bench/scan_http_bench.sh [build/release/apps/binhyen/binhyen]
#   RUNS=3 DURATION=5 CONNECTIONS=64 THREADS=2 bench/scan_http_bench.sh
#
# The server listens on 127.0.0.1 only and stops by itself at the end.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
binhyen=${1:-$root/build/release/apps/binhyen/binhyen}
RUNS=${RUNS:-3}
DURATION=${DURATION:-5}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}

for tool in wrk curl python3; do
  command -v "$tool" >/dev/null || { echo "$tool is not installed (scripts/install-deps)" >&2; exit 1; }
done
[ -x "$binhyen" ] || { echo "no binary at $binhyen (make build)" >&2; exit 1; }

work=$(mktemp -d /tmp/binhyen-scan-bench.XXXXXX)
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && { kill -TERM "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; }
  rm -rf "$work"
}
trap cleanup EXIT

source "$root/bench/lib.sh"

# One {"text": ...} body per line: every message of the corpora.
python3 - "$root/data/scan/corpus" >"$work/bodies.jsonl" <<'PY'
import json, pathlib, sys
for name in ("uci_sms.tsv", "vi.tsv", "vi_holdout.tsv"):
    lines = (pathlib.Path(sys.argv[1]) / name).read_text(encoding="utf-8").splitlines()[1:]
    for line in lines:
        print(json.dumps({"text": line.split("\t", 1)[1]}, ensure_ascii=False))
PY

"$binhyen" demo --data "$work/data" >"$work/demo.log" 2>&1
BINHYEN_LOG_ACCESS_LOG=false BINHYEN_LIMITS_SCANS_PER_MINUTE=0 \
  "$binhyen" serve --data "$work/data" --listen 127.0.0.1:0 >"$work/server.log" 2>&1 &
server_pid=$!
port=$(wait_for_port "$work/server.log")
url="http://127.0.0.1:$port/api/v1/scan"
curl -sf -X POST -H 'Content-Type: application/json' --data-binary "$(head -1 "$work/bodies.jsonl")" "$url" \
  | grep -q '"verdict"' || { echo "FAIL: no scan answer from $url" >&2; exit 1; }

echo "$(wc -l <"$work/bodies.jsonl") messages in turn; wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s, $RUNS runs"
RATES=()
P99S=()
for run in $(seq 1 "$RUNS"); do
  out=$(SCAN_BODIES="$work/bodies.jsonl" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency \
    -s "$root/bench/scan_post.lua" "$url")
  rate=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  errors=$(awk -F': ' '/^non-200 replies or socket errors:/ {print $2}' <<<"$out")
  echo "  run $run: $rate req/s, p99 $p99, errors $errors"
  [ "$errors" = 0 ] || { echo "FAIL: errors during the run" >&2; exit 1; }
  RATES+=("$rate")
  P99S+=("$p99")
done
echo "median: $(median "${RATES[@]}") req/s, p99 $(median "${P99S[@]}")"
