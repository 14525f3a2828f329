package dev.streamload.config;

import java.time.Duration;
import java.util.Optional;

/**
 * Service-level objectives that become Gatling assertions: a run that misses one fails the build.
 * An absent property adds no assertion.
 *
 * @param ttftP95 max 95th percentile of time to first fragment
 * @param itlP99 max 99th percentile of the gap between text fragments
 * @param tpotP95 max 95th percentile of time per output token
 * @param e2eP95 max 95th percentile of whole-stream time (send to end marker)
 * @param maxFailedPercent max share of failed streams (and chain requests), in percent
 * @param stopOnMiss stop the load after the first load step that misses an objective
 */
public record SloConfig(
    Optional<Duration> ttftP95,
    Optional<Duration> itlP99,
    Optional<Duration> tpotP95,
    Optional<Duration> e2eP95,
    Optional<Double> maxFailedPercent,
    boolean stopOnMiss) {

  public static SloConfig read(Settings s) {
    Duration min = Duration.ofMillis(1);
    Duration max = Duration.ofHours(1);
    SloConfig slo =
        new SloConfig(
            s.optionalDuration("slo.ttftP95", min, max),
            s.optionalDuration("slo.itlP99", min, max),
            s.optionalDuration("slo.tpotP95", min, max),
            s.optionalDuration("slo.e2eP95", min, max),
            s.optionalDecimal("slo.maxFailedPercent", 0, 100),
            s.bool("slo.stopOnMiss", false));
    if (slo.stopOnMiss() && slo.isEmpty()) {
      s.problem(
          "slo.stopOnMiss",
          "true",
          "at least one objective (slo.ttftP95, slo.itlP99, slo.tpotP95, slo.e2eP95 or"
              + " slo.maxFailedPercent) to judge the steps by");
    }
    return slo;
  }

  public boolean isEmpty() {
    return ttftP95.isEmpty()
        && itlP99.isEmpty()
        && tpotP95.isEmpty()
        && e2eP95.isEmpty()
        && maxFailedPercent.isEmpty();
  }
}
