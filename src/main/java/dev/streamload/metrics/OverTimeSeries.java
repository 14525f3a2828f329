package dev.streamload.metrics;

import dev.streamload.stream.FailureClass;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Per-bucket counts and percentiles over time, bounded in memory; thread-safe (one lock, taken once
 * per finished stream, never per event).
 *
 * <p>A stream lands in the bucket of its finish time. Counts are exact. Percentiles come from a
 * histogram per open bucket; the newest {@value #OPEN_SLOTS} buckets stay open so that streams
 * recorded slightly out of order still land in their own bucket, and a bucket is summarised when it
 * is pushed out. A stream older than every open bucket is added to the oldest open one.
 *
 * <p>When a run outlasts {@code maxBuckets} buckets, the width doubles and neighbouring buckets
 * merge: counts add up exactly; the merged median is the count-weighted mean of the two medians and
 * the merged p95 the larger of the two (an upper bound).
 */
final class OverTimeSeries {

  static final int OPEN_SLOTS = 4;
  private static final long LOWEST_NANOS = 1_000;
  private static final long INITIAL_HIGHEST_NANOS = 10_000_000_000L;

  private final RunOrigin origin;
  private final int maxBuckets;
  private long widthNanos;
  private int size;

  private long[] completed = new long[0];
  private long[] failed = new long[0];
  private long[][] failedByClass = new long[0][];
  private long[] ttftCount = new long[0];
  private long[] ttftP50 = new long[0];
  private long[] ttftP95 = new long[0];
  private long[] itlCount = new long[0];
  private long[] itlP95 = new long[0];

  private final int[] openIndex = new int[OPEN_SLOTS];
  private final Histogram[] openTtft = new Histogram[OPEN_SLOTS];
  private final Histogram[] openItl = new Histogram[OPEN_SLOTS];

  OverTimeSeries(RunOrigin origin, long widthNanos, int maxBuckets) {
    if (widthNanos <= 0 || maxBuckets < 2) {
      throw new IllegalArgumentException(
          "bucket width must be positive and maxBuckets >= 2, got "
              + widthNanos
              + " ns and "
              + maxBuckets);
    }
    this.origin = origin;
    this.widthNanos = widthNanos;
    this.maxBuckets = maxBuckets;
    Arrays.fill(openIndex, -1);
    for (int i = 0; i < OPEN_SLOTS; i++) {
      openTtft[i] = histogram();
      openItl[i] = histogram();
    }
  }

  private static Histogram histogram() {
    Histogram h = new Histogram(LOWEST_NANOS, INITIAL_HIGHEST_NANOS, 3);
    h.setAutoResize(true);
    return h;
  }

  /**
   * Adds one finished stream: a failed one only counts (by its class, null when unknown), a
   * successful one also adds its TTFT ({@code ttftNanos} -1 when undefined) and gaps to the
   * bucket's percentiles.
   */
  synchronized void add(
      long finishNanos, FailureClass failure, boolean ok, long ttftNanos, long[] gapsNanos) {
    long offset = Math.max(0, finishNanos - origin.nanos());
    while (offset / widthNanos >= maxBuckets) {
      widen();
    }
    int bucket = (int) (offset / widthNanos);
    ensureSize(bucket + 1);
    if (!ok) {
      failed[bucket]++;
      if (failure != null) {
        failedByClass[bucket][failure.ordinal()]++;
      }
      return;
    }
    completed[bucket]++;
    int slot = slotFor(bucket);
    if (ttftNanos >= 0) {
      openTtft[slot].recordValue(ttftNanos);
    }
    Histogram itl = openItl[slot];
    for (long gap : gapsNanos) {
      itl.recordValue(gap);
    }
  }

  /** Start of bucket 0 ({@link System#nanoTime()}): the run's origin. */
  long originNanos() {
    return origin.nanos();
  }

  /** Width of one bucket in nanoseconds (doubles when the run outlasts the bucket limit). */
  synchronized long widthNanos() {
    return widthNanos;
  }

  /** Every bucket from the origin to the newest, summarising open buckets without closing them. */
  synchronized List<TimeBucket> buckets() {
    List<TimeBucket> out = new ArrayList<>(size);
    for (int b = 0; b < size; b++) {
      long tc = ttftCount[b];
      long t50 = ttftP50[b];
      long t95 = ttftP95[b];
      long ic = itlCount[b];
      long i95 = itlP95[b];
      for (int s = 0; s < OPEN_SLOTS; s++) {
        if (openIndex[s] != b) {
          continue;
        }
        Histogram t = openTtft[s];
        Histogram i = openItl[s];
        if (t.getTotalCount() > 0) {
          long n = t.getTotalCount();
          t50 = weighted(t50, tc, t.getValueAtPercentile(50), n);
          t95 = Math.max(t95, t.getValueAtPercentile(95));
          tc += n;
        }
        if (i.getTotalCount() > 0) {
          i95 = Math.max(i95, i.getValueAtPercentile(95));
          ic += i.getTotalCount();
        }
      }
      out.add(
          new TimeBucket(
              b * (widthNanos / 1e9),
              completed[b],
              failed[b],
              classes(failedByClass[b]),
              tc > 0 ? t50 : -1,
              tc > 0 ? t95 : -1,
              ic > 0 ? i95 : -1));
    }
    return out;
  }

  private static Map<FailureClass, Long> classes(long[] counts) {
    Map<FailureClass, Long> out = new EnumMap<>(FailureClass.class);
    for (FailureClass c : FailureClass.values()) {
      if (counts[c.ordinal()] > 0) {
        out.put(c, counts[c.ordinal()]);
      }
    }
    return out;
  }

  private int slotFor(int bucket) {
    int free = -1;
    int oldest = -1;
    for (int s = 0; s < OPEN_SLOTS; s++) {
      if (openIndex[s] == bucket) {
        return s;
      }
      if (openIndex[s] < 0) {
        free = s;
      } else if (oldest < 0 || openIndex[s] < openIndex[oldest]) {
        oldest = s;
      }
    }
    if (free >= 0) {
      openIndex[free] = bucket;
      return free;
    }
    if (openIndex[oldest] < bucket) {
      close(oldest);
      openIndex[oldest] = bucket;
    }
    return oldest;
  }

  private void close(int slot) {
    int b = openIndex[slot];
    Histogram t = openTtft[slot];
    Histogram i = openItl[slot];
    if (t.getTotalCount() > 0) {
      long n = t.getTotalCount();
      ttftP50[b] = weighted(ttftP50[b], ttftCount[b], t.getValueAtPercentile(50), n);
      ttftP95[b] = Math.max(ttftP95[b], t.getValueAtPercentile(95));
      ttftCount[b] += n;
    }
    if (i.getTotalCount() > 0) {
      itlP95[b] = Math.max(itlP95[b], i.getValueAtPercentile(95));
      itlCount[b] += i.getTotalCount();
    }
    t.reset();
    i.reset();
    openIndex[slot] = -1;
  }

  private void widen() {
    for (int s = 0; s < OPEN_SLOTS; s++) {
      if (openIndex[s] >= 0) {
        close(s);
      }
    }
    int newSize = (size + 1) / 2;
    for (int b = 0; b < size; b++) {
      int to = b / 2;
      if (b % 2 == 0) {
        completed[to] = completed[b];
        failed[to] = failed[b];
        failedByClass[to] = failedByClass[b].clone();
        ttftCount[to] = ttftCount[b];
        ttftP50[to] = ttftP50[b];
        ttftP95[to] = ttftP95[b];
        itlCount[to] = itlCount[b];
        itlP95[to] = itlP95[b];
      } else {
        completed[to] += completed[b];
        failed[to] += failed[b];
        for (int c = 0; c < failedByClass[b].length; c++) {
          failedByClass[to][c] += failedByClass[b][c];
        }
        ttftP50[to] = weighted(ttftP50[to], ttftCount[to], ttftP50[b], ttftCount[b]);
        ttftCount[to] += ttftCount[b];
        ttftP95[to] = Math.max(ttftP95[to], ttftP95[b]);
        itlCount[to] += itlCount[b];
        itlP95[to] = Math.max(itlP95[to], itlP95[b]);
      }
    }
    for (int b = newSize; b < size; b++) {
      clear(b);
    }
    size = newSize;
    widthNanos *= 2;
  }

  private static long weighted(long a, long countA, long b, long countB) {
    if (countA <= 0) {
      return b;
    }
    if (countB <= 0) {
      return a;
    }
    return Math.round(((double) a * countA + (double) b * countB) / (countA + countB));
  }

  private void ensureSize(int needed) {
    if (needed <= size) {
      return;
    }
    if (needed > completed.length) {
      int cap = Math.min(maxBuckets, Math.max(needed, Math.max(16, completed.length * 2)));
      int old = completed.length;
      completed = Arrays.copyOf(completed, cap);
      failed = Arrays.copyOf(failed, cap);
      failedByClass = Arrays.copyOf(failedByClass, cap);
      ttftCount = Arrays.copyOf(ttftCount, cap);
      ttftP50 = Arrays.copyOf(ttftP50, cap);
      ttftP95 = Arrays.copyOf(ttftP95, cap);
      itlCount = Arrays.copyOf(itlCount, cap);
      itlP95 = Arrays.copyOf(itlP95, cap);
      for (int b = old; b < cap; b++) {
        clear(b);
      }
    }
    size = needed;
  }

  private void clear(int b) {
    completed[b] = 0;
    failed[b] = 0;
    failedByClass[b] = new long[FailureClass.values().length];
    ttftCount[b] = 0;
    ttftP50[b] = -1;
    ttftP95[b] = -1;
    itlCount[b] = 0;
    itlP95[b] = -1;
  }
}
