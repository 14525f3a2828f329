#!/usr/bin/env bash
# A benchmark run under the kernel's scheduler trace, then who held the client's event loops off
# its core (bench/sched.py). Not part of the test command; needs root and perf (linux-perf).
#
#   bench/sched.sh --cold --conc 20 --duration 3       # the 20-user cold start, pinned
#   STREAMLOAD_EXTRA=-DwarmUp.compilerPriority=normal bench/sched.sh --cold --conc 20 --duration 3
#
# Arguments go to run.py (always --pin and --peers streamload); results and the trace go to
# target/bench/sched-<timestamp>/. The trace covers the whole run (about 25 s for a cold start,
# 20-40 MB).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
PROJECT=$(cd "$HERE/.." && pwd)
OUT=${BENCH_OUT:-$PROJECT/target/bench/sched-$(date +%Y%m%d-%H%M%S)}
export STREAMLOAD_DIR=${STREAMLOAD_DIR:-$PROJECT}
command -v perf >/dev/null || { echo "perf not found (Debian: apt-get install linux-perf)" >&2; exit 2; }
mkdir -p "$OUT"
(cd "$STREAMLOAD_DIR" && mvn -B -q test-compile)
# Epoch minus CLOCK_MONOTONIC now: the trace's clock, to place the run's epoch times in it.
/usr/bin/python3 -c 'import time; print(time.time() - time.clock_gettime(time.CLOCK_MONOTONIC))' \
  > "$OUT/clock-offset"
perf sched record -k CLOCK_MONOTONIC -a -o "$OUT/sched.data" >"$OUT/perf.log" 2>&1 &
PERF=$!
trap 'kill -INT $PERF 2>/dev/null || true' EXIT
sleep 1
/usr/bin/python3 "$HERE/run.py" --pin --peers streamload --out "$OUT/pinned" "$@"
kill -INT $PERF; wait $PERF || true
trap - EXIT
for run in "$OUT"/pinned/streamload-c*; do
  echo "== $(basename "$run")"
  /usr/bin/python3 "$HERE/sched.py" "$run" "$OUT/sched.data" "$(cat "$OUT/clock-offset")"
done
