#!/usr/bin/env bash
# WebSocket level of the load generator's benchmark (issue 10; see docs/benchmark.md, "WebSocket
# level"). Kept apart from bench/run.sh on purpose: one level, same method.
#
# Starts the mock in its own JVM with write-time recording, runs WebSocketChatSimulation (JSON
# delta shape, one socket per conversation) against it with every message's receive time kept,
# stops the mock (it dumps when it wrote each frame), joins both sides with BenchReport and prints
# the table row. 127.0.0.1 only; bounded in time (ramp + duration + the run's own bound).
#
#   bench/ws-level.sh                         # ws500: 500 users, 50 fragments 20 ms apart
#   WS_USERS=200 WS_DURATION=20s bench/ws-level.sh
#   WS_PRESET=ws-spark bench/ws-level.sh      # Spark shape, one socket per turn
set -euo pipefail
cd "$(dirname "$0")/.."

OUT=${BENCH_OUT:-target/bench/ws-$(date +%Y%m%d-%H%M%S)}
PORT=${BENCH_PORT:-18091}
USERS=${WS_USERS:-500}
DURATION=${WS_DURATION:-30s}
PRESET=${WS_PRESET:-ws-json}
NAME="ws${USERS}${PRESET#ws-}"
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)

echo "WebSocket benchmark level $NAME, results in $OUT"
mvn -B -q test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$OUT/cp.txt"
CP="$(pwd)/target/test-classes:$(pwd)/target/classes:$(cat "$OUT/cp.txt")"
TICK=$(getconf CLK_TCK)
cpu_seconds() { awk -v t="$TICK" '{printf "%.3f", ($14 + $15) / t}' "/proc/$1/stat"; }

java -Xms1g -Xmx2g -cp "$CP" -Dmock.port="$PORT" -Dmock.recordWriteTimes=true \
  -Dmock.writeTimesFile="$OUT/$NAME-writes.jsonl" \
  -Dmock.ttftMs=200 -Dmock.fragments=50 -Dmock.gapMs=20 \
  dev.streamload.mock.MockMain >"$OUT/$NAME-mock.log" 2>&1 &
MOCK=$!
trap 'kill "$MOCK" 2>/dev/null || true' EXIT
for _ in $(seq 1 150); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then break; fi
  sleep 0.2
done
CPU0=$(cpu_seconds "$MOCK")
mvn -B -q gatling:test \
  -Dgatling.simulationClass=dev.streamload.simulations.WebSocketChatSimulation \
  -Dpreset="$PRESET" -Dtarget.url="http://127.0.0.1:$PORT" -Dtrace.eventTimes=true \
  -Dbench.warmUp=10s -Dresults.dir="$OUT/$NAME" -Dgatling.noReports=true \
  -Dprofile=concurrency -Dconcurrency.users="$USERS" -Dconcurrency.ramp=5s \
  -Dconcurrency.duration="$DURATION" ${BENCH_EXTRA:-} \
  >"$OUT/$NAME-gatling.log" 2>&1 || echo "   gatling exited non-zero (see $OUT/$NAME-gatling.log)"
CPU1=$(cpu_seconds "$MOCK")
kill "$MOCK"
wait "$MOCK" || true
trap - EXIT
RES=$(ls -d "$OUT/$NAME"/*/ | head -1)
java -cp "$CP" dev.streamload.bench.BenchReport "$NAME" "$USERS" "$RES" "$OUT/$NAME-writes.jsonl" \
  "$(awk -v a="$CPU0" -v b="$CPU1" 'BEGIN {printf "%.3f", b - a}')" "$OUT/results.jsonl" >/dev/null
java -cp "$CP" dev.streamload.bench.BenchReport table "$OUT/results.jsonl" | tee "$OUT/table.md"
