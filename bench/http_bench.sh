#!/usr/bin/env bash
# Load sanity check for the HTTP server: runs wrk RUNS times against URL and prints each
# run's requests/s and the median. Not a test: a number for docs/PERFORMANCE.md.
#
#   bench/http_bench.sh http://127.0.0.1:8080/healthz [RUNS=3] [WRK_ARGS="-t2 -c64 -d5s"]
#
# Start the server first (e.g. `binhyen serve`), bound to 127.0.0.1 only. For a reference, run
# it against nginx serving a constant reply on another port.
set -euo pipefail

url=${1:?usage: $0 URL [RUNS] [WRK_ARGS]}
runs=${2:-3}
wrk_args=${3:-"-t2 -c64 -d5s"}

command -v wrk > /dev/null || { echo "wrk not installed (apt-get install wrk)" >&2; exit 1; }

rates=()
for ((i = 1; i <= runs; i++)); do
  # shellcheck disable=SC2086  # wrk_args is a list of words on purpose
  out=$(wrk $wrk_args "$url")
  rate=$(awk '/^Requests\/sec:/ {print $2}' <<< "$out")
  errors=$(awk '/Non-2xx|Socket errors/ {print}' <<< "$out")
  echo "run $i: $rate req/s ${errors:+($errors)}"
  rates+=("$rate")
done
median=$(printf '%s\n' "${rates[@]}" | sort -g | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}')
echo "median of $runs: $median req/s ($wrk_args $url)"
