#!/usr/bin/env python3
"""streams.jsonl of the project -> harness records {rid, ttfe_ms, gaps_ms, done, n_events, error}."""
import glob, json, os, sys
res, out = sys.argv[1], sys.argv[2]
files = sorted(glob.glob(os.path.join(res, "*", "streams.jsonl")), key=os.path.getmtime)
if not files:
    sys.exit("no streams.jsonl under " + res)
n = 0
with open(out, "w") as w:
    for line in open(files[-1]):
        r = json.loads(line)
        ev = r.get("event_times_ms") or []
        gaps = [round(ev[i + 1] - ev[i], 3) for i in range(len(ev) - 1)]
        w.write(json.dumps({"rid": r["request_id"], "ttfe_ms": r.get("ttft_ms"), "gaps_ms": gaps,
                            "start_epoch_ms": r.get("send_epoch_ms"),
                            "done": r["outcome"] == "ok", "n_events": r.get("events"),
                            "error": r.get("failure")}) + "\n")
        n += 1
print(f"converted {n} streams from {files[-1]}", file=sys.stderr)
