package dev.streamload.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamload.metrics.RunSummary;
import dev.streamload.metrics.SampleRuns;
import dev.streamload.metrics.StepPlan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class EarlyStopTest {

  private static final long S = 1_000_000_000L;
  private static final RunSummary RUN = SampleRuns.rampWithFailures();

  private final AtomicLong now = new AtomicLong();
  private final Map<Integer, Long> inFlight = new HashMap<>();
  private final List<Integer> judged = new ArrayList<>();

  private EarlyStop stop(long ttftLimitMs) {
    List<StepPlan> plan = new ArrayList<>();
    for (var step : RUN.steps()) {
      plan.add(
          StepPlan.open(
              step.index(),
              step.name(),
              step.offeredRatePerSecond(),
              step.startOffset(),
              step.duration()));
    }
    return new EarlyStop(
        plan,
        List.of(Slo.time("slo.ttftP95", Slo.Figure.TTFT_P95, Duration.ofMillis(ttftLimitMs))),
        p -> {
          judged.add(p.index());
          return RUN.steps().get(p.index());
        },
        step -> inFlight.getOrDefault(step, 0L),
        now::get,
        () -> 0L);
  }

  @Test
  void aStepIsJudgedOnlyOnceItIsOverAndItsStreamsHaveEnded() {
    EarlyStop stop = stop(200);
    now.set(19 * S);
    assertFalse(stop.poll());
    assertTrue(judged.isEmpty(), "step 0 is not over yet");

    now.set(21 * S);
    inFlight.put(0, 3L);
    assertFalse(stop.poll());
    assertTrue(judged.isEmpty(), "step 0 still has streams in flight");

    inFlight.put(0, 0L);
    assertFalse(stop.poll());
    assertEquals(List.of(0), judged, "step 0 met its SLOs; step 1 is not over");
    assertFalse(stop.stopping());
  }

  @Test
  void theFirstStepThatMissesStopsTheLoadAndNoLaterStepIsJudged() {
    EarlyStop stop = stop(200);
    now.set(100 * S);

    assertTrue(stop.poll());
    assertTrue(stop.stopping());
    assertEquals(1, stop.missedStep().orElseThrow().step().index());
    assertEquals(List.of(0, 1), judged);
    assertTrue(stop.poll());
    assertEquals(List.of(0, 1), judged, "judged once");
  }

  @Test
  void whenEveryStepMeetsItsSlosTheLoadIsNeverStopped() {
    EarlyStop stop = stop(5_000);
    now.set(100 * S);

    assertFalse(stop.poll());
    assertFalse(stop.stopping());
    assertEquals(List.of(0, 1, 2), judged);
  }
}
