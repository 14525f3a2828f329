#!/usr/bin/env bash
# Benchmark of the load generator itself (not part of the test command; see docs/benchmark.md).
#
# For each load level: start the mock chat API in its own JVM with write-time recording, run the
# project's OpenAiChatSimulation against it with every event's receive time kept, stop the mock
# (it dumps when it wrote each event), then join both sides (BenchReport) and print a table.
# Traffic goes to 127.0.0.1 only; every level is bounded in time and stops by itself.
#
#   bench/run.sh                      # all levels (about 8 minutes on 2 cores)
#   BENCH_LEVELS="c500" bench/run.sh  # some levels
set -euo pipefail
cd "$(dirname "$0")/.."

OUT=${BENCH_OUT:-target/bench/$(date +%Y%m%d-%H%M%S)}
PORT=${BENCH_PORT:-18090}
LEVELS=${BENCH_LEVELS:-"c500 c2000 c10000 open500"}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)

echo "benchmark results in $OUT"
mvn -B -q test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$OUT/cp.txt"
CP="$(pwd)/target/test-classes:$(pwd)/target/classes:$(cat "$OUT/cp.txt")"
TICK=$(getconf CLK_TCK)

cpu_seconds() { awk -v t="$TICK" '{printf "%.3f", ($14 + $15) / t}' "/proc/$1/stat"; }

wait_for_mock() {
  for _ in $(seq 1 150); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then return 0; fi
    sleep 0.2
  done
  echo "the mock did not start on port $PORT (see $OUT/$1-mock.log)" >&2
  return 1
}

# name, streams in flight, mock -D settings, simulation -D settings
run_level() {
  local name=$1 conc=$2 mock_args=$3 load_args=$4
  echo "== level $name"
  # shellcheck disable=SC2086
  java -Xms1g -Xmx2g -cp "$CP" -Dmock.port="$PORT" -Dmock.recordWriteTimes=true \
    -Dmock.writeTimesFile="$OUT/$name-writes.jsonl" $mock_args \
    dev.streamload.mock.MockMain >"$OUT/$name-mock.log" 2>&1 &
  local mock=$!
  wait_for_mock "$name" || { kill "$mock" 2>/dev/null; return 1; }
  local cpu0 cpu1
  cpu0=$(cpu_seconds "$mock")
  # shellcheck disable=SC2086
  OPENAI_API_KEY=mock-api-key mvn -B -q gatling:test \
    -Dgatling.simulationClass=dev.streamload.simulations.OpenAiChatSimulation \
    -Dtarget.url="http://127.0.0.1:$PORT" -Dtrace.eventTimes=true -Dbench.warmUp=10s ${BENCH_EXTRA:-} \
    -Dresults.dir="$OUT/$name" -Dgatling.noReports=true $load_args \
    >"$OUT/$name-gatling.log" 2>&1 || echo "   gatling exited non-zero (see $OUT/$name-gatling.log)"
  cpu1=$(cpu_seconds "$mock")
  kill "$mock"
  wait "$mock" || true
  local res
  res=$(ls -d "$OUT/$name"/*/ 2>/dev/null | head -1)
  if [ -z "$res" ] || [ ! -f "$res/resources.json" ]; then
    echo "   level $name wrote no results; see $OUT/$name-gatling.log" >&2
    return 1
  fi
  java -cp "$CP" dev.streamload.bench.BenchReport "$name" "$conc" "$res" \
    "$OUT/$name-writes.jsonl" "$(awk -v a="$cpu0" -v b="$cpu1" 'BEGIN {printf "%.3f", b - a}')" "$OUT/results.jsonl" >/dev/null
}

SHORT="-Dmock.ttftMs=200 -Dmock.fragments=50 -Dmock.gapMs=20"
for level in $LEVELS; do
  case $level in
    c500)
      run_level c500 500 "$SHORT" \
        "-Dprofile=concurrency -Dconcurrency.users=500 -Dconcurrency.ramp=5s -Dconcurrency.duration=30s" ;;
    c2000)
      run_level c2000 2000 "$SHORT" \
        "-Dprofile=concurrency -Dconcurrency.users=2000 -Dconcurrency.ramp=10s -Dconcurrency.duration=30s" ;;
    c10000)
      # Slow streams: one event a second for a minute, 10,000 held open at once, heap 1 GiB.
      run_level c10000 10000 "-Dmock.ttftMs=1000 -Dmock.fragments=60 -Dmock.gapMs=1000" \
        "-Dprofile=concurrency -Dconcurrency.users=10000 -Dconcurrency.ramp=20s -Dconcurrency.duration=60s -Dgatling.heap=1g -Dtimeout.stream=3m" ;;
    open500)
      # Open model: 100 -> 500 new streams/s in 5 levels of 20 s, short streams.
      run_level open500 0 "-Dmock.ttftMs=200 -Dmock.fragments=10 -Dmock.gapMs=20" \
        "-Dprofile=staircase -Dstaircase.startRate=100 -Dstaircase.stepRate=100 -Dstaircase.steps=5 -Dstaircase.stepDuration=20s" ;;
    *)
      echo "unknown level '$level' (BENCH_LEVELS takes c500, c2000, c10000, open500)" >&2
      exit 2 ;;
  esac
done

echo
java -cp "$CP" dev.streamload.bench.BenchReport table "$OUT/results.jsonl" | tee "$OUT/table.md"
