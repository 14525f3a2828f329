package dev.streamload.metrics;

import static dev.streamload.metrics.Results.MS;
import static dev.streamload.metrics.Results.RUN_START;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamload.stream.FailureClass;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SummaryJsonTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Step 0: 100 streams with TTFT 1..100 ms and one 429; step 1: nothing. */
  static RunSummary sampleSummary() {
    MetricsRegistry m =
        new MetricsRegistry(
            RUN_START, new ClockAnchor(1_700_000_000_000L, RUN_START), Duration.ofSeconds(1), 3600);
    for (int i = 1; i <= 100; i++) {
      m.streamStarted(0);
      m.record(Results.ok(0, i * 50L, i, new long[] {20, 20, 20}, 8));
    }
    m.streamStarted(0);
    m.record(Results.failed(0, 10, 20, FailureClass.HTTP_429));
    List<StepPlan> plan =
        List.of(
            StepPlan.open(0, "rate 20/s", 20, Duration.ZERO, Duration.ofSeconds(5)),
            StepPlan.closed(1, "50 users", 50, Duration.ofSeconds(5), Duration.ofSeconds(5)));
    Map<String, String> target = new LinkedHashMap<>();
    target.put("base_url", "https://llm.example/v1/chat/completions");
    target.put("model", "tiny-model");
    return m.snapshot(plan, RUN_START, RUN_START + 10_000 * MS)
        .withMeta(
            new RunMeta("ChatSimulation", "capacity", "capacity: 20/s, then 50 users", target));
  }

  @Test
  void writesTheFieldsOfASampleRunWithTheirValuesAndReadsThemBack(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("out/summary.json");
    SummaryJson.write(sampleSummary(), file);
    JsonNode root = MAPPER.readTree(Files.readString(file));

    assertEquals(1, root.path("schema_version").asInt());
    JsonNode run = root.path("run");
    assertEquals("ChatSimulation", run.path("simulation").asText());
    assertEquals("capacity", run.path("profile").asText());
    assertEquals("capacity: 20/s, then 50 users", run.path("profile_description").asText());
    assertEquals("2023-11-14T22:13:20Z", run.path("start").asText());
    assertEquals("2023-11-14T22:13:30Z", run.path("end").asText());
    assertEquals(10.0, run.path("duration_s").asDouble());
    assertEquals("tiny-model", run.path("target").path("model").asText());
    assertTrue(run.path("clock").asText().contains("nanoTime"));

    JsonNode steps = root.path("steps");
    assertEquals(2, steps.size());
    JsonNode s0 = steps.get(0);
    assertEquals("rate 20/s", s0.path("name").asText());
    assertEquals(20.0, s0.path("offered_rate_per_s").asDouble());
    assertEquals(101 / 5.0, s0.path("achieved_rate_per_s").asDouble(), 1e-9);
    assertEquals(101, s0.path("streams").path("started").asInt());
    assertEquals(100, s0.path("streams").path("completed").asInt());
    assertEquals(1, s0.path("streams").path("failed").asInt());
    assertEquals(0, s0.path("streams").path("in_flight").asInt());
    assertEquals(1, s0.path("failures").path("http_429").asInt());
    assertEquals(FailureClass.values().length, s0.path("failures").size());
    assertEquals(0.990, s0.path("good_fraction").asDouble());

    JsonNode ttft = s0.path("distributions").path("ttft_ms");
    assertEquals(100, ttft.path("count").asInt());
    assertEquals(50.0, ttft.path("p50").asDouble(), 0.05);
    assertEquals(99.0, ttft.path("p99").asDouble(), 0.1);
    assertEquals(1.0, ttft.path("min").asDouble(), 0.001);
    assertEquals(50.5, ttft.path("mean").asDouble(), 0.05);
    for (String d :
        List.of(
            "ttft_ms",
            "itl_ms",
            "tpot_ms",
            "e2e_ms",
            "time_to_headers_ms",
            "schedule_lag_ms",
            "ttft_from_schedule_ms")) {
      JsonNode dist = s0.path("distributions").path(d);
      for (String f : List.of("count", "min", "mean", "p50", "p90", "p95", "p99", "max")) {
        assertTrue(dist.has(f), d + "." + f);
      }
    }
    assertEquals(20.0, s0.path("distributions").path("itl_ms").path("p50").asDouble(), 0.02);
    assertEquals(300, s0.path("distributions").path("itl_ms").path("count").asInt());
    assertEquals(60.0 / 7, s0.path("distributions").path("tpot_ms").path("p50").asDouble(), 0.01);
    assertEquals(2.0, s0.path("distributions").path("schedule_lag_ms").path("max").asDouble());
    assertEquals(8, s0.path("output_tokens").path("p50").asInt());
    assertEquals(4, s0.path("fragments").path("max").asInt());
    assertEquals(800, s0.path("output_tokens_total").asInt());
    assertEquals(100, s0.path("token_source").path("usage").asInt());
    assertEquals(0, s0.path("token_source").path("fragments").asInt());
    assertEquals(2.0, s0.path("mean_tokens_per_fragment").asDouble());
    double window = s0.path("window_s").asDouble();
    assertEquals(800 / window, s0.path("output_tokens_per_s").asDouble(), 0.01);
    assertEquals(100 / window, s0.path("streams_per_s").asDouble(), 0.01);

    JsonNode s1 = steps.get(1);
    assertTrue(s1.path("offered_rate_per_s").isNull());
    assertEquals(50, s1.path("concurrency").asInt());
    assertTrue(s1.path("distributions").path("ttft_ms").path("p50").isNull());
    assertTrue(s1.path("good_fraction").isNull());

    assertEquals(101, root.path("totals").path("streams").path("started").asInt());
    JsonNode series = root.path("percentiles_over_time");
    assertEquals(1.0, series.path("bucket_s").asDouble());
    int completed = 0;
    for (JsonNode b : series.path("buckets")) {
      completed += b.path("completed").asInt();
      assertTrue(b.has("t_s") && b.has("ttft_p50_ms") && b.has("ttft_p95_ms"));
      assertTrue(b.has("itl_p95_ms") && b.has("failed"));
    }
    assertEquals(100, completed);
  }

  @Test
  void writesMillisecondsWithThreeFractionDigits() {
    String json = SummaryJson.toJson(sampleSummary());
    assertTrue(json.contains("\"max\" : 2.000"), json.substring(0, 400));
    assertFalse(json.contains("E+"), "no scientific notation");
    assertFalse(json.contains("NaN"));
  }

  @Test
  void rejectsCredentialLikeTargetFields() {
    assertThrows(
        IllegalArgumentException.class, () -> new RunMeta("s", "p", Map.of("api_key", "x")));
    assertThrows(
        IllegalArgumentException.class, () -> new RunMeta("s", "p", Map.of("Authorization", "x")));
    assertThrows(
        IllegalArgumentException.class,
        () -> new RunMeta("s", "p", Map.of("base_url", "https://u:pw@host/v1")));
    assertThrows(
        IllegalArgumentException.class,
        () -> new RunMeta("s", "p", Map.of("base_url", "https://host/v1?key=abc")));
    assertThrows(
        IllegalArgumentException.class,
        () -> new RunMeta("s", "p", Map.of("note", "Bearer abc.def")));
    new RunMeta("s", "p", Map.of("max_tokens", "256", "model", "m", "dialect", "openai"));
  }
}
