package dev.streamload.verdict;

import dev.streamload.metrics.StepSummary;
import java.time.Duration;

/**
 * One service-level objective as the verdict checks it on a load step: a limit on one figure of the
 * step's summary. The same objectives also become Gatling assertions on the whole run ({@code
 * load.Slos}); the verdict applies them to each step, on the figures of {@code summary.json}
 * (HdrHistogram, microsecond resolution) rather than Gatling's whole milliseconds.
 *
 * @param property the property that set it, e.g. {@code slo.ttftP95}
 * @param figure what is limited
 * @param limit the limit: nanoseconds for times, percent for {@link Figure#FAILED_PERCENT}
 */
public record Slo(String property, Figure figure, double limit) {

  /** The figures an objective can limit. */
  public enum Figure {
    TTFT_P95("ttft p95"),
    ITL_P99("gap p99"),
    TPOT_P95("tpot p95"),
    E2E_P95("e2e p95"),
    FAILED_PERCENT("failed %");

    private final String label;

    Figure(String label) {
      this.label = label;
    }

    /** Short label for tables. */
    public String label() {
      return label;
    }
  }

  /** A limit on a time figure. */
  public static Slo time(String property, Figure figure, Duration max) {
    return new Slo(property, figure, max.toNanos());
  }

  /**
   * The figure's value in {@code step}: nanoseconds for times, percent of finished streams for
   * failures; NaN when the step has no value (no successful stream, or nothing finished).
   */
  public double actual(StepSummary step) {
    switch (figure) {
      case TTFT_P95:
        return step.ttft().isEmpty() ? Double.NaN : step.ttft().p95();
      case ITL_P99:
        return step.itl().isEmpty() ? Double.NaN : step.itl().p99();
      case TPOT_P95:
        return step.tpot().isEmpty() ? Double.NaN : step.tpot().p95();
      case E2E_P95:
        return step.e2e().isEmpty() ? Double.NaN : step.e2e().p95();
      case FAILED_PERCENT:
        long finished = step.completed() + step.failed();
        return finished > 0 ? 100.0 * step.failed() / finished : Double.NaN;
      default:
        throw new IllegalStateException("unknown figure " + figure);
    }
  }

  /**
   * Whether {@code step} meets this objective. A step without a value misses a time objective (no
   * successful stream to time) and meets the failure objective only when nothing was finished.
   */
  public boolean met(StepSummary step) {
    double actual = actual(step);
    if (Double.isNaN(actual)) {
      return figure == Figure.FAILED_PERCENT && step.started() == 0;
    }
    return actual <= limit;
  }

  /** True for the time figures (limit and actual in nanoseconds). */
  public boolean isTime() {
    return figure != Figure.FAILED_PERCENT;
  }
}
