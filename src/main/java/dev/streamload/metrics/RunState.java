package dev.streamload.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Everything a {@link MetricsRegistry} recorded in one run, frozen and mergeable: the totals, each
 * step that saw streams, and the over-time series, with the run's wall-clock start and end. The
 * states of several injectors {@link #merge merged} give the summary one client would have written
 * had it run the whole load.
 *
 * @param startEpochNanos run start, ns since the epoch
 * @param endEpochNanos run end, ns since the epoch
 * @param total the whole run as one scope
 * @param steps each step that saw streams, by step index
 * @param overTime the percentiles-over-time series
 */
public record RunState(
    long startEpochNanos,
    long endEpochNanos,
    ScopeState total,
    SortedMap<Integer, ScopeState> steps,
    OverTime overTime) {

  /** Copies the step map. */
  public RunState {
    steps = Collections.unmodifiableSortedMap(new TreeMap<>(steps));
  }

  /**
   * Several runs as one: the earliest start, the latest end, every scope added up (see {@link
   * ScopeState#plus}) and the over-time series laid over each other (see {@link OverTime#merge}).
   */
  public static RunState merge(List<RunState> runs) {
    if (runs.isEmpty()) {
      throw new IllegalArgumentException("nothing to merge");
    }
    long start = Long.MAX_VALUE;
    long end = Long.MIN_VALUE;
    ScopeState total = ScopeState.empty();
    TreeMap<Integer, ScopeState> steps = new TreeMap<>();
    List<OverTime> series = new ArrayList<>();
    for (RunState r : runs) {
      start = Math.min(start, r.startEpochNanos);
      end = Math.max(end, r.endEpochNanos);
      total = total.plus(r.total);
      r.steps.forEach((i, s) -> steps.merge(i, s, ScopeState::plus));
      series.add(r.overTime);
    }
    return new RunState(start, end, total, steps, OverTime.merge(series));
  }

  /**
   * The summary the reports print. Steps are the union of the plan and the steps that saw streams,
   * in index order; a step without a plan gets a generated name and its observed window as
   * duration.
   */
  public RunSummary summary(List<StepPlan> plan) {
    Map<Integer, StepPlan> byIndex = new TreeMap<>();
    for (StepPlan p : plan) {
      byIndex.put(p.index(), p);
    }
    TreeSet<Integer> indexes = new TreeSet<>(byIndex.keySet());
    indexes.addAll(steps.keySet());
    List<StepSummary> out = new ArrayList<>();
    for (int i : indexes) {
      ScopeState s = steps.getOrDefault(i, ScopeState.empty());
      StepPlan p = byIndex.get(i);
      if (p == null) {
        Duration window = Duration.ofNanos(Math.max(1, s.windowNanos()));
        long offset =
            s.firstSendEpochNanos() == Long.MAX_VALUE
                ? 0
                : s.firstSendEpochNanos() - startEpochNanos;
        p =
            new StepPlan(
                i, "step " + i, Double.NaN, 0, Duration.ofNanos(Math.max(0, offset)), window);
      }
      out.add(
          s.summary(
              p.index(),
              p.name(),
              p.offeredRatePerSecond(),
              p.concurrency(),
              p.startOffset(),
              p.duration()));
    }
    Duration runDuration = Duration.ofNanos(Math.max(0, endEpochNanos - startEpochNanos));
    StepSummary totals =
        total.summary(
            -1,
            "total",
            offeredOverall(byIndex.values()),
            byIndex.values().stream().mapToInt(StepPlan::concurrency).max().orElse(0),
            Duration.ZERO,
            runDuration);
    OverTime series = overTime;
    return new RunSummary(
        RunMeta.unnamed(),
        instant(startEpochNanos),
        instant(endEpochNanos),
        runDuration.toNanos() / 1e9,
        totals,
        out,
        series.widthNanos() / 1e9,
        series.buckets());
  }

  private static Instant instant(long epochNanos) {
    return Instant.ofEpochSecond(
        Math.floorDiv(epochNanos, 1_000_000_000L), Math.floorMod(epochNanos, 1_000_000_000L));
  }

  /** Planned arrivals / planned time over all steps; NaN unless every step is open-model. */
  private static double offeredOverall(Iterable<StepPlan> plans) {
    double arrivals = 0;
    double seconds = 0;
    for (StepPlan p : plans) {
      if (Double.isNaN(p.offeredRatePerSecond())) {
        return Double.NaN;
      }
      double s = p.duration().toNanos() / 1e9;
      arrivals += p.offeredRatePerSecond() * s;
      seconds += s;
    }
    return seconds > 0 ? arrivals / seconds : Double.NaN;
  }
}
