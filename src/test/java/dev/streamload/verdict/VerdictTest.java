package dev.streamload.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamload.metrics.RunSummary;
import dev.streamload.metrics.SampleRuns;
import dev.streamload.metrics.StepSummary;
import dev.streamload.metrics.SummaryJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-step verdict on a deterministic three-step run whose TTFT and failures grow with the load
 * (step 0: TTFT 80-120 ms, about 1 % failed; step 1: 140-220 ms, about 9 %; step 2: 320-440 ms,
 * about 15 %).
 */
class VerdictTest {

  private static final RunSummary RUN = SampleRuns.rampWithFailures();

  private static Slo ttftP95(long millis) {
    return Slo.time("slo.ttftP95", Slo.Figure.TTFT_P95, Duration.ofMillis(millis));
  }

  private static Slo failedPercent(double max) {
    return new Slo("slo.maxFailedPercent", Slo.Figure.FAILED_PERCENT, max);
  }

  @Test
  void theCapacityIsTheHighestStepBeforeTheFirstOneThatMissed() {
    Verdict v = Verdict.of(RUN, List.of(ttftP95(200)), false);

    assertTrue(v.steps().get(0).met());
    assertFalse(v.steps().get(1).met());
    Verdict.Capacity c = v.capacity().orElseThrow();
    assertEquals(0, c.lastGood().orElseThrow().step().index());
    assertEquals(1, c.firstMiss().orElseThrow().step().index());
    StepSummary missed = RUN.steps().get(1);
    assertEquals((double) missed.ttft().p95(), c.firstMiss().get().missed().get(0).actual(), 0.0);
  }

  @Test
  void aStepCanMissOnFailuresWhileItsLatencyIsFine() {
    Verdict v = Verdict.of(RUN, List.of(ttftP95(1_000), failedPercent(5)), false);

    StepVerdict step1 = v.steps().get(1);
    assertEquals(1, step1.missed().size());
    assertEquals(Slo.Figure.FAILED_PERCENT, step1.missed().get(0).slo().figure());
    StepSummary s = RUN.steps().get(1);
    assertEquals(
        100.0 * s.failed() / (s.completed() + s.failed()), step1.missed().get(0).actual(), 1e-9);
  }

  @Test
  void whenTheFirstStepMissesThereIsNoCapacityStep() {
    Verdict v = Verdict.of(RUN, List.of(ttftP95(50)), false);

    Verdict.Capacity c = v.capacity().orElseThrow();
    assertTrue(c.lastGood().isEmpty());
    assertEquals(0, c.firstMiss().orElseThrow().step().index());
    assertTrue(VerdictText.lines(v).get(4).contains("not found"), VerdictText.lines(v).get(4));
  }

  @Test
  void whenEveryStepMeetsItsSlosTheCapacityIsTheLastStepAndTheLimitIsAboveIt() {
    Verdict v = Verdict.of(RUN, List.of(ttftP95(2_000)), false);

    Verdict.Capacity c = v.capacity().orElseThrow();
    assertEquals(2, c.lastGood().orElseThrow().step().index());
    assertTrue(c.firstMiss().isEmpty());
  }

  @Test
  void withoutSlosTheStepsAreDescribedButNotJudged() {
    Verdict v = Verdict.of(RUN, List.of(), false);

    assertTrue(v.capacity().isEmpty());
    assertTrue(v.steps().stream().allMatch(s -> s.checks().isEmpty()));
    List<String> lines = VerdictText.lines(v);
    assertEquals(1 + RUN.steps().size(), lines.size(), String.join("\n", lines));
    assertTrue(lines.get(3).contains("http_429"), lines.get(3));
  }

  @Test
  void theTableHasOneLinePerStepThenTheCapacityWithTheMissedFigure() {
    List<String> lines = VerdictText.lines(Verdict.of(RUN, List.of(ttftP95(200)), false));

    assertEquals(5, lines.size(), String.join("\n", lines));
    assertTrue(lines.get(0).startsWith("step"));
    assertTrue(lines.get(1).startsWith("5/s") && lines.get(1).endsWith("met"), lines.get(1));
    assertTrue(lines.get(2).endsWith("missed ttft p95"), lines.get(2));
    assertTrue(
        lines.get(4).startsWith("capacity: 5/s (achieved 5.00/s) is the highest step"),
        lines.get(4));
    assertTrue(lines.get(4).contains("10/s missed ttft p95 "), lines.get(4));
    assertTrue(lines.get(4).contains(" > 200.0 ms"), lines.get(4));
  }

  @Test
  void summaryJsonCarriesTheVerdictWithTheSameFiguresAsItsSteps(@TempDir Path dir)
      throws Exception {
    Verdict v = Verdict.of(RUN, List.of(ttftP95(200), failedPercent(5)), false);
    Path file = dir.resolve("summary.json");
    SummaryJson.write(RUN, file, g -> VerdictJson.write(g, v));

    JsonNode json = new ObjectMapper().readTree(Files.readString(file));
    JsonNode verdict = json.path("verdict");
    assertEquals(0, verdict.path("capacity").path("step").asInt());
    assertEquals(1, verdict.path("capacity").path("first_miss_step").asInt());
    assertEquals(2, verdict.path("slos").size());
    JsonNode step1 = verdict.path("steps").get(1);
    assertFalse(step1.path("slos_met").asBoolean());
    assertEquals(
        json.path("steps").get(1).path("distributions").path("ttft_ms").path("p95").decimalValue(),
        step1.path("slos").get(0).path("actual").decimalValue());
    assertEquals(
        json.path("steps").get(1).path("distributions").path("ttft_ms").path("p50").decimalValue(),
        step1.path("ttft_p50_ms").decimalValue());
    assertTrue(step1.path("failure_percent").has("stalled"), step1.toString());
    assertEquals(200.0, verdict.path("slos").get(0).path("limit").asDouble(), 0.0);
    assertFalse(verdict.path("stopped_early").asBoolean());
  }
}
