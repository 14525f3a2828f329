package dev.streamload.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamload.simulations.OpenAiChatSimulation;
import dev.streamload.testing.GatlingRun;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * One staircase run in the OpenAI dialect (no identity chain, so a user's stream starts right when
 * it arrives), judged by its own files: streams.jsonl, the load steps and the over-time buckets
 * share one origin, summary.json's run.start, and the run describes itself as documented.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunTimelineTest {

  /** Two numbers printed with 3 decimals, and the epoch milliseconds held in a double. */
  static final double SAME_ORIGIN_TOLERANCE_MS = 0.01;

  /** Printed times are rounded to the microsecond. */
  static final double ROUNDING_MS = 0.001;

  /**
   * From a user's arrival to its stream step (a feeder and an exec on a busy event loop). The first
   * user's arrival is the run start, so the first stream starts within this of it.
   */
  static final double ARRIVAL_TO_STREAM_TOLERANCE_MS = 250;

  static final double START_RATE = 4;

  GatlingRun.Result run;

  @BeforeAll
  void runAStaircase(@TempDir Path dir) {
    Map<String, String> s = new HashMap<>();
    s.put("profile", "staircase");
    s.put("staircase.startRate", Double.toString(START_RATE));
    s.put("staircase.stepRate", "4");
    s.put("staircase.steps", "2");
    s.put("staircase.stepDuration", "1s");
    s.put("mock.ttftMs", "50");
    s.put("mock.fragments", "5");
    s.put("mock.gapMs", "10");
    run = GatlingRun.run(OpenAiChatSimulation.class, s, dir);
    assertEquals(12, run.streams("completed"), run.summary().toString());
  }

  private double runStartEpochMillis() {
    Instant start = Instant.parse(run.summary().path("run").path("start").asText());
    return start.getEpochSecond() * 1000.0 + start.getNano() / 1e6;
  }

  @Test
  void streamTimesAreMillisecondsFromTheRunStartOfTheSummary() {
    double runStart = runStartEpochMillis();
    for (JsonNode stream : run.streams()) {
      double origin = stream.path("send_epoch_ms").asDouble() - stream.path("t_send").asDouble();
      assertEquals(runStart, origin, SAME_ORIGIN_TOLERANCE_MS, stream.toString());
    }
  }

  @Test
  void theFirstStreamStartsAtTheRunStartAndEachStreamWithinItsStep() {
    double first = Double.MAX_VALUE;
    JsonNode steps = run.summary().path("steps");
    for (JsonNode stream : run.streams()) {
      double sched = stream.path("t_sched").asDouble();
      first = Math.min(first, sched);
      JsonNode step = steps.get(stream.path("step").asInt());
      double from = step.path("start_offset_s").asDouble() * 1000;
      double to = from + step.path("duration_s").asDouble() * 1000;
      assertTrue(
          sched >= from - ROUNDING_MS && sched < to + ARRIVAL_TO_STREAM_TOLERANCE_MS,
          "t_sched " + sched + " outside its step [" + from + ", " + to + "): " + stream);
    }
    assertTrue(
        first >= 0 && first <= ARRIVAL_TO_STREAM_TOLERANCE_MS,
        "first stream scheduled at " + first + " ms from the run start");
    assertEquals(0.0, steps.get(0).path("start_offset_s").asDouble());
  }

  @Test
  void eachOverTimeBucketCountsTheStreamsThatFinishedInItByTheirTraceTimes() {
    JsonNode series = run.summary().path("percentiles_over_time");
    double width = series.path("bucket_s").asDouble() * 1000;
    long counted = 0;
    for (JsonNode bucket : series.path("buckets")) {
      double from = bucket.path("t_s").asDouble() * 1000;
      long inTrace =
          run.streams().stream()
              .map(s -> s.path("t_finish").asDouble())
              .filter(t -> t >= from && t < from + width)
              .count();
      long inBucket = bucket.path("completed").asLong() + bucket.path("failed").asLong();
      assertEquals(inTrace, inBucket, "bucket at " + from + " ms: " + series);
      counted += inBucket;
    }
    assertEquals(run.streams().size(), counted, "every stream lands in one bucket");
    // Streams of about 100 ms at 4 arrivals/s from the run start: some finish in the first second.
    assertTrue(series.path("buckets").get(0).path("completed").asLong() > 0, series.toString());
  }

  @Test
  void theSummaryNamesTheProfileDescribesItAndNamesTheModel() {
    JsonNode meta = run.summary().path("run");
    assertEquals("staircase", meta.path("profile").asText());
    assertTrue(
        meta.path("profile_description").asText().startsWith("staircase: 4.00 -> 8.00"),
        meta.toString());
    assertEquals("mock-model", meta.path("target").path("model").asText(), meta.toString());
    assertEquals("openai", meta.path("target").path("dialect").asText());
    assertEquals(
        START_RATE, run.summary().path("steps").get(0).path("offered_rate_per_s").asDouble());
  }

  @Test
  void theConsoleEndsWithTheOutcomeAndEveryFileTheRunWrote() {
    String end = String.join("\n", run.consoleEnd());
    assertEquals("streamload: 12 of 12 streams completed", run.consoleEnd().get(0), end);
    for (String file :
        new String[] {"summary.json", "dashboard.html", "streams.jsonl", "resources.json"}) {
      assertTrue(end.contains("  " + file + " "), file + " missing from: " + end);
    }
    assertTrue(end.contains("  mock.json "), end);
    assertFalse(end.contains("re-send"), "a clean run reports no blocked re-send: " + end);
  }
}
