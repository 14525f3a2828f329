#!/usr/bin/env bash
# Client benchmark against a neutral target (not part of the test command; see docs/benchmark.md).
#
# The project, plain Gatling 3.16 sse() and a lean Node.js reference client each run against the
# same Node.js SSE target (bench/server/server.js, a runtime the client does not share), one after
# the other, closed model, 200 ms to first event then 50 events 20 ms apart, 30 s each. The target
# records when it received each request and wrote each event; run.py joins both sides by request
# id and prints every client's error as the user sees it, split by direction, side by side.
# Traffic goes to 127.0.0.1 only; every run is bounded in time (the driver kills a peer 90 s late).
#
#   bench/run.sh                          # 500 streams, pinned then shared cores (~8 min)
#   BENCH_MODES=pinned bench/run.sh --conc 500,2000
#   BENCH_MODES=pinned bench/run.sh --peers streamload
#   STREAMLOAD_EXTRA="-Dreport.gapRows=all" bench/run.sh --peers streamload
# Needs node (18+) and python3. Extra arguments go to run.py (--help lists them).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
PROJECT=$(cd "$HERE/.." && pwd)
OUT=${BENCH_OUT:-$PROJECT/target/bench/$(date +%Y%m%d-%H%M%S)}
MODES=${BENCH_MODES:-"pinned shared"}
if [ ! -f "$HERE/peers/gatling-baseline/target/cp.txt" ]; then
  "$HERE/setup.sh"
fi
# The checkout under test (this one unless STREAMLOAD_DIR says otherwise), compiled once so that
# no peer run pays for it.
STREAMLOAD_DIR=${STREAMLOAD_DIR:-$PROJECT}
export STREAMLOAD_DIR
(cd "$STREAMLOAD_DIR" && mvn -B -q test-compile)
for mode in $MODES; do
  case $mode in
    pinned) pin=--pin ;;
    shared) pin= ;;
    *) echo "unknown mode '$mode' (BENCH_MODES takes pinned, shared)" >&2; exit 2 ;;
  esac
  echo "== $mode cores"
  # shellcheck disable=SC2086
  /usr/bin/python3 "$HERE/run.py" $pin --out "$OUT/$mode" "$@"
done
echo "results in $OUT (key.md: the figures the targets are judged by)"
