#!/usr/bin/env bash
# Importing a blocklist: generates a LINES-line hosts file ("0.0.0.0 host", random but
# realistic host names under real TLDs, ~2% comments, a few blank lines, fixed seed), then runs
# `binhyen import --format hosts` on a fresh data directory RUNS times and prints each run's
# wall time and the median. Target (issue 5): 1,000,000 lines in <= 10 s.
#
#   bench/feed_import_bench.sh [build/release/apps/binhyen/binhyen]
#   LINES=1000000 RUNS=3 bench/feed_import_bench.sh
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
binhyen=${1:-$root/build/release/apps/binhyen/binhyen}
LINES=${LINES:-1000000}
RUNS=${RUNS:-3}

[ -x "$binhyen" ] || { echo "no binary at $binhyen (make build)" >&2; exit 1; }

work=$(mktemp -d /tmp/binhyen-feed-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

python3 - "$LINES" >"$work/hosts.txt" <<'PY'
import random, sys
random.seed(20261129)
n = int(sys.argv[1])
tlds = ["com", "net", "org", "info", "xyz", "top", "online", "site", "vn", "com.vn", "net.vn",
        "io", "co", "shop", "club", "live", "cc", "ru", "cn", "app"]
words = ["bank", "secure", "login", "verify", "account", "update", "vietcom", "techcom", "mb",
         "acb", "shopee", "lazada", "tiki", "momo", "zalo", "pay", "qua", "tang", "nhan", "free",
         "khuyen", "mai", "vay", "tien", "nhanh", "dich", "vu", "hoan", "thue", "cong", "an",
         "support", "help", "gift", "bonus", "promo", "deal", "mail", "cloud", "app", "online"]
out = sys.stdout
out.write("# generated hosts file for bench/feed_import_bench.sh\n")
written = 1
while written < n:
    r = random.random()
    if r < 0.02:
        out.write("# comment line %d\n" % written)
    elif r < 0.025:
        out.write("\n")
    else:
        parts = [random.choice(words) for _ in range(random.randint(1, 3))]
        label = "-".join(parts) + str(random.randint(0, 99999))
        if random.random() < 0.3:
            label = random.choice(["www", "m", "secure", "login", "app"]) + "." + label
        out.write("0.0.0.0 %s.%s\n" % (label, random.choice(tlds)))
    written += 1
PY
echo "file: $(wc -l <"$work/hosts.txt") lines, $(du -h "$work/hosts.txt" | cut -f1)"

# Wall time is what the target is about; user + sys CPU time is printed too, because on a shared
# machine the wall time also measures the other processes.
times=()
TIMEFORMAT='%R %U %S'
for run in $(seq 1 "$RUNS"); do
  data="$work/data$run"
  { time "$binhyen" import --data "$data" --format hosts "$work/hosts.txt" --source bench \
      --trust medium >"$work/out$run.txt"; } 2>"$work/time$run.txt"
  read -r wall user sys <"$work/time$run.txt"
  times+=("$wall")
  echo "run $run: ${wall} s wall (${user} s user, ${sys} s sys) — $(tail -1 "$work/out$run.txt")"
done
median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
echo "median of $RUNS: $median s wall for $LINES lines"
