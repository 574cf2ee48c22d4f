#!/usr/bin/env bash
# Federation end to end (issue 11): two `binhyen serve` instances on loopback, each with its own
# SQLite data directory. B adds A as a peer with A's key (`binhyen peer add`) and pulls it every
# second ([federation] pull_seconds through the environment):
#  1. a report confirmed through A's API makes B's GET /api/v1/check answer `dangerous`;
#  2. reopening it at A (its indicator back to pending: withdrawn) makes B answer `unknown`;
#  3. a peer added with a wrong key shows the signature error in `binhyen peer list`.
# Usage: federation_cli_test.sh path/to/binhyen
set -u
B=$(realpath "${1:?usage: $0 path/to/binhyen}")
tmp=$(mktemp -d "${TMPDIR:-/tmp}/binhyen-federation.XXXXXX")
pid_a=""
pid_b=""
cleanup() {
  for p in $pid_a $pid_b; do
    kill -TERM "$p" 2>/dev/null
    wait "$p" 2>/dev/null
  done
  rm -rf "$tmp"
}
trap cleanup EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() {
  fail=$((fail + 1))
  echo "FAIL: $*"
}
check() { if [ "$2" == "$3" ]; then ok; else bad "$1: got [$2], want [$3]"; fi; }
fatal() {
  echo "FATAL: $*" >&2
  for log in "$tmp"/node-*.log; do
    [ -f "$log" ] && { echo "--- $log" >&2; tail -n 20 "$log" >&2; }
  done
  exit 1
}

# --- A: an analyst with a token; B: empty. Both keys made by `peer key`.
"$B" migrate --data "$tmp/a" >/dev/null || fatal "migrate a"
"$B" migrate --data "$tmp/b" >/dev/null || fatal "migrate b"
printf 'federation password\n' |
  "$B" user add --data "$tmp/a" --name phan.tich --role analyst --password-stdin >/dev/null ||
  fatal "user add"
token=$("$B" token create --data "$tmp/a" --user phan.tich --scope reports:read \
  --scope reports:triage --scope reports:submit | tail -n 1)
[ -n "$token" ] || fatal "token create"
key_a=$("$B" peer key --data "$tmp/a") || fatal "peer key a"
check "key is stable" "$("$B" peer key --data "$tmp/a")" "$key_a"
check "key length" "${#key_a}" 43
key_b=$("$B" peer key --data "$tmp/b") || fatal "peer key b"

export BINHYEN_FEDERATION_PULL_SECONDS=1
# start NAME: `binhyen serve` of <tmp>/NAME on a free loopback port; sets pid_NAME.
start() {
  "$B" serve --data "$tmp/$1" --listen 127.0.0.1:0 >"$tmp/node-$1.log" 2>&1 &
  eval "pid_$1=$!"
}
port_of() {
  local p pid
  eval "pid=\$pid_$1"
  for _ in $(seq 1 1500); do
    p=$(sed -n 's/.*serving http:\/\/127\.0\.0\.1:\([0-9][0-9]*\).*/\1/p' "$tmp/node-$1.log" |
      head -n 1)
    [ -n "$p" ] && { echo "$p"; return 0; }
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.02
  done
  return 1
}
start a
port_a=$(port_of a) || fatal "A did not start"
A="http://127.0.0.1:$port_a"

# The key route and a signed page.
check "key route" "$(curl -s "$A/api/v1/federation/key" |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["origin"])')" "$key_a"
check "feed signed" "$(curl -s -D - -o /dev/null "$A/api/v1/federation/feed?since=0" |
  tr -d '\r' | grep -ci '^binhyen-signature: ed25519=')" 1
check "bad limit" "$(curl -s -o /dev/null -w '%{http_code}' \
  "$A/api/v1/federation/feed?limit=0")" 422

# B pulls A (the peer is added before B starts; `peer add` works on a running server too).
"$B" peer add "$A" --data "$tmp/b" --key "$key_a" --name tinh --trust high >/dev/null ||
  fatal "peer add"
check "own key refused" "$("$B" peer add "$A" --data "$tmp/b" --key "$key_b" --name x \
  >/dev/null 2>&1; echo $?)" 2
start b
port_b=$(port_of b) || fatal "B did not start"
Bn="http://127.0.0.1:$port_b"

api() {
  curl -s --max-time 20 -w '\n%{http_code}' -X "$2" -H "Authorization: Bearer $token" \
    -H 'Content-Type: application/json' ${4:+--data-binary "$4"} "$1$3"
}
code_of() { printf '%s' "${1##*$'\n'}"; }
verdict_at_b() {
  curl -s "$Bn/api/v1/check?kind=url&value=$link" |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["verdict"])'
}
# wait_verdict WANT: polls B's check for up to 15 s; prints the last verdict.
wait_verdict() {
  local v=""
  for _ in $(seq 1 150); do
    v=$(verdict_at_b)
    [ "$v" == "$1" ] && break
    sleep 0.1
  done
  echo "$v"
}

# --- 1. Confirmed at A -> dangerous at B.
link="http://xac-minh-tai-khoan-$$.top/dang-nhap"
body="{\"category\":\"phishing\",\"description\":\"Tin nhắn giả ngân hàng gửi link $link\","
body+="\"indicators\":[{\"kind\":\"url\",\"value\":\"$link\"}],\"anonymous\":true}"
resp=$(api "$A" POST /api/v1/reports "$body")
check "report filed" "$(code_of "$resp")" 201
id=$(printf '%s' "${resp%$'\n'*}" | python3 -c 'import json, sys; print(json.load(sys.stdin)["id"])')
check "B unknown before" "$(verdict_at_b)" unknown
check "triaging" "$(code_of "$(api "$A" POST "/api/v1/reports/$id/transition" \
  '{"to":"triaging"}')")" 200
sleep 1.5
check "pending never reaches B" "$(verdict_at_b)" unknown
check "confirmed" "$(code_of "$(api "$A" POST "/api/v1/reports/$id/transition" \
  '{"to":"confirmed","severity":"high"}')")" 200
check "B dangerous" "$(wait_verdict dangerous)" dangerous
check "B names the peer" "$(curl -s "$Bn/api/v1/check?kind=url&value=$link" | python3 -c \
  'import json, sys; print(json.load(sys.stdin)["matches"][0]["source"])' 2>/dev/null)" \
  "feed:peer.tinh"

# --- 2. Reopened at A (withdrawn) -> unknown at B.
check "reopened" "$(code_of "$(api "$A" POST "/api/v1/reports/$id/transition" \
  '{"to":"triaging"}')")" 200
check "B unknown after" "$(wait_verdict unknown)" unknown
list=$("$B" peer list --data "$tmp/b" --json)
check "peer list ok" "$(printf '%s' "$list" | python3 -c \
  'import json, sys; p = json.load(sys.stdin)[0]; print(p["name"], p["last_error"] == "", p["cursor"] > 0)')" \
  "tinh True True"

# --- 3. A wrong key: the pull is refused and the error shown.
"$B" peer set tinh --data "$tmp/b" --key "$key_b" >/dev/null 2>&1
check "set own key refused" "$?" 2
wrong=$("$B" peer key --data "$tmp/wrong")
"$B" peer set tinh --data "$tmp/b" --key "$wrong" >/dev/null || bad "peer set --key"
error=""
for _ in $(seq 1 100); do
  error=$("$B" peer list --data "$tmp/b" --json | python3 -c \
    'import json, sys; print(json.load(sys.stdin)[0]["last_error"])')
  [ -n "$error" ] && break
  sleep 0.1
done
case "$error" in
  *signature*) ok ;;
  *) bad "wrong key: last_error [$error]" ;;
esac
"$B" peer pull tinh --data "$tmp/b" >"$tmp/pull.out" 2>&1
check "peer pull rc with a wrong key" "$?" 1
grep -q "signature" "$tmp/pull.out" || bad "peer pull output: $(cat "$tmp/pull.out")"

echo "federation_cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
