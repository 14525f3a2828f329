package dev.streamload.load;

import static io.gatling.javaapi.core.CoreDsl.details;

import dev.streamload.config.SloConfig;
import dev.streamload.gatling.StreamRows;
import dev.streamload.verdict.Slo;
import io.gatling.javaapi.core.Assertion;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the SLO properties into Gatling assertions on the project's own report rows, so that a run
 * that misses one exits with status 2 and fails the Maven build. Absent properties add none.
 */
public final class Slos {

  private Slos() {}

  /** The assertions for {@code slo}; empty when no SLO property is set. */
  public static List<Assertion> assertions(SloConfig slo) {
    List<Assertion> out = new ArrayList<>();
    slo.ttftP95().ifPresent(d -> out.add(percentile(StreamRows.TTFT, 95, d)));
    slo.itlP99().ifPresent(d -> out.add(percentile(StreamRows.GAP, 99, d)));
    slo.tpotP95().ifPresent(d -> out.add(percentile(StreamRows.TPOT, 95, d)));
    slo.e2eP95().ifPresent(d -> out.add(percentile(StreamRows.STREAM, 95, d)));
    slo.maxFailedPercent()
        .ifPresent(p -> out.add(details(StreamRows.STREAM).failedRequests().percent().lte(p)));
    return out;
  }

  /**
   * The same objectives as {@link #assertions}, for the per-step verdict ({@code
   * dev.streamload.verdict}); in the same order.
   */
  public static List<Slo> objectives(SloConfig slo) {
    List<Slo> out = new ArrayList<>();
    slo.ttftP95().ifPresent(d -> out.add(Slo.time("slo.ttftP95", Slo.Figure.TTFT_P95, d)));
    slo.itlP99().ifPresent(d -> out.add(Slo.time("slo.itlP99", Slo.Figure.ITL_P99, d)));
    slo.tpotP95().ifPresent(d -> out.add(Slo.time("slo.tpotP95", Slo.Figure.TPOT_P95, d)));
    slo.e2eP95().ifPresent(d -> out.add(Slo.time("slo.e2eP95", Slo.Figure.E2E_P95, d)));
    slo.maxFailedPercent()
        .ifPresent(p -> out.add(new Slo("slo.maxFailedPercent", Slo.Figure.FAILED_PERCENT, p)));
    return out;
  }

  private static Assertion percentile(String row, double percentile, Duration max) {
    // Gatling compares whole milliseconds.
    return details(row).responseTime().percentile(percentile).lte((int) max.toMillis());
  }
}
