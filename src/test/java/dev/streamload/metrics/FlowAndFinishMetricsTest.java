package dev.streamload.metrics;

import static dev.streamload.metrics.Results.MS;
import static dev.streamload.metrics.Results.RUN_START;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamload.stream.FailureClass;
import dev.streamload.stream.StreamResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Per-stream output rate and fragments as distributions, and finish reasons counted per value, for
 * the run and each step, in the registry, summary.json and the dashboard.
 */
class FlowAndFinishMetricsTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** HdrHistogram keeps 3 significant digits: a percentile may read 0.1% above its value. */
  private static final double HISTOGRAM_RELATIVE_ERROR = 0.001;

  /**
   * A successful stream of {@code step} whose output rate is {@code tokensPerSecond}: 10 tokens,
   * first text to end marker 10 000 / rate ms.
   */
  private static StreamResult atRate(int step, long sendMs, int tokensPerSecond, String reason) {
    long spanMs = 10_000 / tokensPerSecond; // 10 tokens
    return withFinishReason(
        Results.ok(step, sendMs, 5, new long[] {spanMs - 1}, 10), reason); // end = last + 1 ms
  }

  static StreamResult withFinishReason(StreamResult r, String reason) {
    return new StreamResult(
        r.requestId(),
        r.userId(),
        r.step(),
        r.scheduledNanos(),
        r.sendNanos(),
        r.headersNanos(),
        r.firstTextNanos(),
        r.lastTextNanos(),
        r.endNanos(),
        r.finishNanos(),
        r.status(),
        r.fragments(),
        r.events(),
        r.textChars(),
        r.outputTokens(),
        r.tokenSource(),
        r.gapsNanos(),
        r.maxGapNanos(),
        r.termination(),
        r.failure(),
        r.detail(),
        r.eventNanos(),
        reason);
  }

  /** Step 0: 100 streams at 1..100 tokens/s ("stop"); step 1: 10 at 200/s, 3 truncated. */
  private static RunSummary sample() {
    MetricsRegistry m =
        new MetricsRegistry(
            RUN_START, new ClockAnchor(1_700_000_000_000L, RUN_START), Duration.ofSeconds(1), 3600);
    for (int i = 1; i <= 100; i++) {
      m.streamStarted(0);
      m.record(atRate(0, i, i, "stop"));
    }
    for (int i = 0; i < 10; i++) {
      m.streamStarted(1);
      m.record(atRate(1, 20_000 + i, 200, "stop"));
    }
    for (int i = 0; i < 3; i++) {
      m.streamStarted(1);
      m.record(
          withFinishReason(
              Results.failed(1, 20_100 + i, 20_200 + i, FailureClass.TRUNCATED), "length"));
    }
    List<StepPlan> plan =
        List.of(
            StepPlan.open(0, "slow", 10, Duration.ZERO, Duration.ofSeconds(20)),
            StepPlan.open(1, "fast", 10, Duration.ofSeconds(20), Duration.ofSeconds(20)));
    return m.snapshot(plan, RUN_START, RUN_START + 40_000 * MS);
  }

  private static void assertNear(double expected, double actual, String what) {
    assertTrue(
        Math.abs(actual - expected) <= expected * HISTOGRAM_RELATIVE_ERROR,
        what + ": expected about " + expected + ", got " + actual);
  }

  @Test
  void recordsOneOutputRatePerSuccessfulStreamWithBothTails() {
    StepSummary slow = sample().steps().get(0);

    assertEquals(100, slow.outputRate().count());
    assertEquals(1_000, slow.outputRate().min(), "thousandths of a token per second");
    assertEquals(100_000, slow.outputRate().max());
    assertNear(50_000, slow.outputRate().p50(), "p50");
    assertNear(99_000, slow.outputRate().p99(), "p99");
    assertNear(1_000, slow.outputRateLow().p1(), "p1");
    assertNear(5_000, slow.outputRateLow().p5(), "p5");
    assertNear(10_000, slow.outputRateLow().p10(), "p10");
  }

  @Test
  void countsFinishReasonsOfSuccessfulAndFailedStreamsPerStepAndForTheRun() {
    RunSummary s = sample();

    assertEquals(Map.of("stop", 100L), s.steps().get(0).finishReasons());
    assertEquals(Map.of("stop", 10L, "length", 3L), s.steps().get(1).finishReasons());
    assertEquals(Map.of("stop", 110L, "length", 3L), s.totals().finishReasons());
    assertEquals(3, s.totals().failures(FailureClass.TRUNCATED));
    assertEquals(110, s.totals().outputRate().count(), "failed streams have no rate");
  }

  @Test
  void countsAServersEndlessNewFinishReasonsUnderOneKey() {
    MetricsRegistry m = new MetricsRegistry(RUN_START);
    int distinct = MetricsRegistry.MAX_FINISH_REASONS + 10;
    for (int i = 0; i < distinct; i++) {
      m.streamStarted(0);
      m.record(atRate(0, i, 10, "reason-" + i));
    }
    Map<String, Long> reasons =
        m.snapshot(List.of(), RUN_START, RUN_START + 1_000 * MS).totals().finishReasons();

    assertEquals(MetricsRegistry.MAX_FINISH_REASONS + 1, reasons.size());
    assertEquals(10L, reasons.get(MetricsRegistry.OTHER_FINISH_REASON));
    assertEquals(distinct, reasons.values().stream().mapToLong(Long::longValue).sum());
  }

  @Test
  void summaryJsonHasTheRateDistributionAndTheFinishReasonsPerStep() throws Exception {
    JsonNode root = MAPPER.readTree(SummaryJson.toJson(sample()));

    JsonNode rate = root.path("steps").get(0).path("output_tokens_per_s_per_stream");
    assertEquals(100, rate.path("count").asInt());
    assertEquals(1.0, rate.path("min").asDouble());
    assertEquals(100.0, rate.path("max").asDouble());
    assertNear(50.0, rate.path("p50").asDouble(), "p50");
    assertNear(5.0, rate.path("p5").asDouble(), "p5");
    double sum = 0; // the mean is exact: the rates as recorded (10 tokens over a whole-ms span)
    for (int i = 1; i <= 100; i++) {
      sum += Math.round(10 * 1_000_000.0 / (10_000 / i)) / 1000.0;
    }
    assertEquals(Math.round(sum / 100 * 1000) / 1000.0, rate.path("mean").asDouble());
    for (String f : List.of("min", "p1", "p5", "p10", "mean", "p50", "p90", "p95", "p99", "max")) {
      assertTrue(rate.has(f), f);
    }
    assertEquals(100, root.path("steps").get(0).path("fragments").path("count").asInt());
    assertEquals(3, root.path("steps").get(1).path("finish_reasons").path("length").asInt());
    assertEquals(110, root.path("totals").path("finish_reasons").path("stop").asInt());
    assertEquals(3, root.path("totals").path("failures").path("truncated").asInt());
  }

  @Test
  void anEmptyStepHasANullRateDistributionAndNoFinishReasons() throws Exception {
    RunSummary s =
        new MetricsRegistry(RUN_START)
            .snapshot(
                List.of(StepPlan.open(0, "idle", 1, Duration.ZERO, Duration.ofSeconds(1))),
                RUN_START,
                RUN_START + 1_000 * MS);
    JsonNode step = MAPPER.readTree(SummaryJson.toJson(s)).path("steps").get(0);

    assertEquals(0, step.path("output_tokens_per_s_per_stream").path("count").asInt());
    assertTrue(step.path("output_tokens_per_s_per_stream").path("p5").isNull());
    assertEquals(0, step.path("finish_reasons").size());
  }

  @Test
  void theDashboardShowsFlowChartsAndFinishReasonsEscaped() {
    MetricsRegistry m = new MetricsRegistry(RUN_START);
    m.streamStarted(0);
    m.record(atRate(0, 1, 10, "<b>odd</b>"));
    String html =
        DashboardWriter.html(
            m.snapshot(
                List.of(StepPlan.open(0, "only", 1, Duration.ZERO, Duration.ofSeconds(1))),
                RUN_START,
                RUN_START + 1_000 * MS));

    assertTrue(html.contains("Output rate per stream"));
    assertTrue(html.contains("Fragments per stream"));
    assertTrue(html.contains("<h2>Finish reasons</h2>"));
    assertTrue(html.contains("<td>&lt;b&gt;odd&lt;/b&gt;</td>"), "escaped as text");
    assertFalse(html.contains("<b>odd</b>"));
    assertTrue(html.contains("<td>output tokens/s per stream</td>"));
  }

  @Test
  void theDashboardSaysSoWhenNoStreamSentAFinishReason() {
    MetricsRegistry m = new MetricsRegistry(RUN_START);
    m.streamStarted(0);
    m.record(Results.ok(0, 1, 5, new long[] {10}, -1));
    String html = DashboardWriter.html(m.snapshot(List.of(), RUN_START, RUN_START + 1_000 * MS));

    assertTrue(html.contains("No stream sent a finish reason."));
  }
}
