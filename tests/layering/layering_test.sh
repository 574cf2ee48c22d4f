#!/usr/bin/env bash
# The layering check must reject a forbidden include and an unknown module, and accept the tree.
# Usage: layering_test.sh path/to/check_layering.cmake path/to/layers.txt path/to/src
set -u
check=$1 layers=$2 src=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
run() { cmake -DSRC_DIR="$1" -DLAYERS="$layers" -P "$check" >"$tmp/out" 2>&1; }
expect() {  # expect WANT_RC LABEL
  if [ "$rc" -eq "$1" ]; then pass=$((pass + 1)); else fail=$((fail + 1));
    echo "FAIL: $2 (rc=$rc)"; cat "$tmp/out"; fi
}
mkdir -p "$tmp/src/base" "$tmp/src/text" "$tmp/src/indicator"
echo '#include "base/status.h"' >"$tmp/src/indicator/ok.cc"
echo '#include "text/fold.h"' >"$tmp/src/indicator/ok.h"
run "$tmp/src"; rc=$?; expect 0 "allowed includes"
echo '#include "indicator/url.h"' >"$tmp/src/text/bad.cc"
run "$tmp/src"; rc=$?; expect 1 "text including indicator"
grep -q "src/text/bad.cc includes indicator/" "$tmp/out" || { fail=$((fail + 1)); echo "FAIL: message"; }
rm "$tmp/src/text/bad.cc"; mkdir "$tmp/src/stray"
run "$tmp/src"; rc=$?; expect 1 "unknown module folder"
run "$src"; rc=$?; expect 0 "the project's own src/"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
