package dev.streamload.metrics;

import static dev.streamload.metrics.Results.MS;
import static dev.streamload.metrics.Results.RUN_START;

import dev.streamload.stream.FailureClass;
import dev.streamload.stream.StreamResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * One deterministic three-step run recorded twice: once by a single registry that sees every
 * stream, and once split over several registries (stream {@code i} to injector {@code i % n}), as
 * several injectors sharing the load would record it. Merge tests compare the two.
 */
public final class SplitRuns {

  /** Seconds per step. */
  public static final int STEP_SECONDS = 10;

  /** Run end, nanoTime. */
  public static final long RUN_END = RUN_START + 3L * STEP_SECONDS * 1_000 * MS;

  /** The clock anchor every registry of the run uses. */
  public static final ClockAnchor ANCHOR = new ClockAnchor(1_700_000_000_000L, RUN_START);

  /**
   * The two recordings.
   *
   * @param whole what one registry recorded
   * @param parts what each injector's registry recorded
   * @param plan the whole run's steps (offered rates of the whole load)
   * @param streams every stream, in start order
   */
  public record Split(
      RunState whole, List<RunState> parts, List<StepPlan> plan, List<StreamResult> streams) {}

  private SplitRuns() {}

  /** The run's steps: 3, 6 and 9 arrivals per second, each {@link #STEP_SECONDS} long. */
  public static List<StepPlan> plan(int injectors) {
    List<StepPlan> plan = new ArrayList<>();
    for (int step = 0; step < 3; step++) {
      double rate = 3.0 * (step + 1) / injectors;
      plan.add(
          StepPlan.open(
              step,
              "level " + (step + 1),
              rate,
              Duration.ofSeconds((long) step * STEP_SECONDS),
              Duration.ofSeconds(STEP_SECONDS)));
    }
    return plan;
  }

  /** The run, split over {@code injectors} registries. */
  public static Split split(int injectors) {
    MetricsRegistry whole = registry();
    List<MetricsRegistry> parts = new ArrayList<>();
    for (int i = 0; i < injectors; i++) {
      parts.add(registry());
    }
    List<StreamResult> streams = streams();
    for (int i = 0; i < streams.size(); i++) {
      StreamResult r = streams.get(i);
      MetricsRegistry part = parts.get(i % injectors);
      whole.streamStarted(r.step());
      whole.record(r);
      part.streamStarted(r.step());
      part.record(r);
    }
    List<RunState> states = new ArrayList<>();
    for (MetricsRegistry p : parts) {
      states.add(p.state(RUN_START, RUN_END));
    }
    return new Split(whole.state(RUN_START, RUN_END), states, plan(1), streams);
  }

  private static MetricsRegistry registry() {
    return new MetricsRegistry(RUN_START, ANCHOR, Duration.ofSeconds(1), 3600);
  }

  private static List<StreamResult> streams() {
    Random random = new Random(11);
    String[] reasons = {"stop", "stop", "stop", "length"};
    List<StreamResult> out = new ArrayList<>();
    for (int step = 0; step < 3; step++) {
      int arrivals = 3 * (step + 1) * STEP_SECONDS;
      for (int i = 0; i < arrivals; i++) {
        long sendMs = step * STEP_SECONDS * 1_000L + i * 1_000L / (3L * (step + 1));
        int roll = random.nextInt(100);
        if (roll < 7) {
          out.add(Results.failed(step, sendMs, sendMs + 40, FailureClass.HTTP_429));
        } else if (roll < 10) {
          out.add(Results.failed(step, sendMs, sendMs + 3_000, FailureClass.STALLED));
        } else {
          long ttft = 90 + step * 70 + random.nextInt(60 + 30 * step);
          long[] gaps = new long[10 + random.nextInt(40)];
          for (int g = 0; g < gaps.length; g++) {
            gaps[g] = 10 + step * 5 + random.nextInt(25);
          }
          StreamResult r =
              Results.ok(
                  step, sendMs, ttft, gaps, roll < 20 ? -1 : gaps.length + random.nextInt(9));
          out.add(withFinishReason(r, reasons[random.nextInt(reasons.length)]));
        }
      }
    }
    return out;
  }

  private static StreamResult withFinishReason(StreamResult r, String reason) {
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
}
