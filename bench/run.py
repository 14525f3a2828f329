#!/usr/bin/env python3
"""Side-by-side benchmark driver for SSE load-generator CLIENTS.

For each (peer, C): start a fresh target (target/server.js) on 127.0.0.1,
run peers/<peer>/run.sh URL C D OUT for D seconds (closed model), sample the
peer's process tree from /proc (CPU user+sys, RSS, threads), stop the target
(it dumps its per-stream ground truth), then join the client's per-stream
records with the target's by request id (rid) and report:

  streams/s, events/s (target-side, first D s after the first stream arrived),
  client CPU s per 1,000 events, peak RSS of the peer tree, and client timing
  error = client-measured - target-measured for time-to-first-event and for
  every inter-event gap (p50/p99/max).

Stdlib only; run with /usr/bin/python3. See README.md.
"""
import argparse
import datetime as dt
import gzip
import json
import os
import resource
import signal
import subprocess
import sys
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
CLK_TCK = os.sysconf("SC_CLK_TCK")
PAGE = os.sysconf("SC_PAGE_SIZE")
PEERS = ["streamload", "gatling", "node-ref"]
PEER_DIR = {"gatling": "gatling-baseline"}
WARMUP_S = 5.0   # streams received in the first 5 s of load are excluded from "steady" stats


# ------------------------------------------------------------------ /proc ---
def read_stat(pid):
    """(ppid, utime+stime ticks, num_threads, rss pages) or None."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            s = f.read().decode("latin1")
    except OSError:
        return None
    rest = s[s.rfind(")") + 2:].split()
    # rest[0] = state (field 3); field N is rest[N-3]
    return int(rest[1]), int(rest[11]) + int(rest[12]), int(rest[17]), int(rest[21])


def proc_tree(root):
    children = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        st = read_stat(name)
        if st is None:
            continue
        children.setdefault(st[0], []).append(int(name))
    out, stack = [], [root]
    while stack:
        p = stack.pop()
        out.append(p)
        stack.extend(children.get(p, []))
    return out


class TreeSampler:
    def __init__(self, root):
        self.root = root
        self.last_cpu = {}   # pid -> last seen cpu ticks (exited pids keep their last value)
        self.peak_rss = 0
        self.peak_threads = 0
        self.peak_procs = 0
        self.samples = []    # (epoch_s, cpu_s)
        self.pids = set()

    def sample(self):
        rss = threads = n = 0
        for pid in proc_tree(self.root):
            st = read_stat(pid)
            if st is None:
                continue
            n += 1
            self.pids.add(pid)
            self.last_cpu[pid] = st[1]
            threads += st[2]
            rss += st[3] * PAGE
        self.peak_rss = max(self.peak_rss, rss)
        self.peak_threads = max(self.peak_threads, threads)
        self.peak_procs = max(self.peak_procs, n)
        cpu = sum(self.last_cpu.values()) / CLK_TCK
        self.samples.append((time.time(), cpu))
        return cpu


def cpu_of(pid):
    st = read_stat(pid)
    return st[1] / CLK_TCK if st else None


# ------------------------------------------------------------------- misc ---
def http_get_json(url, timeout=5):
    with urllib.request.urlopen(url, timeout=timeout) as r:
        return json.loads(r.read())


def raise_nofile():
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


def pct(sorted_vals, p):
    if not sorted_vals:
        return None
    k = min(len(sorted_vals) - 1, max(0, int(round(p / 100.0 * len(sorted_vals) + 0.5)) - 1))
    return sorted_vals[k]


def dist(vals):
    v = sorted(vals)
    if not v:
        return {"n": 0, "p50": None, "p99": None, "max": None, "min": None}
    return {"n": len(v), "min": v[0], "p50": pct(v, 50), "p99": pct(v, 99), "max": v[-1]}


def open_any(path):
    if os.path.exists(path):
        return open(path, "rt")
    if os.path.exists(path + ".gz"):
        return gzip.open(path + ".gz", "rt")
    return None


def load_jsonl(path):
    out, bad = [], 0
    f = open_any(path)
    if f is None:
        return out, -1
    with f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            try:
                out.append(json.loads(line))
            except ValueError:
                bad += 1
    return out, bad


def interp_cpu(samples, t):
    """CPU seconds at epoch time t, linearly interpolated from samples."""
    if not samples:
        return 0.0
    if t <= samples[0][0]:
        return samples[0][1]
    for (t0, c0), (t1, c1) in zip(samples, samples[1:]):
        if t0 <= t <= t1:
            return c0 + (c1 - c0) * ((t - t0) / (t1 - t0) if t1 > t0 else 0)
    return samples[-1][1]


# --------------------------------------------------------------- analysis ---
def analyze(rundir, meta):
    D = meta["duration_s"]
    target, tbad = load_jsonl(os.path.join(rundir, "target-streams.jsonl"))
    client, cbad = load_jsonl(os.path.join(rundir, "client-streams.jsonl"))
    tstats = meta.get("target_stats") or {}
    epoch0 = tstats.get("epoch0_ms")

    # ---- target-side throughput over the D-second window after the first stream arrived
    res = {"peer": meta["peer"], "c": meta["c"], "duration_s": D}
    if target:
        w0 = min(s["t_recv_ms"] for s in target)
        w1 = w0 + D * 1000.0
        done_in = ev_in = 0
        ev_total = 0
        for s in target:
            ev = s["ev_ms"]
            ntok = len(ev) - (1 if s["done"] else 0)
            ev_total += ntok
            for i in range(ntok):
                if w0 <= s["t_recv_ms"] + ev[i] <= w1:
                    ev_in += 1
            if s["done"] and s["t_recv_ms"] + ev[-1] <= w1:
                done_in += 1
        res.update(streams_per_s=done_in / D, events_per_s=ev_in / D, target_events_total=ev_total,
                   window_start_epoch_ms=(epoch0 + w0) if epoch0 else None)
        # steady window for CPU: skip first 5 s of load and last 1 s
        if epoch0:
            s0, s1 = (epoch0 + w0) / 1000 + 5, (epoch0 + w1) / 1000 - 1
            if s1 > s0:
                ev_steady = 0
                for s in target:
                    ev = s["ev_ms"]
                    ntok = len(ev) - (1 if s["done"] else 0)
                    for i in range(ntok):
                        t = (epoch0 + s["t_recv_ms"] + ev[i]) / 1000
                        if s0 <= t <= s1:
                            ev_steady += 1
                cpu_steady = interp_cpu(meta["cpu_samples"], s1) - interp_cpu(meta["cpu_samples"], s0)
                res["cpu_s_per_1k_events_steady"] = (cpu_steady / (ev_steady / 1000.0)) if ev_steady else None
                res["client_cpu_util_steady"] = cpu_steady / (s1 - s0)
    else:
        res.update(streams_per_s=0.0, events_per_s=0.0, target_events_total=0)

    # ---- target-side own timing (context: is the target lagging?)
    t_ttfe = [s["ev_ms"][0] - s["ttft_cfg"] for s in target if s["ev_ms"]]
    t_gaps = []
    for s in target:
        ev = s["ev_ms"]
        t_gaps.extend(ev[i + 1] - ev[i] - s["interval_cfg"] for i in range(len(ev) - 1))
    res["target_ttfe_lateness_ms"] = dist(t_ttfe)
    res["target_gap_lateness_ms"] = dist(t_gaps)
    res["target_streams"] = len(target)
    res["target_completed"] = sum(1 for s in target if s["done"])
    res["target_aborted"] = sum(1 for s in target if s["aborted"])

    # ---- client-side records
    errors = {}
    for r in client:
        if r.get("error"):
            key = str(r["error"]).split(":")[0][:60]
            errors[key] = errors.get(key, 0) + 1
    n_client = len(client)
    n_done = sum(1 for r in client if r.get("done"))
    res.update(client_records=n_client, client_done=n_done, client_bad_lines=cbad,
               client_errors=errors, client_error_rate=(1 - n_done / n_client) if n_client else None,
               client_events=sum(r.get("n_events") or 0 for r in client))

    # ---- join by rid
    # "steady" = streams the target received >= WARMUP_S after the first stream
    # (excludes JIT/class-loading/connection-setup warm-up of the client).
    by_rid = {s["rid"]: s for s in target if s.get("rid")}
    w_steady = (min(s["t_recv_ms"] for s in target) + WARMUP_S * 1000.0) if target else 0
    ttfe_err, gap_err, c_ttfe, c_gap = [], [], [], []
    ttfe_err_s, gap_err_s = [], []
    joined = 0
    for r in client:
        s = by_rid.get(r.get("rid"))
        if r.get("ttfe_ms") is not None:
            c_ttfe.append(r["ttfe_ms"])
        c_gap.extend(r.get("gaps_ms") or [])
        if s is None or not s["ev_ms"] or r.get("ttfe_ms") is None:
            continue
        joined += 1
        ev = s["ev_ms"]
        steady = s["t_recv_ms"] >= w_steady
        e = r["ttfe_ms"] - ev[0]
        ttfe_err.append(e)
        if steady:
            ttfe_err_s.append(e)
        cg = r.get("gaps_ms") or []
        ge = [cg[i] - (ev[i + 1] - ev[i]) for i in range(min(len(cg), len(ev) - 1))]
        gap_err.extend(ge)
        if steady:
            gap_err_s.extend(ge)
    # ---- direction split (steady): request = target receipt - client send (both epoch ms),
    # response = the rest of the TTFE error (target's first write -> client's first read)
    req_s, resp_s = [], []
    if epoch0 is not None:
        for r in client:
            s = by_rid.get(r.get("rid"))
            if (s is None or not s["ev_ms"] or r.get("ttfe_ms") is None
                    or r.get("start_epoch_ms") is None or s["t_recv_ms"] < w_steady):
                continue
            req = (epoch0 + s["t_recv_ms"]) - r["start_epoch_ms"]
            req_s.append(req)
            resp_s.append((r["ttfe_ms"] - s["ev_ms"][0]) - req)
    res["request_dir_ms_steady"] = dist(req_s)
    res["response_dir_ms_steady"] = dist(resp_s)
    # ---- streams/s in the steady window (the first 5 s hold a ramp for some peers)
    if target:
        t0w = min(x["t_recv_ms"] for x in target)
        a, b = t0w + WARMUP_S * 1000.0, t0w + D * 1000.0
        done_steady = sum(1 for x in target if x["done"] and a <= x["t_recv_ms"] + x["ev_ms"][-1] <= b)
        res["streams_per_s_steady"] = done_steady / (D - WARMUP_S) if D > WARMUP_S else None
    res["joined_streams"] = joined
    res["ttfe_err_ms"] = dist(ttfe_err)
    # every stream, none left out (the cold-start figure): |client TTFE - target TTFE|
    a = sorted(abs(x) for x in ttfe_err)
    res["ttfe_abs_err_ms_all"] = ({"n": len(a), "p50": pct(a, 50), "p90": pct(a, 90), "p99": pct(a, 99),
                                   "max": a[-1]} if a else {"n": 0})
    res["gap_err_ms"] = dist(gap_err)
    res["ttfe_err_ms_steady"] = dist(ttfe_err_s)
    res["gap_err_ms_steady"] = dist(gap_err_s)
    res["client_ttfe_ms"] = dist(c_ttfe)
    res["client_gap_ms"] = dist(c_gap)

    # ---- resources
    events_for_cpu = res.get("target_events_total") or res["client_events"]
    res.update(
        client_cpu_s=meta["client_cpu_s"],
        cpu_s_per_1k_events=(meta["client_cpu_s"] / (events_for_cpu / 1000.0)) if events_for_cpu else None,
        peak_rss_mb=meta["peak_rss_bytes"] / 1048576.0,
        peak_threads=meta["peak_threads"],
        target_cpu_s=meta.get("target_cpu_s"),
        target_cpu_util=(meta["target_cpu_s"] / meta["peer_wall_s"]) if meta.get("target_cpu_s") and meta["peer_wall_s"] else None,
        target_max_open_streams=tstats.get("streams_max"),
        target_max_open_conns=tstats.get("connections_max"),
        target_conns_total=tstats.get("connections_total"),
        peer_exit=meta["peer_exit"], peer_wall_s=meta["peer_wall_s"], killed=meta["killed"],
    )
    # ideal closed-model rate if neither side lagged: C / (ttft + n*interval)
    cyc = (meta["ttft"] + meta["n"] * meta["interval"]) / 1000.0
    res["ideal_streams_per_s"] = meta["c"] / cyc if cyc > 0 else None
    res["verdict"] = verdict(res, meta)
    return res


def verdict(r, meta):
    notes = []
    if r["killed"]:
        notes.append("KILLED(timeout)")
    if r["peer_exit"] not in (0, None) and not r["killed"]:
        notes.append(f"EXIT={r['peer_exit']}")
    if r["client_records"] == 0:
        notes.append("NO-RESULTS")
    er = r.get("client_error_rate")
    if er is not None and er > 0.01:
        top = sorted(r["client_errors"].items(), key=lambda kv: -kv[1])[:2]
        notes.append(f"ERR {er*100:.1f}% ({', '.join(f'{k} x{v}' for k, v in top)})")
    te, ge = r.get("ttfe_err_ms_steady") or r["ttfe_err_ms"], r.get("gap_err_ms_steady") or r["gap_err_ms"]
    if te["p99"] is not None and te["p99"] > 50:
        notes.append("TTFE-ERR")
    if ge["p99"] is not None and ge["p99"] > 20:
        notes.append("GAP-ERR")
    tl = r["target_gap_lateness_ms"]
    if tl["p99"] is not None and tl["p99"] > meta["interval"]:
        notes.append("TARGET-LAG")
    if r.get("ideal_streams_per_s") and r["streams_per_s"] < 0.8 * r["ideal_streams_per_s"]:
        notes.append(f"THROUGHPUT {100*r['streams_per_s']/r['ideal_streams_per_s']:.0f}% of ideal")
    return "; ".join(notes) if notes else "ok"


# ------------------------------------------------------------------ table ---
def fmt(x, nd=1):
    if x is None:
        return "-"
    if isinstance(x, float):
        return f"{x:.{nd}f}"
    return str(x)


COLS = ["peer", "C", "streams/s", "events/s", "done/records", "err%", "CPU s", "CPU s/1k ev",
        "CPU s/1k ev (steady)", "peak RSS MB", "threads", "max open streams", "TTFE err p50/p99/max ms",
        "gap err p50/p99/max ms", "steady TTFE err p50/p99/max ms", "steady gap err p50/p99/max ms",
        "target gap late p99 ms", "target CPU%", "verdict"]


def row(r):
    te, ge = r["ttfe_err_ms"], r["gap_err_ms"]
    empty = {"p50": None, "p99": None, "max": None}
    ts_, gs_ = r.get("ttfe_err_ms_steady") or empty, r.get("gap_err_ms_steady") or empty
    return [r["peer"], str(r["c"]), fmt(r["streams_per_s"]), fmt(r["events_per_s"], 0),
            f"{r['client_done']}/{r['client_records']}",
            fmt(100 * r["client_error_rate"] if r.get("client_error_rate") is not None else None, 2),
            fmt(r["client_cpu_s"]), fmt(r["cpu_s_per_1k_events"], 3), fmt(r.get("cpu_s_per_1k_events_steady"), 3),
            fmt(r["peak_rss_mb"], 0), str(r["peak_threads"]), fmt(r.get("target_max_open_streams")),
            f"{fmt(te['p50'])}/{fmt(te['p99'])}/{fmt(te['max'])}",
            f"{fmt(ge['p50'], 2)}/{fmt(ge['p99'])}/{fmt(ge['max'])}",
            f"{fmt(ts_['p50'])}/{fmt(ts_['p99'])}/{fmt(ts_['max'])}",
            f"{fmt(gs_['p50'], 2)}/{fmt(gs_['p99'])}/{fmt(gs_['max'])}",
            fmt(r["target_gap_lateness_ms"]["p99"]),
            fmt(100 * r["target_cpu_util"] if r.get("target_cpu_util") is not None else None, 0),
            r["verdict"]]


def md_table(rows):
    out = ["| " + " | ".join(COLS) + " |", "|" + "|".join("---" for _ in COLS) + "|"]
    out += ["| " + " | ".join(row(r)) + " |" for r in rows]
    return "\n".join(out)


KEY_COLS = ["peer", "C", "TTFE err p99 ms", "request dir p99 ms", "response dir p99 ms",
            "gap err p99 ms", "CPU s/1k ev", "streams/s", "TTFE err p99 / ref", "gap err p99 / ref",
            "CPU / plain Gatling", "streams/s / ref"]


def key_table(rows, label=""):
    """The figures the targets are judged by (steady window), with ratios to the Node.js reference
    and plain Gatling of the same run and concurrency."""
    def g(r, k, sub="p99"):
        v = r.get(k) or {}
        return v.get(sub) if isinstance(v, dict) else v
    out = ["| " + " | ".join(KEY_COLS) + " |", "|" + "|".join("---" for _ in KEY_COLS) + "|"]
    for r in rows:
        ref = next((x for x in rows if x["peer"] == "node-ref" and x["c"] == r["c"]), None)
        gat = next((x for x in rows if x["peer"] == "gatling" and x["c"] == r["c"]), None)
        def ratio(a, b):
            return f"{a / b:.2f}" if a is not None and b not in (None, 0) else "-"
        te, ge = g(r, "ttfe_err_ms_steady"), g(r, "gap_err_ms_steady")
        cpu, sps = r.get("cpu_s_per_1k_events_steady"), r.get("streams_per_s_steady")
        out.append("| " + " | ".join([
            r["peer"] + label, str(r["c"]), fmt(te), fmt(g(r, "request_dir_ms_steady")),
            fmt(g(r, "response_dir_ms_steady")), fmt(ge), fmt(cpu, 3), fmt(sps),
            ratio(te, g(ref, "ttfe_err_ms_steady") if ref else None),
            ratio(ge, g(ref, "gap_err_ms_steady") if ref else None),
            ratio(cpu, gat.get("cpu_s_per_1k_events_steady") if gat else None),
            ratio(sps, ref.get("streams_per_s_steady") if ref else None)]) + " |")
    return "\n".join(out)


def cold_table(rows):
    """The cold-start figures: |TTFE error| over every stream of the run, none left out."""
    out = ["| peer | C | streams | abs TTFE err p50 ms | p90 ms | p99 ms | max ms |", "|---|---|---|---|---|---|---|"]
    for r in rows:
        a = r.get("ttfe_abs_err_ms_all") or {}
        out.append("| " + " | ".join([r["peer"], str(r["c"]), str(a.get("n", 0)), fmt(a.get("p50")), fmt(a.get("p90")),
                                      fmt(a.get("p99")), fmt(a.get("max"))]) + " |")
    return "\n".join(out)


def write_summary(outdir, rows):
    with open(os.path.join(outdir, "summary.json"), "w") as f:
        json.dump(rows, f, indent=1)
    with open(os.path.join(outdir, "summary.md"), "w") as f:
        f.write(md_table(rows) + "\n")
    with open(os.path.join(outdir, "key.md"), "w") as f:
        f.write(key_table(rows) + "\n")
    with open(os.path.join(outdir, "cold.md"), "w") as f:
        f.write(cold_table(rows) + "\n")
    with open(os.path.join(outdir, "summary.csv"), "w") as f:
        f.write(",".join(f'"{c}"' for c in COLS) + "\n")
        for r in rows:
            f.write(",".join(f'"{v}"' for v in row(r)) + "\n")


# -------------------------------------------------------------------- run ---
def wait_healthy(port, proc, timeout=10):
    t_end = time.time() + timeout
    while time.time() < t_end:
        if proc.poll() is not None:
            raise RuntimeError("target exited during startup")
        try:
            http_get_json(f"http://127.0.0.1:{port}/__health", timeout=1)
            return
        except Exception:  # noqa: BLE001
            time.sleep(0.1)
    raise RuntimeError("target did not become healthy")


def terminate_tree(pids, sig):
    for pid in pids:
        try:
            os.kill(pid, sig)
        except ProcessLookupError:
            pass


def run_one(args, peer, c, outdir):
    rundir = os.path.join(outdir, f"{peer}-c{c}")
    os.makedirs(rundir, exist_ok=True)
    port = args.port
    tcmd = ["node", os.path.join(HERE, "server", "server.js"), "--port", str(port), "--ttft", str(args.ttft),
            "--n", str(args.n), "--interval", str(args.interval), "--pad", str(args.pad), "--tick", args.tick,
            "--stats-file", os.path.join(rundir, "target-streams.jsonl")]
    pcmd = [os.path.join(HERE, "peers", PEER_DIR.get(peer, peer), "run.sh"), f"http://127.0.0.1:{port}",
            str(c), str(args.duration), os.path.join(rundir, "client-streams.jsonl")]
    if args.pin:
        tcmd = ["taskset", "-c", "0"] + tcmd
        pcmd = ["taskset", "-c", "1"] + pcmd
    meta = {"peer": peer, "c": c, "duration_s": args.duration, "ttft": args.ttft, "n": args.n,
            "interval": args.interval, "pad": args.pad, "tick": args.tick, "pin": args.pin,
            "target_cmd": tcmd, "peer_cmd": pcmd, "started": dt.datetime.now().isoformat(timespec="seconds")}
    tlog = open(os.path.join(rundir, "target.log"), "w")
    target = subprocess.Popen(tcmd, stdout=tlog, stderr=subprocess.STDOUT, preexec_fn=raise_nofile,
                              start_new_session=True)
    try:
        wait_healthy(port, target)
        tcpu0 = cpu_of(target.pid)
        plog = open(os.path.join(rundir, "peer.log"), "w")
        t_start = time.time()
        peer_proc = subprocess.Popen(pcmd, stdout=plog, stderr=subprocess.STDOUT, cwd=rundir,
                                     preexec_fn=raise_nofile, start_new_session=True)
        sampler = TreeSampler(peer_proc.pid)
        hard = args.duration + args.grace
        killed = False
        rusage = None
        status = None
        while True:
            sampler.sample()
            pid, st, ru = os.wait4(peer_proc.pid, os.WNOHANG)
            if pid == peer_proc.pid:
                status, rusage = st, ru
                break
            if time.time() - t_start > hard and not killed:
                killed = True
                print(f"  [{peer} C={c}] still running after {hard}s: SIGTERM to its process tree", flush=True)
                terminate_tree(proc_tree(peer_proc.pid), signal.SIGTERM)
                t_kill = time.time()
            if killed and time.time() - t_kill > 10:
                terminate_tree(proc_tree(peer_proc.pid), signal.SIGKILL)
            time.sleep(args.sample_interval)
        peer_proc.returncode = os.waitstatus_to_exitcode(status)
        wall = time.time() - t_start
        # descendants that were re-parented away (not reaped by the root) are covered by the sampler
        leftovers = [p for p in sampler.pids if p != peer_proc.pid and read_stat(p) is not None]
        if leftovers:
            terminate_tree(leftovers, signal.SIGKILL)
        ru_cpu = rusage.ru_utime + rusage.ru_stime
        sampled_cpu = sum(sampler.last_cpu.values()) / CLK_TCK
        client_cpu = max(ru_cpu, sampled_cpu)
        tcpu1 = cpu_of(target.pid)
        tstats = http_get_json(f"http://127.0.0.1:{port}/__stats")
        meta.update(peer_exit=peer_proc.returncode, peer_wall_s=wall, killed=killed,
                    client_cpu_s=client_cpu, client_cpu_rusage_s=ru_cpu, client_cpu_sampled_s=sampled_cpu,
                    ru_maxrss_mb=rusage.ru_maxrss / 1024.0,
                    peak_rss_bytes=max(sampler.peak_rss, rusage.ru_maxrss * 1024),
                    peak_threads=sampler.peak_threads, peak_procs=sampler.peak_procs,
                    target_cpu_s=(tcpu1 - tcpu0) if tcpu0 is not None and tcpu1 is not None else None,
                    target_stats=tstats, cpu_samples=sampler.samples)
    finally:
        if target.poll() is None:
            target.send_signal(signal.SIGTERM)
            try:
                target.wait(timeout=60)
            except subprocess.TimeoutExpired:
                target.kill()
                target.wait()
        tlog.close()
    res = analyze(rundir, meta)
    with open(os.path.join(rundir, "meta.json"), "w") as f:
        json.dump(meta, f)
    with open(os.path.join(rundir, "result.json"), "w") as f:
        json.dump(res, f, indent=1)
    if not args.keep_raw:
        for name in ("target-streams.jsonl", "client-streams.jsonl", "jmeter.jtl"):
            p = os.path.join(rundir, name)
            if os.path.exists(p) and os.path.getsize(p) > 0:
                subprocess.run(["gzip", "-f", p], check=False)
    return res


def survived(r):
    return (not r["killed"] and r["client_records"] > 0
            and (r.get("client_error_rate") or 0) < 0.10)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--peers", default="streamload,gatling,node-ref",
                    help=f"comma list from {PEERS}")
    ap.add_argument("--conc", default="500", help="comma list of C values")
    ap.add_argument("--extra-conc", default="",
                    help="C values run only if the peer survived the largest --conc value ('' to disable)")
    ap.add_argument("--duration", type=int, default=30)
    ap.add_argument("--ttft", type=float, default=200)
    ap.add_argument("--n", type=int, default=50)
    ap.add_argument("--interval", type=float, default=20)
    ap.add_argument("--pad", type=int, default=0)
    ap.add_argument("--tick", default="wheel", choices=["wheel", "batch"])
    ap.add_argument("--port", type=int, default=18080)
    ap.add_argument("--grace", type=int, default=90, help="seconds past D before the peer is killed")
    ap.add_argument("--sample-interval", type=float, default=0.5)
    ap.add_argument("--pin", action="store_true", help="taskset: target on CPU0, peer on CPU1")
    ap.add_argument("--cold", action="store_true",
                    help="cold start: the project runs its smoke profile (C users, 2 turns each) instead of the "
                         "closed model; cold.md has |TTFE error| over every stream")
    ap.add_argument("--keep-raw", action="store_true", help="do not gzip per-stream files")
    ap.add_argument("--out", default=None, help="results dir (default results/<timestamp>)")
    ap.add_argument("--reanalyze", default=None, help="re-run analysis on an existing results dir and exit")
    args = ap.parse_args()
    if args.cold:
        os.environ["STREAMLOAD_COLD"] = "1"

    if args.reanalyze:
        rows = []
        for d in sorted(os.listdir(args.reanalyze)):
            mp = os.path.join(args.reanalyze, d, "meta.json")
            if os.path.exists(mp):
                meta = json.load(open(mp))
                r = analyze(os.path.join(args.reanalyze, d), meta)
                json.dump(r, open(os.path.join(args.reanalyze, d, "result.json"), "w"), indent=1)
                rows.append(r)
        order = {p: i for i, p in enumerate(PEERS)}
        rows.sort(key=lambda r: (order.get(r["peer"].split("(")[0], 99), r["peer"], r["c"]))
        write_summary(args.reanalyze, rows)
        print(md_table(rows))
        print()
        print(key_table(rows))
        return

    outdir = os.path.abspath(args.out or os.path.join("/tmp/streamload-bench", dt.datetime.now().strftime("%Y%m%d-%H%M%S")))
    os.makedirs(outdir, exist_ok=True)
    conc = [int(x) for x in args.conc.split(",") if x]
    extra = [int(x) for x in args.extra_conc.split(",") if x]
    with open(os.path.join(outdir, "config.json"), "w") as f:
        json.dump(vars(args), f, indent=1)
    rows = []
    t_all = time.time()
    for peer in [p for p in args.peers.split(",") if p]:
        if peer not in PEERS:
            sys.exit(f"unknown peer {peer}")
        last = None
        for c in conc + extra:
            if c in extra and c not in conc and last is not None and not survived(last):
                print(f"[{peer}] skipping C={c}: did not survive C={last['c']} ({last['verdict']})", flush=True)
                rows.append({"peer": peer, "c": c, "skipped": f"did not survive C={last['c']}"})
                continue
            print(f"[{peer}] C={c} D={args.duration}s ...", flush=True)
            t = time.time()
            r = run_one(args, peer, c, outdir)
            last = r
            rows.append(r)
            print(f"  -> {time.time()-t:.0f}s wall | " + " | ".join(row(r)), flush=True)
            write_summary(outdir, [x for x in rows if "skipped" not in x])
    done_rows = [x for x in rows if "skipped" not in x]
    write_summary(outdir, done_rows)
    skipped = [x for x in rows if "skipped" in x]
    if skipped:
        with open(os.path.join(outdir, "skipped.json"), "w") as f:
            json.dump(skipped, f, indent=1)
    print()
    print(md_table(done_rows))
    print()
    print(key_table(done_rows))
    if args.cold:
        print()
        print(cold_table(done_rows))
    for s in skipped:
        print(f"skipped: {s['peer']} C={s['c']}: {s['skipped']}")
    print(f"\nresults: {outdir}  (total {time.time()-t_all:.0f}s)")


if __name__ == "__main__":
    main()
