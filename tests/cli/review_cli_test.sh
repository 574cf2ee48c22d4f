#!/usr/bin/env bash
# `binhyen review` end to end through the binary, on the demo data: the periodic review of the
# last 200 days as PDF and as XLSX; the numbers it prints and writes are the store's own (counted
# here with SQL); the PDF's text is Vietnamese as written; bad arguments are refused with one line
# and write no file. Runs against SQLite, and against PostgreSQL too when
# BINHYEN_TEST_POSTGRES_URL is set.
# Usage: review_cli_test.sh path/to/binhyen
set -u
DB_PREFIX=review_cli
source "$(dirname "$0")/store_lib.sh"

# The period: the 200 days up to today, in Vietnam time; its bounds in microseconds.
to=$(TZ=Asia/Ho_Chi_Minh date +%F)
from=$(TZ=Asia/Ho_Chi_Minh date -d "$to -199 days" +%F)
start_us=$(($(date -d "$from 00:00 +0700" +%s) * 1000000))
end_us=$(($(date -d "$to 00:00 +0700 + 1 day" +%s) * 1000000))
dmy() { date -d "$1" +%d/%m/%Y; }

suite() {
  begin_suite "$1"
  run demo --data "$d" "${S[@]}"
  check "demo rc" "$rc" 0
  local reports confirmed
  reports=$(sql "$d" "$u" "SELECT count(*) FROM reports WHERE created_at >= $start_us AND created_at < $end_us")
  confirmed=$(sql "$d" "$u" "SELECT count(*) FROM reports WHERE status = 'confirmed' AND created_at >= $start_us AND created_at < $end_us")
  [ "$reports" -gt 0 ] && ok || bad "the demo should have reports in the period"

  # --- PDF
  run review --data "$d" "${S[@]}" --from "$from" --to "$to" --format pdf -o "$tmp/review.pdf"
  check "pdf rc" "$rc" 0
  check "pdf stderr" "$err" ""
  check "pdf summary" "$(printf '%s' "$out" | sed 's/([0-9]* bytes)/(N bytes)/; s/, [0-9]* reward proposals//')" \
    "wrote $tmp/review.pdf (N bytes): $from..$to, $reports reports, $confirmed confirmed"
  check "pdf magic" "$(head -c 5 "$tmp/review.pdf")" "%PDF-"
  local text
  text=$(pdftotext "$tmp/review.pdf" - 2>/dev/null)
  for want in "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" "Độc lập - Tự do - Hạnh phúc" "BÁO CÁO" \
    "(Từ ngày $(dmy "$from") đến ngày $(dmy "$to"))" "Trong kỳ tiếp nhận $reports báo cáo" \
    "Phường Phổ Minh" "Tổng cộng" "ĐỀ NGHỊ KHEN THƯỞNG"; do
    case "$text" in *"$want"*) ok ;; *) bad "pdf text lacks [$want]" ;; esac
  done
  [ ! -e "$tmp/review.pdf.tmp" ] && ok || bad "temporary file left behind"

  # --- XLSX: a workbook with a sheet per section and a chart
  run review --data "$d" "${S[@]}" --from "$from" --to "$to" --format xlsx -o "$tmp/review.xlsx"
  check "xlsx rc" "$rc" 0
  check "xlsx magic" "$(head -c 2 "$tmp/review.xlsx")" "PK"
  local parts
  parts=$(python3 -c 'import sys, zipfile; print("\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))' "$tmp/review.xlsx")
  for want in xl/worksheets/sheet10.xml xl/charts/chart1.xml; do
    case "$parts" in *"$want"*) ok ;; *) bad "xlsx lacks $want" ;; esac
  done

  # --- refused with one line, no file written
  expect_err "binhyen review: from: must be YYYY-MM-DD" 2 -- \
    review --data "$d" "${S[@]}" --from 2026-13-01 --to "$to" -o "$tmp/bad.pdf"
  expect_err "binhyen review: to: must not be before from" 2 -- \
    review --data "$d" "${S[@]}" --from "$to" --to "$from" -o "$tmp/bad.pdf"
  expect_err "binhyen review: --format: must be xlsx or pdf" 2 -- \
    review --data "$d" "${S[@]}" --from "$from" --to "$to" --format docx -o "$tmp/bad.pdf"
  expect_err "binhyen review: review 999: not found" 2 -- \
    review --data "$d" "${S[@]}" --id 999 -o "$tmp/bad.pdf"
  [ ! -e "$tmp/bad.pdf" ] && ok || bad "a refused review wrote a file"
  expect_err "binhyen review: -o: cannot write $tmp/no-such-dir/x.pdf.tmp" 1 -- \
    review --data "$d" "${S[@]}" --from "$from" --to "$to" -o "$tmp/no-such-dir/x.pdf"

  # --- the review kept by the demo (the current half-year), by its id
  run review --data "$d" "${S[@]}" --id 1 --format pdf -o "$tmp/stored.pdf"
  check "stored review rc" "$rc" 0
  case "$(pdftotext "$tmp/stored.pdf" - 2>/dev/null)" in *"Sơ kết 6 tháng"*) ok ;;
    *) bad "the stored review's title is missing" ;; esac
}

suite sqlite
if [ -n "$PG_BASE" ]; then
  suite postgres
fi

echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
