#!/usr/bin/env python3
"""Runs a labelled SMS corpus through rspamd, spamd and binhyen; prints speed and detection.

Started by bench/scan_peers.sh, which installs and starts the peers on loopback; this driver only
talks to them (rspamd: HTTP POST /checkv2 on the normal worker; spamd: the SPAMC protocol, one
TCP connection per message as spamc does) and runs `binhyen scan --batch`.

Each SMS is wrapped as a minimal RFC 5322 mail (see wrap_mail). Labels: ham/ok are negatives,
spam/scam positives. Every engine is run RUNS times over the same messages with WORKERS
concurrent clients (the peers) or on one pinned core (binhyen); the table shows the median.
"""

import argparse
import email.header
import email.utils
import http.client
import json
import os
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

POSITIVE = {"spam", "scam"}
NEGATIVE = {"ham", "ok"}


def read_corpus(paths, limit):
    """Returns [(id, text, is_positive)] from TAB-separated "label<TAB>text" files.

    A first line whose label is not a known label (a header) is skipped; other unknown labels
    are an error. LIMIT keeps the first N messages overall.
    """
    messages = []
    for path in paths:
        base = os.path.splitext(os.path.basename(path))[0]
        with open(path, encoding="utf-8") as f:
            for number, line in enumerate(f, 1):
                line = line.rstrip("\r\n")
                if not line:
                    continue
                label, _, text = line.partition("\t")
                label = label.strip().lower()
                if label not in POSITIVE and label not in NEGATIVE:
                    if number == 1:
                        continue
                    sys.exit(f"{path}:{number}: unknown label {label!r}")
                messages.append((f"{base}-{number}", text, label in POSITIVE))
    if limit:
        messages = messages[:limit]
    return messages


def subject_for(text, mode):
    if mode == "first":
        words = text.split()
        subject = ""
        for word in words:
            if len(subject) + len(word) + 1 > 60:
                break
            subject = f"{subject} {word}" if subject else word
        return subject
    if mode == "fixed":
        return "Text message"
    return ""


def wrap_mail(index, text, subject_mode, date):
    """The SMS as a minimal RFC 5322 mail: CRLF line ends, UTF-8 8bit body, no Received.

    From and To are fixed addresses in one reserved domain (the same for every message, so that
    header rules weigh on ham and spam alike), Date is the run's start, Message-ID is unique per
    message. A non-ASCII Subject (SUBJECT=first) is RFC 2047 encoded.
    """
    headers = [
        "From: <sender@sms.example.net>",
        "To: <recipient@sms.example.net>",
        f"Date: {date}",
        f"Message-ID: <{index}.bench@sms.example.net>",
    ]
    if subject_mode != "none":
        subject = subject_for(text, subject_mode)
        if not subject.isascii():
            subject = email.header.Header(subject, "utf-8").encode()
        headers.append(f"Subject: {subject}")
    headers += [
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=utf-8",
        "Content-Transfer-Encoding: 8bit",
    ]
    body = text.replace("\r\n", "\n").replace("\n", "\r\n")
    return ("\r\n".join(headers) + "\r\n\r\n" + body + "\r\n").encode("utf-8")


def run_pool(items, workers, make_client):
    """Calls client(item) for each item from `workers` threads; returns (results, seconds)."""
    results = [None] * len(items)
    errors = []
    next_index = [0]
    lock = threading.Lock()

    def work():
        client = make_client()
        while True:
            with lock:
                i = next_index[0]
                next_index[0] += 1
            if i >= len(items):
                return
            try:
                results[i] = client(items[i])
            except Exception as e:  # noqa: BLE001 - reported below, the run fails
                errors.append(f"message {i}: {e!r}")
                return

    threads = [threading.Thread(target=work) for _ in range(workers)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    seconds = time.perf_counter() - start
    if errors:
        sys.exit("errors: " + "; ".join(errors[:5]))
    return results, seconds


RSPAMD_CONNECTIONS = [0]  # connections opened, to see whether keep-alive holds


def rspamd_client(port):
    """Returns a function mail -> {score, action, symbols}; keeps the connection open when the
    server does (rspamd 3.4 closes it after each answer)."""
    state = {"conn": None}

    def check(mail):
        for attempt in (1, 2):
            if state["conn"] is None:
                state["conn"] = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                RSPAMD_CONNECTIONS[0] += 1
            try:
                state["conn"].request("POST", "/checkv2", body=mail,
                                      headers={"Content-Type": "message/rfc822"})
                response = state["conn"].getresponse()
                data = response.read()
                if response.getheader("Connection", "").lower() == "close":
                    state["conn"].close()
                    state["conn"] = None
                break
            except (http.client.HTTPException, ConnectionError):
                state["conn"].close()
                state["conn"] = None
                if attempt == 2:
                    raise
        if response.status != 200:
            raise RuntimeError(f"rspamd HTTP {response.status}: {data[:200]!r}")
        answer = json.loads(data)
        return {"score": answer.get("score", 0.0), "action": answer.get("action", ""),
                "symbols": sorted(answer.get("symbols", {}))}

    return check


def spamd_client(port):
    """Returns a function mail -> result, one SPAMC/1.5 SYMBOLS request per connection."""

    def check(mail):
        with socket.create_connection(("127.0.0.1", port), timeout=60) as s:
            s.sendall(b"SYMBOLS SPAMC/1.5\r\nContent-length: %d\r\n\r\n" % len(mail) + mail)
            s.shutdown(socket.SHUT_WR)
            chunks = []
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    break
                chunks.append(chunk)
        head, _, body = b"".join(chunks).partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        if " 0 EX_OK" not in lines[0]:
            raise RuntimeError(f"spamd: {lines[0]!r}")
        spam, score = None, None
        for line in lines[1:]:
            name, _, value = line.partition(":")
            if name.lower() == "spam":
                verdict, _, scores = value.partition(";")
                spam = verdict.strip().lower() in ("true", "yes")
                score = float(scores.split("/")[0])
        if spam is None:
            raise RuntimeError(f"spamd: no Spam header in {head!r}")
        symbols = [s for s in body.decode("latin-1").strip().split(",") if s]
        return {"score": score, "spam": spam, "symbols": symbols}

    return check


# What counts as a detection for each engine (the first row of each in the table).
DECIDE = {
    "rspamd": lambda r: r["action"] in ("add header", "rewrite subject", "soft reject", "reject"),
    "spamd": lambda r: r["spam"],
    "spamc": lambda r: r["spam"],
    "binhyen": lambda r: r["verdict"] == "scam",
}


def spamc_client(port):
    """Returns a function mail -> result that runs one `spamc -x -c` process per message."""

    def check(mail):
        proc = subprocess.run(["spamc", "-x", "-c", "-d", "127.0.0.1", "-p", str(port)],
                              input=mail, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        # -c: prints "score/threshold"; exit status 1 when spam, 0 when not, other = error.
        if proc.returncode not in (0, 1):
            raise RuntimeError(f"spamc exit {proc.returncode}: {proc.stderr[-200:]!r}")
        score = float(proc.stdout.decode().split("/")[0])
        return {"score": score, "spam": proc.returncode == 1, "symbols": []}

    return check


def auc(labels, scores):
    """Area under the ROC curve of a score (ties count half): how well it ranks spam over ham,
    whatever the threshold. 0.5 is chance."""
    pairs = sorted(zip(scores, labels))
    rank_sum, positives, i = 0.0, 0, 0
    while i < len(pairs):
        j = i
        while j < len(pairs) and pairs[j][0] == pairs[i][0]:
            j += 1
        mean_rank = (i + 1 + j) / 2  # ranks i+1..j share their mean
        for k in range(i, j):
            if pairs[k][1]:
                rank_sum += mean_rank
                positives += 1
        i = j
    negatives = len(pairs) - positives
    if not positives or not negatives:
        return 0.0
    return (rank_sum - positives * (positives + 1) / 2) / (positives * negatives)


def detection(labels, predicted, scores=None):
    tp = sum(1 for y, p in zip(labels, predicted) if y and p)
    fp = sum(1 for y, p in zip(labels, predicted) if not y and p)
    fn = sum(1 for y, p in zip(labels, predicted) if y and not p)
    tn = sum(1 for y, p in zip(labels, predicted) if not y and not p)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    fpr = fp / (fp + tn) if fp + tn else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "fpr": fpr,
            "tp": tp, "fp": fp, "fn": fn, "tn": tn,
            "auc": auc(labels, scores) if scores is not None else None}


CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def tree_cpu_seconds(pid):
    """CPU time of a server: the process, its reaped children, and its live children."""
    if not pid:
        return 0.0

    def stat(p):
        with open(f"/proc/{p}/stat") as f:
            fields = f.read().rpartition(")")[2].split()
        return fields  # fields[0] is the state; ppid at 1, utime 11, stime 12, cutime 13, cstime 14

    own = stat(pid)
    total = sum(int(x) for x in own[11:15])
    for entry in os.listdir("/proc"):
        if not entry.isdigit() or int(entry) == pid:
            continue
        try:
            fields = stat(entry)
        except OSError:
            continue
        if int(fields[1]) == pid:
            total += int(fields[11]) + int(fields[12])
    return total / CLOCK_TICKS


def run_peer(name, client_factory, mails, args, runs, server_pid):
    """Returns (last run's results, wall seconds per run, server CPU seconds per run)."""
    times = []
    results = None
    cpu = []
    for run in range(1, runs + 1):
        client_start = time.process_time()
        server_start = tree_cpu_seconds(server_pid)
        results, seconds = run_pool(mails, args.workers, client_factory)
        cpu.append(tree_cpu_seconds(server_pid) - server_start)
        times.append(seconds)
        print(f"  {name} run {run}: {len(mails)} messages in {seconds:.2f} s "
              f"({len(mails) / seconds:,.0f}/s; server CPU {cpu[-1]:.2f} s, this client's CPU "
              f"{time.process_time() - client_start:.2f} s)", file=sys.stderr, flush=True)
    return results, times, cpu


def run_binhyen(args, messages, work):
    """Scans the corpus once (end to end) and REPEAT times (throughput), each in one process.

    Returns (results of the single pass, and per run: seconds once, seconds repeated, CPU
    seconds once, CPU seconds repeated). The process runs in `work`, so that no ./var data
    directory is picked up by accident; --data is passed when args.binhyen_data is set.
    """
    once = os.path.join(work, "once.jsonl")
    with open(once, "w", encoding="utf-8") as f:
        for mid, text, _ in messages:
            f.write(json.dumps({"id": mid, "text": text}, ensure_ascii=False) + "\n")
    repeated = os.path.join(work, "repeated.jsonl")
    with open(repeated, "w", encoding="utf-8") as f:
        for r in range(args.repeat):
            for mid, text, _ in messages:
                f.write(json.dumps({"id": f"{mid}.{r}", "text": text}, ensure_ascii=False) + "\n")
    pin = ["taskset", "-c", args.cpu] if args.cpu != "" else []
    data = ["--data", args.binhyen_data] if args.binhyen_data else []

    def scan_file(path, expected):
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        proc = subprocess.run(pin + [args.binhyen, "scan"] + data + ["--batch", path], cwd=work,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        seconds = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = after.ru_utime + after.ru_stime - usage.ru_utime - usage.ru_stime
        if proc.returncode != 0:
            sys.exit(f"binhyen scan failed ({proc.returncode}): {proc.stderr[-2000:]!r}")
        lines = proc.stdout.splitlines()
        if len(lines) != expected:
            sys.exit(f"binhyen scan: {len(lines)} output lines for {expected} messages")
        return lines, seconds, cpu

    runs = []
    lines = None
    for run in range(1, args.runs + 1):
        lines, seconds, cpu = scan_file(once, len(messages))
        _, seconds_repeated, cpu_repeated = scan_file(repeated, len(messages) * args.repeat)
        runs.append((seconds, seconds_repeated, cpu, cpu_repeated))
        print(f"  binhyen run {run}: {len(messages)} messages end to end in {seconds:.3f} s "
              f"(CPU {cpu:.3f} s), {len(messages) * args.repeat} in {seconds_repeated:.3f} s "
              f"(CPU {cpu_repeated:.3f} s)", file=sys.stderr, flush=True)
    by_id = {}
    for line in lines:
        answer = json.loads(line)
        by_id[answer["id"]] = answer
    results = [by_id[mid] for mid, _, _ in messages]
    return results, runs


def binhyen_rows(args, messages, labels, results, runs):
    """Table rows for binhyen: end to end, start-up included once, and start-up excluded."""
    n = len(messages)
    once = statistics.median(r[0] for r in runs)
    repeated = statistics.median(r[1] for r in runs)
    cpu_once = statistics.median(r[2] for r in runs)
    cpu_repeated = statistics.median(r[3] for r in runs)
    rows = [
        ("binhyen, end to end", n, once, cpu_once,
         detection(labels, [DECIDE["binhyen"](r) for r in results],
                   [r["score"] for r in results]),
         "spam = verdict scam; one process, start-up included"),
        ("  same, suspicious counted", None, None, None,
         detection(labels, [r["verdict"] in ("scam", "suspicious") for r in results]),
         "spam = verdict scam or suspicious"),
        ("binhyen", n * args.repeat, repeated, cpu_repeated, None,
         f"the corpus x{args.repeat} in one process, start-up included"),
    ]
    if args.repeat > 1 and repeated > once:
        # Start-up (rules compiled, model loaded) cancels out between the two processes.
        rows.append(("binhyen, start-up excluded", n * (args.repeat - 1), repeated - once,
                     cpu_repeated - cpu_once if cpu_repeated > cpu_once else None, None,
                     f"(x{args.repeat} run) - (x1 run): the rate once started"))
    return rows


def print_table(rows, args):
    widths = [26, 9, 8, 10, 7, 10, 9, 7, 6, 7, 6]
    header = ["engine", "messages", "seconds", "messages/s", "CPU s", "msgs/CPU-s", "precision",
              "recall", "F1", "FPR", "AUC"]
    print(fmt_row(header, widths))
    rates, per_cpu = {}, {}
    for engine, count, seconds, cpu, det, note in rows:
        cells = [engine, "", "", "", "", ""]
        if count is not None:
            cells[1:4] = [count, f"{seconds:.3f}", f"{count / seconds:,.0f}"]
            if not engine.startswith(" ") and "end to end" not in engine:
                rates[engine] = count / seconds
        if cpu:
            cells[4:6] = [f"{cpu:.2f}", f"{count / cpu:,.0f}"]
            if "end to end" not in engine:
                per_cpu[engine] = count / cpu
        if det:
            cells += [f"{det['precision']:.3f}", f"{det['recall']:.3f}", f"{det['f1']:.3f}",
                      f"{det['fpr']:.4f}", "" if det["auc"] is None else f"{det['auc']:.3f}"]
            note += f" [tp {det['tp']} fp {det['fp']} fn {det['fn']} tn {det['tn']}]"
        else:
            cells += ["", "", "", "", ""]
        print(fmt_row(cells, widths) + f"   {note}")
    for ours in ("binhyen", "binhyen, start-up excluded"):
        for peer in ("rspamd", "spamd"):
            if ours not in rates or peer not in rates:
                continue
            line = (f"{ours} / {peer}: {rates[ours] / rates[peer]:,.1f}x messages/s "
                    f"(binhyen pinned to CPU {args.cpu or 'any'}, {peer} with {args.workers} "
                    f"concurrent clients)")
            if ours in per_cpu and peer in per_cpu:
                line += f", {per_cpu[ours] / per_cpu[peer]:,.1f}x messages per CPU-second"
            print(line)


def print_by_corpus(messages, labels, per_message):
    corpora = sorted({mid.rpartition("-")[0] for mid, _, _ in messages})
    if len(corpora) < 2:
        return
    print("detection by corpus:")
    for engine, results in per_message.items():
        for corpus in corpora:
            idx = [i for i, (mid, _, _) in enumerate(messages)
                   if mid.rpartition("-")[0] == corpus and results[i] is not None]
            det = detection([labels[i] for i in idx], [DECIDE[engine](results[i]) for i in idx],
                            [results[i]["score"] for i in idx])
            print(f"  {engine:8} {corpus:10} {len(idx):5} messages: precision "
                  f"{det['precision']:.3f} recall {det['recall']:.3f} F1 {det['f1']:.3f} "
                  f"FPR {det['fpr']:.4f} AUC {det['auc']:.3f} "
                  f"[tp {det['tp']} fp {det['fp']} fn {det['fn']} tn {det['tn']}]")


def fmt_row(cells, widths):
    return "  ".join(str(c).ljust(w) if i == 0 else str(c).rjust(w)
                     for i, (c, w) in enumerate(zip(cells, widths)))


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", action="append", required=True)
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--spamd-runs", type=int, default=1)
    parser.add_argument("--spamd-every", type=int, default=1,
                        help="spamd and spamc scan every Nth message only")
    parser.add_argument("--workers", type=int, default=os.cpu_count(),
                        help="concurrent clients for the peers")
    parser.add_argument("--subject", choices=["first", "fixed", "empty", "none"], default="fixed")
    parser.add_argument("--rspamd-port", type=int)
    parser.add_argument("--spamd-port", type=int)
    parser.add_argument("--spamc-port", type=int, help="spamd's port, reached through spamc")
    parser.add_argument("--rspamd-pid", type=int, help="rspamd's main process, for its CPU time")
    parser.add_argument("--spamd-pid", type=int, help="spamd's main process, for its CPU time")
    parser.add_argument("--binhyen")
    parser.add_argument("--binhyen-data", help="binhyen's --data directory (index lookups)")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--cpu", default="0", help="taskset CPU list for binhyen ('' = none)")
    parser.add_argument("--out", help="directory for per-message results (JSON lines)")
    args = parser.parse_args()
    # binhyen runs in a temporary directory: resolve relative paths now.
    if args.binhyen:
        args.binhyen = os.path.abspath(args.binhyen)
    if args.binhyen_data:
        args.binhyen_data = os.path.abspath(args.binhyen_data)

    messages = read_corpus(args.corpus, args.limit)
    labels = [positive for _, _, positive in messages]
    date = email.utils.formatdate(localtime=False)
    mails = [wrap_mail(mid, text, args.subject, date) for mid, text, _ in messages]
    print(f"corpus: {len(messages)} messages ({sum(labels)} spam/scam, "
          f"{len(labels) - sum(labels)} ham/ok) from {', '.join(args.corpus)}; "
          f"{args.workers} concurrent clients for the peers; Subject: {args.subject}",
          file=sys.stderr, flush=True)

    rows = []  # (engine, messages, wall seconds, CPU seconds, detection or None, note)
    per_message = {}
    if args.rspamd_port:
        results, times, cpu = run_peer("rspamd", lambda: rspamd_client(args.rspamd_port), mails,
                                       args, args.runs, args.rspamd_pid)
        rows.append(("rspamd", len(mails), statistics.median(times), statistics.median(cpu),
                     detection(labels, [DECIDE["rspamd"](r) for r in results],
                               [r["score"] for r in results]),
                     "spam = action add header or stronger (score >= 6)"))
        rows.append(("  same, greylist counted", None, None, None,
                     detection(labels, [r["action"] != "no action" for r in results]),
                     "spam = any action but no action (score >= 4)"))
        per_message["rspamd"] = results
        print(f"  rspamd: {RSPAMD_CONNECTIONS[0]} connections opened for {args.runs} x "
              f"{len(mails)} requests", file=sys.stderr)
    # spamd scans every SPAMD_EVERY-th message only (it is ~50 ms a message); None elsewhere.
    sampled = list(range(0, len(mails), args.spamd_every))
    sampled_labels = [labels[i] for i in sampled]
    for engine, port, factory in (("spamd", args.spamd_port, spamd_client),
                                  ("spamc", args.spamc_port, spamc_client)):
        if not port:
            continue
        results, times, cpu = run_peer(engine, lambda p=port, f=factory: f(p),
                                       [mails[i] for i in sampled], args, args.spamd_runs,
                                       args.spamd_pid)
        note = ("spam = is-spam (score >= 5)" if engine == "spamd" else
                "spamd through one spamc -x -c process per message; CPU = spamd's")
        if args.spamd_every > 1:
            note += f"; 1 message in {args.spamd_every}"
        rows.append((engine, len(sampled), statistics.median(times), statistics.median(cpu),
                     detection(sampled_labels, [DECIDE[engine](r) for r in results],
                               [r["score"] for r in results]), note))
        full = [None] * len(mails)
        for i, r in zip(sampled, results):
            full[i] = r
        per_message[engine] = full
    if args.binhyen:
        with tempfile.TemporaryDirectory(prefix="binhyen-peers-") as work:
            results, runs = run_binhyen(args, messages, work)
        rows += binhyen_rows(args, messages, labels, results, runs)
        per_message["binhyen"] = results
    print_table(rows, args)
    print_by_corpus(messages, labels, per_message)
    for engine, results in per_message.items():
        scores = [r["score"] for r in results if r is not None]
        ham = [r["score"] for r, y in zip(results, labels) if r is not None and not y]
        spam = [r["score"] for r, y in zip(results, labels) if r is not None and y]
        print(f"{engine} scores: ham mean {statistics.fmean(ham) if ham else 0:.2f}, "
              f"spam mean {statistics.fmean(spam) if spam else 0:.2f}, "
              f"{len(set(scores))} distinct values over {len(scores)} messages")
    if args.out:
        os.makedirs(args.out, exist_ok=True)
        for engine, results in per_message.items():
            with open(os.path.join(args.out, f"{engine}.jsonl"), "w", encoding="utf-8") as f:
                for (mid, _, positive), result in zip(messages, results):
                    if result is None:
                        continue
                    f.write(json.dumps({"id": mid, "label": positive, "result": result},
                                       ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
