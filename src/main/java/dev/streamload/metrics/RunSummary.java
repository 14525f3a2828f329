package dev.streamload.metrics;

import java.time.Instant;
import java.util.List;

/**
 * Everything {@code summary.json} and {@code dashboard.html} show about one run.
 *
 * @param meta simulation, profile and safe target facts
 * @param start wall-clock run start
 * @param end wall-clock run end
 * @param durationSeconds run duration from the monotonic clock
 * @param totals the whole run as one step
 * @param steps each step in index order
 * @param bucketSeconds width of the over-time buckets in seconds
 * @param overTime percentiles over time, in bucket order
 */
public record RunSummary(
    RunMeta meta,
    Instant start,
    Instant end,
    double durationSeconds,
    StepSummary totals,
    List<StepSummary> steps,
    double bucketSeconds,
    List<TimeBucket> overTime) {

  /** Copies the lists. */
  public RunSummary {
    meta = meta == null ? RunMeta.unnamed() : meta;
    steps = List.copyOf(steps);
    overTime = List.copyOf(overTime);
  }

  /** This summary with another description. */
  public RunSummary withMeta(RunMeta newMeta) {
    return new RunSummary(
        newMeta, start, end, durationSeconds, totals, steps, bucketSeconds, overTime);
  }
}
