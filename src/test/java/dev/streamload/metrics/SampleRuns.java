package dev.streamload.metrics;

import static dev.streamload.metrics.Results.MS;
import static dev.streamload.metrics.Results.RUN_START;

import dev.streamload.stream.FailureClass;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** A deterministic three-step run whose latency and failures grow with the load. */
public final class SampleRuns {

  public static final int STEPS = 3;
  public static final int STEP_SECONDS = 20;

  private SampleRuns() {}

  public static RunSummary rampWithFailures() {
    MetricsRegistry m =
        new MetricsRegistry(
            RUN_START, new ClockAnchor(1_700_000_000_000L, RUN_START), Duration.ofSeconds(1), 3600);
    Random random = new Random(7);
    List<StepPlan> plan =
        List.of(
            StepPlan.open(0, "5/s", 5, Duration.ZERO, Duration.ofSeconds(STEP_SECONDS)),
            StepPlan.open(
                1, "10/s", 10, Duration.ofSeconds(STEP_SECONDS), Duration.ofSeconds(STEP_SECONDS)),
            StepPlan.open(
                2,
                "20/s",
                20,
                Duration.ofSeconds(2L * STEP_SECONDS),
                Duration.ofSeconds(STEP_SECONDS)));
    for (int step = 0; step < STEPS; step++) {
      int rate = 5 << step;
      int arrivals = rate * STEP_SECONDS - step * 7;
      for (int i = 0; i < arrivals; i++) {
        long sendMs = step * STEP_SECONDS * 1_000L + i * 1_000L / rate;
        m.streamStarted(step);
        int roll = random.nextInt(100);
        if (step == 2 && roll < 6) {
          m.record(Results.failed(step, sendMs, sendMs + 30, FailureClass.HTTP_429));
        } else if (step >= 1 && roll < 8) {
          m.record(Results.failed(step, sendMs, sendMs + 5_000, FailureClass.STALLED));
        } else if (roll == 99) {
          m.record(Results.failed(step, sendMs, sendMs + 10, FailureClass.CONNECT_FAILURE));
        } else {
          long ttft = 80 + step * step * 60 + random.nextInt(40 + 40 * step);
          long[] gaps = new long[20 + random.nextInt(30)];
          for (int g = 0; g < gaps.length; g++) {
            gaps[g] = 15 + step * 8 + random.nextInt(10 + 10 * step);
          }
          m.record(Results.ok(step, sendMs, ttft, gaps, gaps.length + 1 + random.nextInt(20)));
        }
      }
    }
    Map<String, String> target = new LinkedHashMap<>();
    target.put("base_url", "http://127.0.0.1:8080/v1/chat/completions");
    target.put("model", "mock-llm");
    target.put("dialect", "openai");
    return m.snapshot(plan, RUN_START, RUN_START + STEPS * STEP_SECONDS * 1_000L * MS)
        .withMeta(new RunMeta("ChatCapacitySimulation", "capacity", target));
  }
}
