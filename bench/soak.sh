#!/usr/bin/env bash
# Load and soak (issue 10): mixed traffic (reputation checks, message scans, report submissions,
# portal pages) against one `binhyen serve` on a fresh demo data directory. Phase 1 measures the
# mix's maximum throughput (MAX_RUNS runs of MAX_SECONDS, median); phase 2 sends the same mix at
# FRACTION (half) of that rate, paced at a constant rate, for SOAK_SECONDS, sampling the server's
# resident memory every SAMPLE_SECONDS. Prints one summary and exits non-zero when any answer was
# not the one expected, or when the server's private memory (RssAnon: heap, stacks, everything
# it allocated) grew by 10% or more between the end of the warm-up (WARMUP_SECONDS into phase 2)
# and the end. The file-backed part of VmRSS (RssFile: pages of the binary and of the memory-mapped
# database, which grows with every report) is printed beside it, not judged: it is the kernel's
# page cache, clean and reclaimable (docs/PERFORMANCE.md, "Load and soak").
#
#   bench/soak.sh [build/release/apps/binhyen/binhyen]
#   SOAK_SECONDS=600 MAX_SECONDS=25 MAX_RUNS=3 CONNECTIONS=64 THREADS=2 bench/soak.sh
#   MAX_RATE=8000 SOAK_SECONDS=60 bench/soak.sh     # skip phase 1, pace at 4,000 req/s
#
# The mix, per 20 requests (bench/soak_mixed.lua): 8 checks (GET /api/v1/check of links,
# domains, phone numbers and bank accounts, half of them listed in the demo data and half random;
# one in 8 a POST /api/v1/check of 5 items), 6 scans (POST /api/v1/scan, Vietnamese scam and
# ordinary messages of data/scan/corpus/vi*.tsv), 5 portal pages (/, /canh-bao, a warning,
# /kiem-tra with a listed value, with a message or a random value), 1 report (POST /api/v1/reports,
# JSON, anonymous, a phone number from a pool of 2,000 and a link from a pool of 500).
#
# Rate limits are per client address, and every request here comes from 127.0.0.1: at the
# default limits (10 reports, 1,200 checks, 300 scans a minute per address) the bench would
# measure the 429 answers, which are the designed answer to one client sending that much. The
# server is therefore started with a config file that turns the per-address limits off (and the
# access log, as the other HTTP benches do). Reports are stored with SQLite's default
# synchronous=full. The server listens on 127.0.0.1 only and stops by itself at the end.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
binhyen=${1:-$root/build/release/apps/binhyen/binhyen}
SOAK_SECONDS=${SOAK_SECONDS:-600}
MAX_SECONDS=${MAX_SECONDS:-25}
MAX_RUNS=${MAX_RUNS:-3}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
FRACTION=${FRACTION:-0.5}
SAMPLE_SECONDS=${SAMPLE_SECONDS:-10}
WARMUP_SECONDS=${WARMUP_SECONDS:-$((SOAK_SECONDS >= 240 ? 60 : SOAK_SECONDS / 4))}
MAX_GROWTH_PERCENT=${MAX_GROWTH_PERCENT:-10}
MAX_RATE=${MAX_RATE:-}

for tool in wrk curl python3 sqlite3; do
  command -v "$tool" >/dev/null || { echo "$tool is not installed (scripts/install-deps)" >&2; exit 1; }
done
[ -x "$binhyen" ] || { echo "no binary at $binhyen (make build)" >&2; exit 1; }

work=$(mktemp -d /tmp/binhyen-soak.XXXXXX)
server_pid=""
sampler_pid=""
# shellcheck disable=SC2317  # run by the EXIT trap
cleanup() {
  [ -n "$sampler_pid" ] && { kill "$sampler_pid" 2>/dev/null || true; wait "$sampler_pid" 2>/dev/null || true; }
  [ -n "$server_pid" ] && { kill -TERM "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; }
  rm -rf "$work"
}
trap cleanup EXIT
source "$root/bench/lib.sh"

"$binhyen" demo --data "$work/data" >"$work/demo.log" 2>&1
db="$work/data/binhyen.db"
demo_reports=$(sqlite3 "$db" 'SELECT count(*) FROM reports')

cat >"$work/soak.toml" <<'TOML'
[server]
listen = "127.0.0.1:0"

[limits]
reports_per_minute = 0
checks_per_minute = 0
scans_per_minute = 0

[log]
access_log = false
TOML

# The requests, one a line: KIND <tab> METHOD <tab> PATH <tab> BODY.
sqlite3 -separator $'\t' "$db" \
  "SELECT kind, canonical FROM indicators WHERE status = 'confirmed'
     AND kind IN ('url', 'domain', 'phone', 'bank_account')" >"$work/listed.tsv"
sqlite3 "$db" "SELECT slug FROM warnings WHERE kind = 'warning' AND published_at IS NOT NULL" \
  >"$work/warnings.txt"
python3 - "$root/data/scan/corpus" "$work/listed.tsv" "$work/warnings.txt" >"$work/requests.tsv" <<'PY'
import json, pathlib, random, sys, urllib.parse

rng = random.Random(20261130)
corpus, listed_path, warnings_path = pathlib.Path(sys.argv[1]), sys.argv[2], sys.argv[3]
listed = [tuple(line.split("\t", 1)) for line in open(listed_path, encoding="utf-8").read().splitlines()]
warnings = open(warnings_path, encoding="utf-8").read().split()
assert listed and warnings, "the demo data has no listed indicators or no published warnings"
q = lambda s: urllib.parse.quote(s, safe="")
out = []
def emit(kind, method, path, body=None):
    out.append("\t".join([kind, method, path, json.dumps(body, ensure_ascii=False) if body else ""]))

# Checks: (kind, value, bank) items, half listed in the demo data, half random.
def listed_item():
    kind, canonical = rng.choice(listed)
    if kind == "bank_account":
        bank, digits = canonical.split(":", 1)
        return {"kind": kind, "value": digits, "bank": bank}
    return {"kind": kind, "value": canonical}
def random_item():
    kind = rng.choice(["url", "domain", "phone", "bank_account"])
    n = rng.randrange(1_000_000)
    if kind == "url":
        return {"kind": kind, "value": f"https://tin-tuc-{n}.vn/bai-viet/{rng.randrange(1000)}?trang=2"}
    if kind == "domain":
        return {"kind": kind, "value": f"cua-hang-{n}.com.vn"}
    if kind == "phone":
        return {"kind": kind, "value": "09%08d" % rng.randrange(10**8)}
    return {"kind": kind, "value": "%012d" % rng.randrange(10**12), "bank": "970436"}
for i in range(800):
    if i % 8 == 7:
        emit("check", "POST", "/api/v1/check",
             {"items": [listed_item() if rng.random() < 0.5 else random_item() for _ in range(5)]})
    else:
        item = listed_item() if i % 2 == 0 else random_item()
        path = f"/api/v1/check?kind={item['kind']}&value={q(item['value'])}"
        if "bank" in item:
            path += f"&bank={item['bank']}"
        emit("check", "GET", path)

# Scans: every Vietnamese message of the scanner's corpora (scam and ordinary), shuffled.
messages = []
for name in ("vi.tsv", "vi_holdout.tsv", "vi_holdout2.tsv"):
    for line in (corpus / name).read_text(encoding="utf-8").splitlines()[1:]:
        if "\t" in line:
            messages.append(line.split("\t", 1)[1])
rng.shuffle(messages)
for text in messages:
    emit("scan", "POST", "/api/v1/scan", {"text": text})

# Reports: a description put together from fragments (as bench/intake_post.lua), a typed phone.
openings = ["Hôm qua có người gọi cho mẹ tôi", "Sáng nay tôi nhận được cuộc gọi",
            "Chiều qua bố tôi nhận tin nhắn", "Tối thứ bảy em gái tôi được kết bạn Zalo",
            "Có một tài khoản Facebook lạ nhắn tin cho con trai tôi"]
claims = ["tự xưng là cán bộ công an phường", "giả làm nhân viên ngân hàng",
          "nói là nhân viên bưu điện", "xưng là nhân viên điện lực",
          "giả danh bộ phận chăm sóc khách hàng của nhà mạng"]
asks = ["yêu cầu chuyển tiền vào tài khoản để xác minh", "bảo bấm vào đường link để nhận quà",
        "đòi nộp phí để nhận bưu phẩm", "đề nghị cung cấp mã OTP vừa gửi về",
        "mời tham gia nhóm làm nhiệm vụ được hoàn tiền"]
outcomes = ["may mà gia đình phát hiện kịp", "tôi đã chuyển mất một khoản tiền",
            "tôi nghi ngờ nên không làm theo", "tôi đã chặn số đó"]
categories = ["scam_call", "phishing", "bank_fraud", "fake_police", "delivery", "job_task"]
for _ in range(2000):
    phone = "09%08d" % rng.randrange(2000)
    link = f"http://lua-dao-{rng.randrange(500)}.top/xac-thuc"
    text = (f"{rng.choice(openings)}, {rng.choice(claims)}, {rng.choice(asks)}, "
            f"{rng.choice(outcomes)}. Số điện thoại {phone}, trang {link}")
    emit("report", "POST", "/api/v1/reports",
         {"category": rng.choice(categories), "description": text, "ward": "pho-minh",
          "anonymous": True, "indicators": [{"kind": "phone", "value": phone}]})

# Pages: the home page, the warnings list, a warning, the check page (a listed value, then a
# message or a random value), in turn.
for i in range(max(len(warnings), 40)):
    emit("page", "GET", "/")
    emit("page", "GET", "/canh-bao")
    emit("page", "GET", f"/canh-bao/{warnings[i % len(warnings)]}")
    emit("page", "GET", f"/kiem-tra?q={q(listed_item()['value'])}")
    other = messages[i % len(messages)] if i % 2 else random_item()["value"]
    emit("page", "GET", f"/kiem-tra?q={q(other)}")
print("\n".join(out))
PY

"$binhyen" serve --config "$work/soak.toml" --data "$work/data" >"$work/server.log" 2>&1 &
server_pid=$!
port=$(wait_for_port "$work/server.log")
url="http://127.0.0.1:$port/"

# Every request of the file once, sequentially: each must answer as bench/soak_mixed.lua expects.
while IFS=$'\t' read -r kind method path body; do
  if [ "$method" = GET ]; then
    status=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port$path")
  else
    status=$(curl -s -o /dev/null -w '%{http_code}' -X "$method" -H 'Content-Type: application/json' \
      --data-binary "$body" "http://127.0.0.1:$port$path")
  fi
  want=200
  [ "$kind" = report ] && want=201
  [ "$status" = "$want" ] || { echo "FAIL: $method $path answered $status, not $want" >&2; exit 1; }
done < <(awk -F'\t' '!seen[$1]++ || NR % 97 == 0' "$work/requests.tsv")

# memory: "VmRSS RssAnon RssFile" of the server, in KiB.
memory() { awk '/^(VmRSS|RssAnon|RssFile):/ {v[$1] = $2} END {print v["VmRSS:"], v["RssAnon:"], v["RssFile:"]}' \
  "/proc/$server_pid/status"; }
alive() { kill -0 "$server_pid" 2>/dev/null || { tail -20 "$work/server.log" >&2; echo "FAIL: the server died" >&2; exit 1; }; }

# run_mix SECONDS RATE: one wrk run of the mix (RATE 0: unpaced); prints its "soak:" line.
run_mix() {
  SOAK_REQUESTS="$work/requests.tsv" SOAK_RATE="$2" SOAK_THREADS="$THREADS" \
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$1s" -s "$root/bench/soak_mixed.lua" "$url" >"$work/wrk.out"
  cat "$work/wrk.out" >>"$work/wrk.all"
  grep '^soak:' "$work/wrk.out"
}
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$2"; }

total_reports=0
read -r rss_start anon_start file_start < <(memory)
echo "requests: $(awk -F'\t' '{n[$1]++} END {for (k in n) printf "%s %d, ", k, n[k]}' "$work/requests.tsv")" \
  "mix per 20: 8 check, 6 scan, 5 page, 1 report; wrk -t$THREADS -c$CONNECTIONS"
if [ -z "$MAX_RATE" ]; then
  echo "phase 1: maximum throughput, $MAX_RUNS runs of ${MAX_SECONDS}s"
  rates=()
  for run in $(seq 1 "$MAX_RUNS"); do
    line=$(run_mix "$MAX_SECONDS" 0)
    alive
    rate=$(field rate "$line")
    echo "  run $run: $rate req/s, p50 $(field p50_ms "$line") ms, p99 $(field p99_ms "$line") ms," \
      "unexpected $(field unexpected "$line"), socket errors $(field socket_errors "$line")"
    if [ "$(field unexpected "$line")" != 0 ] || [ "$(field socket_errors "$line")" != 0 ]; then
      grep -v '^soak:' "$work/wrk.out" >&2
      echo "FAIL: errors at full speed" >&2
      exit 1
    fi
    total_reports=$((total_reports + $(awk '$1 == "report" {print $7}' "$work/wrk.out")))
    rates+=("$rate")
  done
  MAX_RATE=$(median "${rates[@]}")
fi
target=$(awk -v m="$MAX_RATE" -v f="$FRACTION" 'BEGIN {printf "%.0f", m * f}')
echo "phase 2: $target req/s ($FRACTION x $MAX_RATE) for ${SOAK_SECONDS}s, memory every ${SAMPLE_SECONDS}s"

# Memory samples "SECONDS VMRSS RSSANON RSSFILE" (KiB) from the start of phase 2.
(
  start=$(date +%s%N)
  while :; do
    echo "$((($(date +%s%N) - start) / 1000000000)) $(memory)"
    sleep "$SAMPLE_SECONDS"
  done
) >"$work/rss.log" 2>/dev/null &
sampler_pid=$!
soak=$(run_mix "$SOAK_SECONDS" "$target")
alive
read -r rss_end anon_end file_end < <(memory)
kill "$sampler_pid" 2>/dev/null || true
wait "$sampler_pid" 2>/dev/null || true
sampler_pid=""
echo "$SOAK_SECONDS $rss_end $anon_end $file_end" >>"$work/rss.log"
total_reports=$((total_reports + $(awk '$1 == "report" {print $7}' "$work/wrk.out")))

read -r warm_at rss_warm anon_warm file_warm < <(awk -v w="$WARMUP_SECONDS" '$1 >= w {print; exit}' "$work/rss.log")
percent() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%+.1f", (b - a) * 100 / a}'; }
growth=$(percent "$anon_warm" "$anon_end")
mib() { awk -v k="$1" 'BEGIN {printf "%.1f", k / 1024}'; }
stored=$(($(sqlite3 "$db" 'SELECT count(*) FROM reports') - demo_reports))
unexpected=$(field unexpected "$soak")
socket_errors=$(field socket_errors "$soak")

grep -v '^soak:' "$work/wrk.out"
echo "memory samples (s: VmRSS RssAnon RssFile MiB): $(awk '{printf "%s: %.1f %.1f %.1f; ", $1, $2 / 1024, $3 / 1024, $4 / 1024}' "$work/rss.log")"
echo "summary: maximum $MAX_RATE req/s; soak at $target req/s for ${SOAK_SECONDS}s:" \
  "achieved $(field rate "$soak") req/s, $(field requests "$soak") requests," \
  "$unexpected unexpected answers, $socket_errors socket errors;" \
  "latency p50 $(field p50_ms "$soak") ms, p99 $(field p99_ms "$soak") ms, max $(field max_ms "$soak") ms;" \
  "private memory (RssAnon) $(mib "$anon_start") MiB at start, $(mib "$anon_warm") MiB at ${warm_at}s," \
  "$(mib "$anon_end") MiB at the end: growth $growth%;" \
  "VmRSS $(mib "$rss_start") / $(mib "$rss_warm") / $(mib "$rss_end") MiB ($(percent "$rss_warm" "$rss_end")%)," \
  "of it file-backed (RssFile) $(mib "$file_start") / $(mib "$file_warm") / $(mib "$file_end") MiB;" \
  "database $(mib $(($(stat -c %s "$db") / 1024))) MiB;" \
  "$total_reports reports acknowledged, $stored stored"
status=0
if [ "$unexpected" != 0 ] || [ "$socket_errors" != 0 ]; then
  echo "FAIL: errors during the soak" >&2
  status=1
fi
awk -v g="$growth" -v m="$MAX_GROWTH_PERCENT" 'BEGIN {exit !(g < m)}' ||
  { echo "FAIL: private memory grew by $growth% (limit $MAX_GROWTH_PERCENT%)" >&2; status=1; }
[ "$stored" -ge "$total_reports" ] || { echo "FAIL: $total_reports reports acknowledged, $stored stored" >&2; status=1; }
[ "$status" = 0 ] && echo "PASS"
exit "$status"
