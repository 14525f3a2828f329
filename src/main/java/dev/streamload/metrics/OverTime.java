package dev.streamload.metrics;

import dev.streamload.stream.FailureClass;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The percentiles-over-time series of one run, placed on the wall clock so that the series of
 * several injectors can be laid over each other.
 *
 * @param originEpochNanos wall-clock start of bucket 0, ns since the epoch
 * @param widthNanos width of one bucket, ns
 * @param buckets the buckets in order, bucket {@code i} starting {@code i × width} after the origin
 */
public record OverTime(long originEpochNanos, long widthNanos, List<TimeBucket> buckets) {

  /** Copies the list. */
  public OverTime {
    if (widthNanos <= 0) {
      throw new IllegalArgumentException("widthNanos must be positive, got " + widthNanos);
    }
    buckets = List.copyOf(buckets);
  }

  /**
   * Several series as one, on the earliest origin and the widest bucket: each bucket goes to the
   * merged bucket that holds its middle. Counts (failures by class included) add up exactly; a
   * merged median is the mean of the medians weighted by completed streams and a merged p95 the
   * largest p95 (an upper bound), the rule {@link OverTimeSeries} uses when it widens its buckets.
   * Exact distributions are in the totals and steps, not here.
   */
  public static OverTime merge(List<OverTime> parts) {
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("nothing to merge");
    }
    long origin = Long.MAX_VALUE;
    long width = 0;
    for (OverTime p : parts) {
      origin = Math.min(origin, p.originEpochNanos);
      width = Math.max(width, p.widthNanos);
    }
    TreeMap<Integer, long[]> merged = new TreeMap<>();
    TreeMap<Integer, Map<FailureClass, Long>> failures = new TreeMap<>();
    for (OverTime p : parts) {
      for (int i = 0; i < p.buckets.size(); i++) {
        TimeBucket b = p.buckets.get(i);
        long middle = p.originEpochNanos - origin + i * p.widthNanos + p.widthNanos / 2;
        int to = (int) (middle / width);
        long[] acc = merged.computeIfAbsent(to, k -> emptyAcc());
        add(acc, b);
        Map<FailureClass, Long> byClass =
            failures.computeIfAbsent(to, k -> new EnumMap<>(FailureClass.class));
        b.failures().forEach((c, n) -> byClass.merge(c, n, Long::sum));
      }
    }
    List<TimeBucket> out = new ArrayList<>();
    int size = merged.isEmpty() ? 0 : merged.lastKey() + 1;
    for (int i = 0; i < size; i++) {
      long[] a = merged.getOrDefault(i, emptyAcc());
      out.add(
          new TimeBucket(
              i * (width / 1e9),
              a[0],
              a[1],
              failures.getOrDefault(i, Map.of()),
              a[2] > 0 ? Math.round((double) a[3] / a[2]) : -1,
              a[4],
              a[5]));
    }
    return new OverTime(origin, width, out);
  }

  /** completed, failed, ttft weight, weighted ttft p50 sum, ttft p95, itl p95. */
  private static long[] emptyAcc() {
    return new long[] {0, 0, 0, 0, -1, -1};
  }

  private static void add(long[] acc, TimeBucket b) {
    acc[0] += b.completed();
    acc[1] += b.failed();
    if (b.ttftP50Nanos() >= 0 && b.completed() > 0) {
      acc[2] += b.completed();
      acc[3] += b.ttftP50Nanos() * b.completed();
    }
    acc[4] = Math.max(acc[4], b.ttftP95Nanos());
    acc[5] = Math.max(acc[5], b.itlP95Nanos());
  }
}
