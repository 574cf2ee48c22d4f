#!/usr/bin/env bash
# With every package present (make test installed them), install-deps must do nothing, print
# nothing and finish quickly.
set -u
script=$1
out=$("$script" 2>&1); rc=$?
if [ $rc -ne 0 ] || [ -n "$out" ]; then
  echo "FAIL: install-deps on a complete machine: rc=$rc output: $out"
  echo "0 passed, 1 failed"
  exit 1
fi
echo "1 passed, 0 failed"
