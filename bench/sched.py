#!/usr/bin/env python3
"""Who held the client's event loops off its core: a scheduler trace of a benchmark run.

Reads a `perf sched record -k CLOCK_MONOTONIC -a` trace taken while bench/run.py ran (bench/sched.sh
takes both), keeps the CPU the client was pinned to and the load's window (from the first stream's
send to the last one's end, from the run's client-streams.jsonl.gz), and prints:

  - the CPU time each thread got on that core in the window;
  - every time an event loop (Gatling's `gatling-1-*` threads) was ready to run but waited longer
    than --min-wait-ms, with the threads that ran in the meantime.

A wait is the kernel's scheduling delay: the thread was woken (a response arrived, a timer fired)
and had not run yet. Stdlib only; needs `perf` (Debian: linux-perf).

    python3 bench/sched.py RUN_DIR sched.data OFFSET_S [--cpu 1] [--min-wait-ms 0.5] [--all]

OFFSET_S is epoch seconds minus CLOCK_MONOTONIC seconds when the trace was taken (bench/sched.sh
writes it next to the trace); RUN_DIR is one peer's directory (…/pinned/streamload-c20).
"""
import argparse
import gzip
import json
import os
import re
import subprocess
import sys

LINE = re.compile(r"^\s*([\d.]+)\s+\[(\d+)\]\s+(.*?)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*$")


def runs(trace, cpu):
    """(end_s, thread, wait_s, sched_delay_s, run_s) for every stretch a thread ran on `cpu`."""
    out = subprocess.run(["perf", "sched", "-i", trace, "timehist", "--cpu", str(cpu)],
                         capture_output=True, text=True, check=True).stdout
    rows = []
    for line in out.splitlines():
        m = LINE.match(line)
        if m:
            end, _, task, wait, delay, ran = m.groups()
            rows.append((float(end), re.sub(r"\[.*", "", task).strip(),
                         float(wait) / 1e3, float(delay) / 1e3, float(ran) / 1e3))
    return rows


def load_window(run_dir, offset):
    """The load's first send and last stream end, in CLOCK_MONOTONIC seconds."""
    sends, ends = [], []
    with gzip.open(os.path.join(run_dir, "client-streams.jsonl.gz"), "rt") as f:
        for line in f:
            s = json.loads(line)
            start = s["start_epoch_ms"] / 1e3 - offset
            sends.append(start)
            ends.append(start + (s.get("ttfe_ms") or 0) / 1e3 + sum(s.get("gaps_ms") or []) / 1e3)
    return min(sends), max(ends)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("run_dir")
    ap.add_argument("trace")
    ap.add_argument("offset", type=float, help="epoch s - CLOCK_MONOTONIC s at the trace")
    ap.add_argument("--cpu", type=int, default=1, help="the client's core (bench/run.py --pin: 1)")
    ap.add_argument("--min-wait-ms", type=float, default=0.5)
    ap.add_argument("--all", action="store_true", help="list every long wait, not the 30 longest")
    a = ap.parse_args()
    lo, hi = load_window(a.run_dir, a.offset)
    rows = runs(a.trace, a.cpu)
    inside = [r for r in rows if lo <= r[0] <= hi]
    if not inside:
        sys.exit("no scheduler events on CPU %d in the load's window: wrong offset or trace?" % a.cpu)
    total = {}
    for end, name, _, _, ran in inside:
        total[name] = total.get(name, 0) + ran
    span = hi - lo
    print(f"load window {span:.2f} s on CPU {a.cpu}; CPU time by thread:")
    for name, t in sorted(total.items(), key=lambda kv: -kv[1])[:12]:
        print(f"  {name:20s} {t * 1e3:9.1f} ms  {t / span * 100:5.1f} %")
    waits = []
    for end, name, _, delay, ran in inside:
        if name.startswith("gatling-1-") and delay * 1e3 > a.min_wait_ms:
            ready, started = end - ran - delay, end - ran
            who = {}
            for end2, name2, _, _, ran2 in rows:
                overlap = min(end2, started) - max(end2 - ran2, ready)
                if overlap > 0 and name2 != name:
                    who[name2] = who.get(name2, 0) + overlap
            waits.append((delay, ready - lo, name, who))
    print(f"event-loop waits over {a.min_wait_ms} ms: {len(waits)}, "
          f"{sum(w[0] for w in waits) * 1e3:.1f} ms in all")
    shown = sorted(waits, reverse=True) if not a.all else sorted(waits, key=lambda w: w[1])
    for delay, at, name, who in shown[: None if a.all else 30]:
        ran = ", ".join(f"{k} {v * 1e3:.2f}" for k, v in sorted(who.items(), key=lambda kv: -kv[1]))
        print(f"  {at:7.3f} s  {name} waited {delay * 1e3:5.2f} ms; ran meanwhile (ms): {ran}")


if __name__ == "__main__":
    main()
