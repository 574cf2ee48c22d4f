#!/usr/bin/env bash
# The message scanner side by side with rspamd and SpamAssassin's spamd, on this machine, over
# the same labelled SMS corpus (issue 6: >= 100,000 SMS/s on one core, >= 50x rspamd's rate).
#
#   bench/scan_peers.sh
#   LIMIT=500 RUNS=1 ENGINES="rspamd spamd" bench/scan_peers.sh
#   BINHYEN=build-x/apps/binhyen/binhyen REPEAT=20 OUT=/tmp/peers bench/scan_peers.sh
#
# Environment:
#   CORPUS    TAB-separated "label<TAB>text" files, space-separated (default:
#             data/scan/corpus/uci_sms.tsv, plus data/scan/corpus/vi.tsv when present);
#             labels ham/ok are negatives, spam/scam positives; a header line is skipped
#   LIMIT     first N messages only (default: all)
#   RUNS      passes per engine, the table shows the median (default 3)
#   SPAMD_RUNS  passes for spamd (default 1)
#   SPAMD_EVERY  spamd scans every Nth message only (default 3: at 10-25 SMS/s, all 5,958 take
#             4-10 minutes; 1 = all)
#   WORKERS   rspamd normal workers and spamd children (default: nproc)
#   CLIENTS   concurrent clients sending to rspamd and spamd (default: WORKERS)
#   ENGINES   any of "binhyen rspamd spamd spamc" (default: "binhyen rspamd spamd"); spamc is
#             spamd again, but through one `spamc -x -c` process per message (as a mail system
#             piping to spamc would): the fork and exec cost on top of spamd's
#   BINHYEN   the binary (default build/release/apps/binhyen/binhyen); skipped if absent
#   BINHYEN_DATA  binhyen's data directory, so that links, phones and accounts are looked up in
#             a reputation index (default: a fresh `binhyen demo` directory; "none": no index)
#   REPEAT    binhyen's throughput pass scans the corpus this many times in one process (20)
#   CPU       taskset CPU list for binhyen (default 0, one core; empty = not pinned)
#   SUBJECT   the wrapped mail's Subject: fixed ("Text message", default), first (the SMS's first
#             words), empty, none (no Subject header)
#   OUT       directory for per-message results (JSON lines per engine)
#   KEEP=1    keep the temporary directory (the peers' configuration and logs) and say where
#
# The peers come from Debian and listen on 127.0.0.1 only, on free ports, with their
# configuration, state and logs in a temporary directory; nothing is left running.
#   spamd: installed with apt if missing (no service is started), run with -L (local tests
#     only, no DNS), the rules shipped in the package (/usr/share/spamassassin; no sa-update),
#     no user configuration, Bayes off.
#   rspamd: Debian's rspamd depends on libhyperscan5, which conflicts with libvectorscan5 (which
#     binhyen builds against), so when rspamd is not installed its .deb is downloaded with
#     `apt-get download` and unpacked (dpkg-deb -x) into a cache directory (RSPAMD_CACHE,
#     default ~/.cache/binhyen-bench) and run from there against vectorscan's libhs.so.5 (the
#     same ABI). Its stock configuration is used with bench/scan_peers/rspamd/ as LOCAL_CONFDIR:
#     see the README.md there for what is switched off (network lookups) and why.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
here="$root/bench/scan_peers"
LIMIT=${LIMIT:-0}
RUNS=${RUNS:-3}
SPAMD_RUNS=${SPAMD_RUNS:-1}
SPAMD_EVERY=${SPAMD_EVERY:-3}
WORKERS=${WORKERS:-$(nproc)}
CLIENTS=${CLIENTS:-$WORKERS}
ENGINES=${ENGINES:-"binhyen rspamd spamd"}
BINHYEN=${BINHYEN:-$root/build/release/apps/binhyen/binhyen}
REPEAT=${REPEAT:-20}
CPU=${CPU-0}
SUBJECT=${SUBJECT:-fixed}
RSPAMD_CACHE=${RSPAMD_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/binhyen-bench}
if [ -z "${CORPUS:-}" ]; then
  CORPUS="$root/data/scan/corpus/uci_sms.tsv"
  [ -f "$root/data/scan/corpus/vi.tsv" ] && CORPUS="$CORPUS $root/data/scan/corpus/vi.tsv"
fi
for f in $CORPUS; do
  [ -f "$f" ] || { echo "no corpus at $f (set CORPUS=...)" >&2; exit 1; }
done

wants() { [[ " $ENGINES " == *" $1 "* ]]; }

SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q '^install ok installed$'; }

# apt-get install, with no service started by the packages' scripts (as scripts/install-deps).
apt_install() {
  export DEBIAN_FRONTEND=noninteractive
  local policy_created=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null
    $SUDO chmod +x /usr/sbin/policy-rc.d
    policy_created=1
  fi
  local status=0
  $SUDO apt-get install -y -qq --no-install-recommends "$@" || status=$?
  [ $policy_created -eq 1 ] && $SUDO rm -f /usr/sbin/policy-rc.d
  return $status
}

if { wants spamd || wants spamc; } && ! command -v spamd >/dev/null; then
  echo "installing spamassassin and spamd from Debian" >&2
  apt_install spamassassin spamd
  # The package's setup imports the sa-update signing key, which leaves a gpg-agent running.
  $SUDO gpgconf --homedir /var/lib/spamassassin/sa-update-keys --kill gpg-agent 2>/dev/null || true
fi

if wants spamc && ! command -v spamc >/dev/null; then
  echo "installing spamc from Debian" >&2
  apt_install spamc
fi

# Sets RSPAMD_BIN, RSPAMD_LIB (for LD_LIBRARY_PATH) and RSPAMD_PREFIX (root of its file tree).
locate_rspamd() {
  if command -v rspamd >/dev/null; then
    RSPAMD_BIN=$(command -v rspamd)
    RSPAMD_LIB=""
    RSPAMD_PREFIX=""
    return
  fi
  if ! installed libvectorscan5; then
    echo "installing rspamd from Debian" >&2
    apt_install rspamd
    RSPAMD_BIN=$(command -v rspamd)
    RSPAMD_LIB=""
    RSPAMD_PREFIX=""
    return
  fi
  local version
  version=$(apt-cache policy rspamd | awk '/Candidate:/ {print $2}')
  if [ -z "$version" ] || [ "$version" = "(none)" ]; then
    echo "no rspamd package in apt" >&2
    exit 1
  fi
  RSPAMD_PREFIX="$RSPAMD_CACHE/rspamd-$version"
  if [ ! -x "$RSPAMD_PREFIX/usr/bin/rspamd" ]; then
    echo "unpacking Debian's rspamd $version into $RSPAMD_PREFIX (libvectorscan5 is installed:" \
      "the package itself would replace it)" >&2
    mkdir -p "$RSPAMD_CACHE"
    local dl
    dl=$(mktemp -d "$RSPAMD_CACHE/download.XXXXXX")
    chmod 755 "$dl"
    # apt warns that it downloads as root when its _apt user cannot enter the cache directory.
    (cd "$dl" && apt-get download -qq "rspamd=$version") 2>&1 | { grep -v unsandboxed >&2 || true; }
    local deb
    deb=$(ls "$dl"/rspamd_*.deb 2>/dev/null) || { echo "apt-get download rspamd failed" >&2; exit 1; }
    rm -rf "$RSPAMD_PREFIX.tmp"
    dpkg-deb -x "$deb" "$RSPAMD_PREFIX.tmp"
    mv "$RSPAMD_PREFIX.tmp" "$RSPAMD_PREFIX"
    rm -rf "$dl"
  fi
  RSPAMD_BIN="$RSPAMD_PREFIX/usr/bin/rspamd"
  RSPAMD_LIB="$RSPAMD_PREFIX/usr/lib/rspamd"
  # Its other libraries (luajit, glib, icu, unwind...) come from Debian's packages.
  local missing
  missing=$(LD_LIBRARY_PATH="$RSPAMD_LIB" ldd "$RSPAMD_BIN" "$RSPAMD_LIB/librspamd-server.so"* |
    awk '/not found/ {print $1}' | sort -u)
  [ -z "$missing" ] || { echo "rspamd needs libraries that are missing: $missing" >&2; exit 1; }
}

work=$(mktemp -d /tmp/binhyen-peers.XXXXXX)
chmod 755 "$work"
rspamd_pid=""
spamd_pid=""
stop() {
  local pid=$1
  [ -n "$pid" ] || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
cleanup() {
  stop "$rspamd_pid"
  stop "$spamd_pid"
  if [ "${KEEP:-0}" = 1 ]; then
    echo "kept $work" >&2
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

driver_args=(--runs "$RUNS" --spamd-runs "$SPAMD_RUNS" --spamd-every "$SPAMD_EVERY"
  --workers "$CLIENTS" --limit "$LIMIT" --subject "$SUBJECT" --repeat "$REPEAT" --cpu "$CPU")
for f in $CORPUS; do driver_args+=(--corpus "$f"); done
[ -n "${OUT:-}" ] && driver_args+=(--out "$OUT")

if wants rspamd; then
  locate_rspamd
  if [ -n "$RSPAMD_PREFIX" ]; then
    share="$RSPAMD_PREFIX/usr/share/rspamd"
    confdir="$RSPAMD_PREFIX/etc/rspamd"
  else
    share=/usr/share/rspamd
    confdir=/etc/rspamd
  fi
  mkdir -p "$work/rspamd/run" "$work/rspamd/db" "$work/rspamd/log" "$RSPAMD_CACHE/rspamd-hs"
  cp -r "$here/rspamd" "$work/rspamd/local"
  echo "count = $WORKERS;" >>"$work/rspamd/local/override.d/worker-normal.inc"
  rspamd_port=$(free_port)
  rspamd_flags=(-f -c "$confdir/rspamd.conf"
    --var="CONFDIR=$confdir" --var="LOCAL_CONFDIR=$work/rspamd/local"
    --var="RUNDIR=$work/rspamd/run" --var="DBDIR=$work/rspamd/db"
    --var="LOGDIR=$work/rspamd/log" --var="SHAREDIR=$share" --var="RULESDIR=$share/rules"
    --var="LUALIBDIR=$share/lualib" --var="PLUGINSDIR=$share/plugins" --var="WWWDIR=$share/www"
    --var="BENCH_NORMAL_PORT=$rspamd_port" --var="BENCH_CONTROLLER_PORT=$(free_port)"
    --var="BENCH_PROXY_PORT=$(free_port)" --var="BENCH_DEAD_DNS_PORT=$(free_port)"
    --var="BENCH_HS_CACHE=$RSPAMD_CACHE/rspamd-hs")
  # As root, rspamd refuses to run its workers unless told to (-i): this is a throwaway instance.
  [ "$(id -u)" -eq 0 ] && rspamd_flags+=(-i -u root -g root)
  LD_LIBRARY_PATH="$RSPAMD_LIB" "$RSPAMD_BIN" "${rspamd_flags[@]}" >"$work/rspamd/out.log" 2>&1 &
  rspamd_pid=$!
  echo "rspamd: starting on 127.0.0.1:$rspamd_port ($WORKERS workers; the first start compiles" \
    "its regular expressions, about a minute)" >&2
  for _ in $(seq 1 1800); do
    curl -sf "http://127.0.0.1:$rspamd_port/ping" >/dev/null 2>&1 && break
    kill -0 "$rspamd_pid" 2>/dev/null || break
    sleep 0.1
  done
  curl -sf "http://127.0.0.1:$rspamd_port/ping" >/dev/null || {
    cat "$work/rspamd/out.log" "$work/rspamd/log/rspamd.log" >&2 || true
    echo "FAIL: rspamd did not start" >&2
    exit 1
  }
  # Workers load their rules after answering /ping: wait until a scan answers.
  for _ in $(seq 1 600); do
    printf 'Subject: x\r\n\r\nx\r\n' | curl -sf --data-binary @- \
      "http://127.0.0.1:$rspamd_port/checkv2" 2>/dev/null | grep -q '"action"' && break
    sleep 0.1
  done
  driver_args+=(--rspamd-port "$rspamd_port" --rspamd-pid "$rspamd_pid")
fi

if wants spamd || wants spamc; then
  mkdir -p "$work/spamd/home"
  spamd_port=$(free_port)
  spamd_flags=(-L -x --listen="127.0.0.1:$spamd_port" -m "$WORKERS" --min-children="$WORKERS"
    --min-spare=1 --max-spare="$WORKERS" -H "$work/spamd/home" -s "$work/spamd/spamd.log"
    --cf="use_bayes 0" --cf="bayes_auto_learn 0")
  # As root, spamd would switch to nobody per message anyway: say so, and let nobody write.
  if [ "$(id -u)" -eq 0 ]; then
    chown -R nobody "$work/spamd"
    spamd_flags+=(-u nobody)
  fi
  spamd "${spamd_flags[@]}" >"$work/spamd/out.log" 2>&1 &
  spamd_pid=$!
  echo "spamd: starting on 127.0.0.1:$spamd_port ($WORKERS children)" >&2
  ready=0
  for _ in $(seq 1 600); do
    if python3 - "$spamd_port" <<'PY' 2>/dev/null; then
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=5)
s.sendall(b"PING SPAMC/1.5\r\n\r\n")
sys.exit(0 if b"PONG" in s.recv(100) else 1)
PY
      ready=1
      break
    fi
    kill -0 "$spamd_pid" 2>/dev/null || break
    sleep 0.2
  done
  [ $ready -eq 1 ] || {
    cat "$work/spamd/out.log" "$work/spamd/spamd.log" >&2 || true
    echo "FAIL: spamd did not start" >&2
    exit 1
  }
  wants spamd && driver_args+=(--spamd-port "$spamd_port")
  wants spamc && driver_args+=(--spamc-port "$spamd_port")
  driver_args+=(--spamd-pid "$spamd_pid")
fi

if wants binhyen; then
  # CLI11 answers --help with the main usage when there is no such subcommand: look for its own.
  if [ -x "$BINHYEN" ] && "$BINHYEN" scan --help 2>&1 | grep -qE '^Usage: .* scan'; then
    driver_args+=(--binhyen "$BINHYEN")
    data=${BINHYEN_DATA:-}
    if [ -z "$data" ]; then
      data="$work/binhyen-data"
      "$BINHYEN" demo --data "$data" >"$work/binhyen-demo.log" 2>&1 ||
        { cat "$work/binhyen-demo.log" >&2; echo "FAIL: binhyen demo" >&2; exit 1; }
    fi
    [ "$data" = none ] || driver_args+=(--binhyen-data "$data")
  else
    echo "binhyen: no 'scan' command at $BINHYEN (make build, or BINHYEN=...): skipped" >&2
  fi
fi

echo "$(date -u '+%F %H:%M UTC'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
python3 "$here/driver.py" "${driver_args[@]}"
