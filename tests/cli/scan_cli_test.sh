#!/usr/bin/env bash
# `binhyen scan` end to end through the binary: a pasted scam with a link the demo data confirms
# (JSON and the readable answer), an ordinary message, --batch with a bad line, a screenshot
# (rendered here with ImageMagick), no data directory, and refused input with its exit code.
# Usage: scan_cli_test.sh path/to/binhyen
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
tmp=$(mktemp -d /tmp/binhyen-scan-cli.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
fails=0
ok() { :; }
bad() { echo "FAIL: $*"; fails=$((fails + 1)); }
field() { python3 -c "import json,sys; d=json.loads(sys.stdin.read()); print($1)"; }

d="$tmp/data"
"$bin" demo --data "$d" >/dev/null 2>&1 || bad "demo failed"

# --- a scam with a confirmed link of the demo data
printf 'VIETCOMBANK: Tai khoan cua quy khach bi tam khoa. Xac thuc ngay tai https://vietcombank-hotro.top/dang-nhap de tranh bi khoa vinh vien.\n' >"$tmp/scam.txt"
out=$("$bin" scan --data "$d" --json "$tmp/scam.txt")
[ $? -eq 0 ] || bad "scan --json rc"
[ "$(field "d['verdict']" <<<"$out")" = scam ] || bad "verdict: $out"
[ "$(field "[i['verdict'] for i in d['indicators'] if i['kind']=='url'][0]" <<<"$out")" = dangerous ] ||
  bad "the confirmed link is not dangerous: $out"
[ "$(field "d['reasons'][0]['rule']" <<<"$out")" = indicator.dangerous ] || bad "first reason: $out"
readable=$("$bin" scan --data "$d" <"$tmp/scam.txt")
grep -q '^Kết luận / Verdict: LỪA ĐẢO / SCAM — ' <<<"$readable" || bad "readable verdict: $readable"
grep -q '^Nên làm gì / What to do:' <<<"$readable" || bad "readable advice: $readable"

# --- an ordinary message
out=$(printf 'Mẹ ơi chiều nay con đón em ở trường rồi nhé, mẹ không cần đi.' | "$bin" scan --data "$d" --json)
[ "$(field "d['verdict']" <<<"$out")" = clean ] || bad "ordinary message: $out"

# --- batch: one answer per line, a bad line answered with its error, exit code 2
printf '{"id": "a", "text": "Chuc mung ban trung thuong xe SH, phi nhan thuong 500k"}\nnot json\n\n{"id": 7, "text": "Hop phu huynh luc 8h sang thu 7"}\n{"id": "no-text"}\n' >"$tmp/batch.jsonl"
out=$("$bin" scan --data "$d" --batch "$tmp/batch.jsonl")
rc=$?
[ $rc -eq 2 ] || bad "batch rc $rc"
[ "$(wc -l <<<"$out")" -eq 4 ] || bad "batch lines: $out"
[ "$(sed -n 1p <<<"$out" | field "d['id'], d['verdict'], sorted(d)")" = "a scam ['category', 'id', 'indicators', 'reasons', 'score', 'verdict']" ] ||
  bad "batch line 1: $(sed -n 1p <<<"$out")"
[ "$(sed -n 2p <<<"$out")" = '{"error":"line 2: not a JSON object","id":2}' ] || bad "batch line 2: $(sed -n 2p <<<"$out")"
[ "$(sed -n 3p <<<"$out" | field "d['id'], d['verdict']")" = "7 clean" ] || bad "batch line 3: $(sed -n 3p <<<"$out")"
[ "$(sed -n 4p <<<"$out")" = '{"error":"line 5: \"text\" must be a string","id":"no-text"}' ] ||
  bad "batch line 4: $(sed -n 4p <<<"$out")"

# --- a screenshot: OCR, then the same scan
convert -size 1000x160 xc:white -font DejaVu-Sans -pointsize 34 -fill black \
  -annotate +20+70 'CÔNG AN: yêu cầu chuyển tiền vào' -annotate +20+130 'tài khoản tạm giữ để xác minh' \
  "$tmp/shot.png" || bad "convert (imagemagick, fonts-dejavu-core)"
out=$("$bin" scan --data "$d" --json --image "$tmp/shot.png")
[ $? -eq 0 ] || bad "scan --image rc"
grep -q 'chuyển tiền' <<<"$(field "d['ocr_text']" <<<"$out")" || bad "ocr_text: $out"
[ "$(field "d['verdict']" <<<"$out")" = scam ] || bad "screenshot verdict: $out"

# --- no data directory: a warning, and indicators stay unknown
out=$(cd "$tmp" && "$bin" scan --json "$tmp/scam.txt" 2>"$tmp/err")
grep -q 'no data directory' "$tmp/err" || bad "no warning without ./var: $(cat "$tmp/err")"
[ "$(field "[i['verdict'] for i in d['indicators'] if i['kind']=='url'][0]" <<<"$out")" = unknown ] ||
  bad "without an index the link should be unknown: $out"

# --- refused input
err=$(printf '   \n' | "$bin" scan --data "$d" 2>&1 >/dev/null)
rc=$?
[ $rc -eq 2 ] && [ "$err" = "binhyen scan: the message is empty" ] || bad "empty: rc $rc '$err'"
err=$("$bin" scan --data "$d" "$tmp/missing.txt" 2>&1 >/dev/null)
rc=$?
[ $rc -eq 2 ] && [ "$err" = "binhyen scan: $tmp/missing.txt: cannot be read" ] || bad "missing: rc $rc '$err'"
printf 'not an image' >"$tmp/fake.png"
err=$("$bin" scan --data "$d" --image "$tmp/fake.png" 2>&1 >/dev/null)
rc=$?
[ $rc -eq 2 ] && grep -q '^binhyen scan: ' <<<"$err" || bad "fake image: rc $rc '$err'"

if [ $fails -gt 0 ]; then
  echo "$fails failure(s)"
  exit 1
fi
echo "scan_cli: all passed"
