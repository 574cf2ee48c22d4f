#!/usr/bin/env bash
# `binhyen train` end to end: the committed model is reproduced byte for byte by the command
# recorded in data/scan/corpus/README.md; outputs, --cv, --test, --json; bad input exits 2.
# Usage: train_cli_test.sh path/to/binhyen path/to/source
set -u
B=$1
SRC=$2
pass=0
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

# expect_reject ARGS...: exit 2, nothing on stdout, exactly one line on stderr.
expect_reject() {
  local got rc lines
  got=$("$B" "$@" 2>"$tmp/err"); rc=$?
  lines=$(wc -l <"$tmp/err")
  if [ $rc -eq 2 ] && [ -z "$got" ] && [ "$lines" -eq 1 ]; then ok; else
    bad "binhyen $* should be rejected with one line: rc=$rc stdout=[$got] stderr=[$(cat "$tmp/err")]"; fi
}

# expect_fail ARGS...: exit 2 with exactly one line on stderr (the files read are listed first).
expect_fail() {
  local rc lines
  "$B" "$@" >/dev/null 2>"$tmp/err"; rc=$?
  lines=$(wc -l <"$tmp/err")
  if [ $rc -eq 2 ] && [ "$lines" -eq 1 ]; then ok; else
    bad "binhyen $* should fail with one line: rc=$rc stderr=[$(cat "$tmp/err")]"; fi
}

# --- the committed model, from its recorded command (run in the source folder, as documented)
(cd "$SRC" && "$B" train --data data/scan/corpus/uci_sms.tsv --data data/scan/corpus/vi.tsv:4 \
  -o "$tmp/model.bin" >"$tmp/out")
if cmp -s "$tmp/model.bin" "$SRC/data/scan/model.bin"; then ok; else
  bad "the recorded training command does not reproduce data/scan/model.bin"; fi
want="data/scan/corpus/uci_sms.tsv: 747 scam, 4827 ok
data/scan/corpus/vi.tsv: 546 scam, 545 ok, weight 4"
if [ "$(head -2 "$tmp/out")" == "$want" ]; then ok; else bad "train output: $(cat "$tmp/out")"; fi

# --- a small set: counts per file, model written, --test and --cv figures
printf 'label\ttext\nscam\twin a free prize now\nscam\tclaim your free cash prize\nok\tsee you at dinner\nok\tthe kids are at school\n' >"$tmp/a.tsv"
printf 'spam\turgent free prize call now\nham\tdinner is ready at home\n' >"$tmp/b.tsv"
got=$("$B" train --data "$tmp/a.tsv" --data "$tmp/b.tsv" -o "$tmp/small.bin" --epochs 30 2>&1)
want="$tmp/a.tsv: 2 scam, 2 ok
$tmp/b.tsv: 1 scam, 1 ok
wrote $tmp/small.bin: $(stat -c %s "$tmp/small.bin") bytes, "
if [[ "$got" == "$want"[1-9]*" non-zero weights" ]] && [ -s "$tmp/small.bin" ]; then ok; else
  bad "small train: [$got]"; fi
got=$("$B" train --data "$tmp/a.tsv" --test "$tmp/b.tsv" --json)
if echo "$got" | python3 -c 'import json,sys; d=json.load(sys.stdin); t=d["test"]; assert t["file"]["scam"]==1 and t["file"]["ok"]==1; m=t["metrics"]; assert m["tp"]+m["fn"]==1 and m["tn"]+m["fp"]==1; assert "model" not in d' 2>"$tmp/err"; then ok; else
  bad "--test --json: [$got] $(cat "$tmp/err")"; fi
got=$("$B" train --data "$tmp/a.tsv" --data "$tmp/b.tsv" --cv 2 --json)
if echo "$got" | python3 -c 'import json,sys; d=json.load(sys.stdin); c=d["cv"]; assert c["k"]==2 and len(c["folds"])==2; o=c["overall"]; assert o["tp"]+o["fn"]==3 and o["tn"]+o["fp"]==3' 2>"$tmp/err"; then ok; else
  bad "--cv --json: [$got] $(cat "$tmp/err")"; fi
got=$("$B" train --data "$tmp/a.tsv" --data "$tmp/b.tsv" --cv 2 | grep -c '^fold ')
if [ "$got" == "2" ]; then ok; else bad "--cv 2 printed $got fold lines"; fi
# With several files, --cv also gives each file's figures; FILE:WEIGHT weighs a file.
got=$("$B" train --data "$tmp/a.tsv:2.5" --data "$tmp/b.tsv" --cv 2 --json)
if echo "$got" | python3 -c 'import json,sys; d=json.load(sys.stdin); f=d["files"]; assert f[0]["weight"]==2.5 and f[1]["weight"]==1; b=d["cv"]["by_file"]; assert [x["path"][-5:] for x in b]==["a.tsv","b.tsv"]; m=b[1]["metrics"]; assert m["tp"]+m["fn"]+m["tn"]+m["fp"]==2' 2>"$tmp/err"; then ok; else
  bad "--cv by file: [$got] $(cat "$tmp/err")"; fi
got=$("$B" train --data "$tmp/a.tsv:2.5" -o "$tmp/w.bin" | head -1)
if [ "$got" == "$tmp/a.tsv: 2 scam, 2 ok, weight 2.5" ]; then ok; else bad "weight line: [$got]"; fi

# --errors: the misclassified examples, label score text, with a header
"$B" train --data "$tmp/a.tsv" --test "$tmp/b.tsv" --threshold 0.99 --errors "$tmp/errors.tsv" >/dev/null
if [ "$(head -1 "$tmp/errors.tsv")" == "$(printf 'label\tscore\ttext')" ] &&
   grep -q "^scam	[0-9.]*	urgent free prize call now$" "$tmp/errors.tsv" &&
   ! grep -q "^ok	" "$tmp/errors.tsv"; then ok; else
  bad "--errors: $(cat "$tmp/errors.tsv")"; fi

# --- bad input: one line, exit 2
printf 'ok\tfine\nmaybe\tnot a label\n' >"$tmp/bad.tsv"
expect_reject train --data "$tmp/bad.tsv" -o "$tmp/x.bin"
grep -q "bad.tsv: line 2: unknown label 'maybe'" "$tmp/err" && ok || bad "bad label: $(cat "$tmp/err")"
expect_reject train --data "$tmp/missing.tsv" -o "$tmp/x.bin"
expect_reject train --data "$tmp/a.tsv"
printf 'scam\tonly scams here\n' >"$tmp/one.tsv"
expect_fail train --data "$tmp/one.tsv" -o "$tmp/x.bin"
grep -q "need both labels" "$tmp/err" && ok || bad "one label: $(cat "$tmp/err")"
expect_fail train --data "$tmp/a.tsv" --cv 9
grep -q "k must be within 2..4" "$tmp/err" && ok || bad "--cv 9: $(cat "$tmp/err")"

echo "train_cli: $pass passed, $fail failed"
[ $fail -eq 0 ]
