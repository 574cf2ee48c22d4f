#!/usr/bin/env bash
# `binhyen serve --tls-cert --tls-key` end to end: a certificate made by `openssl req` at run time
# (no key in the repository), curl trusting only it fetches /healthz over HTTPS with HSTS; plain
# HTTP on the port gets a 400; a key that does not match the certificate stops serve with a
# one-line error and exit code 2 (bad input, as a bad configuration).
# Usage: tls_cli_test.sh path/to/binhyen
set -u
bin=${1:?usage: $0 path/to/binhyen}
tmp=$(mktemp -d /tmp/binhyen-tls-cli.XXXXXX)
pid=""
cleanup() {
  [ -n "$pid" ] && { kill -TERM "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; }
  rm -rf "$tmp"
}
trap cleanup EXIT
failures=0
bad() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
check() { [ "$2" == "$3" ] || bad "$1: got [$2], want [$3]"; }

# new_pair NAME: NAME.key and NAME.crt, self-signed for 127.0.0.1, valid two days.
new_pair() {
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 \
    -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 \
    -keyout "$tmp/$1.key" -out "$tmp/$1.crt" 2>/dev/null || bad "openssl req $1"
}
new_pair server
new_pair other

# --- a key of another pair: one line on stderr, exit 1, nothing served
"$bin" serve --data "$tmp/data" --listen 127.0.0.1:0 --tls-cert "$tmp/server.crt" \
  --tls-key "$tmp/other.key" > "$tmp/bad.out" 2> "$tmp/bad.err"
check "mismatch rc" "$?" 2
check "mismatch stderr" "$(cat "$tmp/bad.err")" \
  "binhyen serve: TLS key $tmp/other.key does not match the certificate $tmp/server.crt"

# --- HTTPS with the right pair (the listen port comes from the log)
"$bin" serve --data "$tmp/data" --listen 127.0.0.1:0 --tls-cert "$tmp/server.crt" \
  --tls-key "$tmp/server.key" > "$tmp/serve.log" 2>&1 &
pid=$!
port=""
for _ in $(seq 1 300); do
  port=$(sed -n 's/.*serving https:\/\/127\.0\.0\.1:\([0-9]*\).*/\1/p' "$tmp/serve.log")
  [ -n "$port" ] && break
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.1
done
if [ -z "$port" ]; then
  cat "$tmp/serve.log" >&2
  echo "FAIL: serve did not start" >&2
  exit 1
fi
check "healthz" "$(curl -sS --cacert "$tmp/server.crt" "https://127.0.0.1:$port/healthz")" "ok"
check "hsts" "$(curl -sS -D - -o /dev/null --cacert "$tmp/server.crt" \
  "https://127.0.0.1:$port/healthz" | tr -d '\r' | grep -i '^strict-transport-security:')" \
  "Strict-Transport-Security: max-age=31536000"
# Not trusted: curl refuses the certificate (exit 60).
curl -sS -o /dev/null --cacert "$tmp/other.crt" "https://127.0.0.1:$port/healthz" 2>/dev/null
check "untrusted curl rc" "$?" 60
# TLS 1.1 is refused at the handshake (curl exit 35).
curl -sS -o /dev/null --tls-max 1.1 --cacert "$tmp/server.crt" \
  "https://127.0.0.1:$port/healthz" 2>/dev/null
check "tls 1.1 curl rc" "$?" 35
check "plain http" "$(curl -sS -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/healthz")" \
  "400"
check "still serving" "$(curl -sS --cacert "$tmp/server.crt" "https://127.0.0.1:$port/healthz")" \
  "ok"
kill -TERM "$pid"
wait "$pid"
check "serve rc after SIGTERM" "$?" 0
pid=""

if [ "$failures" -ne 0 ]; then
  echo "$failures check(s) failed" >&2
  exit 1
fi
echo "tls_cli: all checks passed"
