#!/usr/bin/env bash
# CLI behaviour as written in the issue and README: outputs, exit codes, error lines.
# Usage: cli_test.sh path/to/binhyen
set -u
B=$1
pass=0
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

# expect_out EXPECTED_STDOUT EXPECTED_RC -- ARGS...
expect_out() {
  local want=$1 want_rc=$2; shift 3
  local got rc
  got=$("$B" "$@" 2>"$tmp/err"); rc=$?
  if [ "$got" == "$want" ] && [ $rc -eq $want_rc ]; then ok; else
    bad "binhyen $* -> rc=$rc stdout=[$got] stderr=[$(cat "$tmp/err")], want rc=$want_rc [$want]"; fi
}

# expect_reject ARGS...: exit 2, nothing on stdout, exactly one line on stderr.
expect_reject() {
  local got rc lines
  got=$("$B" "$@" 2>"$tmp/err"); rc=$?
  lines=$(wc -l <"$tmp/err")
  if [ $rc -eq 2 ] && [ -z "$got" ] && [ "$lines" -eq 1 ]; then ok; else
    bad "binhyen $* should be rejected with one line: rc=$rc stdout=[$got] stderr=[$(cat "$tmp/err")]"; fi
}

# --- normalize: examples from the issue
expect_out "970436:0071000986547" 0 -- normalize bank "Vietcombank: 0071000986547"
expect_out "970436:0071000986547" 0 -- normalize bank_account "VCB 0071000986547"
expect_out "+84912345678" 0 -- normalize phone "0912.345.678"
expect_out "+84912345678" 0 -- normalize phone "+84 912 345 678"
expect_out "+842838221234" 0 -- normalize phone "(028) 3822 1234"
expect_out "https://vcb-xacminh.top/" 0 -- normalize url "hxxps://vcb-xacminh[.]top"
expect_out "http://www.google.com/" 0 -- normalize url "http://www.GOOgle.com/"
expect_out "http://195.127.0.11/blah" 0 -- normalize url "http://3279880203/blah"
expect_out "ehoaq.com" 0 -- normalize domain "ehoaq. com"
expect_out "192.168.1.1" 0 -- normalize ip "0xc0a80101"
expect_out "abc@gmail.com" 0 -- normalize email "ABC[at]gmail[.]com"
expect_out "facebook:1000123" 0 -- normalize social "https://www.facebook.com/profile.php?id=1000123"
expect_out "tiktok:abc" 0 -- normalize social "tiktok.com/@ABC"

# --- lookup expressions: the Safe Browsing documentation's example, in its order
expect_out "a.b.c/1/2.html?param=1
a.b.c/1/2.html
a.b.c/
a.b.c/1/
b.c/1/2.html?param=1
b.c/1/2.html
b.c/
b.c/1/" 0 -- normalize url --expressions "http://a.b.c/1/2.html?param=1"
expect_out "1.2.3.4/1/
1.2.3.4/" 0 -- normalize url --expressions "http://1.2.3.4/1/"

# --- rejections: exit 2 with a one-line reason
expect_reject normalize phone "abc"
expect_reject normalize phone "12"
expect_reject normalize url "javascript:alert(1)"
expect_reject normalize url ""
expect_reject normalize domain "localhost"
expect_reject normalize bank "Vietcombank"
expect_reject normalize nosuchkind "x"
expect_reject normalize domain --expressions "a.com"

# --- extract
printf 'Goi 0912 345 678 hoac vao vcb-xacminh[.]top' >"$tmp/in.txt"
expect_out '{"canonical":"+84912345678","end":16,"kind":"phone","raw":"0912 345 678","start":4}
{"canonical":"vcb-xacminh.top","end":43,"kind":"domain","raw":"vcb-xacminh[.]top","start":26}' 0 -- extract "$tmp/in.txt"
got=$(printf 'Gửi 500.000 VND lúc 14:30 ngày 12/05/2024, mã OTP 482913' | "$B" extract -); rc=$?
if [ $rc -eq 0 ] && [ -z "$got" ]; then ok; else bad "extract of money/date/OTP gave rc=$rc [$got]"; fi
expect_reject extract "$tmp/does-not-exist"

# --- extract --batch: one line per input, bad lines reported, nothing lost
printf '%s\n' '{"id": 1, "text": "Zalo 0912345678"}' 'not json' '{"id": "b", "text": "ko co gi"}' \
  '{"id": 4}' >"$tmp/batch.jsonl"
got=$("$B" extract --batch "$tmp/batch.jsonl" 2>"$tmp/err"); rc=$?
want='{"id":1,"indicators":[{"canonical":"+84912345678","end":15,"kind":"phone","raw":"0912345678","start":5}]}
{"error":"not valid JSON","id":null,"line":2}
{"id":"b","indicators":[]}
{"error":"missing string field \"text\"","id":4,"line":4}'
if [ "$got" == "$want" ] && [ $rc -eq 2 ] && [ "$(wc -l <"$tmp/err")" -eq 2 ]; then ok; else
  bad "extract --batch: rc=$rc stdout=[$got] stderr=[$(cat "$tmp/err")]"; fi

# --- help and usage
"$B" --help >"$tmp/help" 2>&1; rc=$?
if [ $rc -eq 0 ] && grep -q normalize "$tmp/help" && grep -q extract "$tmp/help"; then ok; else
  bad "--help rc=$rc"; fi
"$B" >/dev/null 2>&1; rc=$?
if [ $rc -eq 2 ]; then ok; else bad "no subcommand should exit 2, got $rc"; fi

echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
