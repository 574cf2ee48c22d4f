# Shell helpers shared by the HTTP benchmarks (sourced, not run).

# A free TCP port on 127.0.0.1.
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# The median of the numbers given as arguments.
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }

# wait_for_port LOG: prints the port of the "serving http://127.0.0.1:PORT" line of a binhyen
# server's LOG once it appears (10 s at most); on failure prints the log and exits 1.
wait_for_port() {
  local port=""
  for _ in $(seq 1 100); do
    port=$(sed -n 's/.*serving http:\/\/127\.0\.0\.1:\([0-9]*\).*/\1/p' "$1")
    [ -n "$port" ] && break
    sleep 0.1
  done
  [ -n "$port" ] || { cat "$1" >&2; echo "FAIL: server did not start" >&2; exit 1; }
  echo "$port"
}
