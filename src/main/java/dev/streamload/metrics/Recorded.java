package dev.streamload.metrics;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;

/**
 * A thread-safe distribution: an HdrHistogram {@link ConcurrentHistogram} (3 significant digits,
 * auto-resizing) for percentiles, plus exact sum, min and max so that those print exactly.
 */
final class Recorded {

  private final ConcurrentHistogram histogram;
  private final LongAdder sum = new LongAdder();
  private final AtomicLong min = new AtomicLong(Long.MAX_VALUE);
  private final AtomicLong max = new AtomicLong(Long.MIN_VALUE);

  private Recorded(long lowestDiscernible, long initialHighest) {
    histogram = new ConcurrentHistogram(lowestDiscernible, initialHighest, 3);
    histogram.setAutoResize(true);
  }

  /** For nanosecond times: 1 µs resolution floor (512 ns buckets), grows past 10 s as needed. */
  static Recorded nanos() {
    return new Recorded(1_000, 10_000_000_000L);
  }

  /** For counts (tokens, fragments). */
  static Recorded counts() {
    return new Recorded(1, 100_000);
  }

  /** Records one value; negative values mean "undefined" and are skipped. */
  void record(long value) {
    if (value < 0) {
      return;
    }
    histogram.recordValue(value);
    sum.add(value);
    updateMin(value);
    updateMax(value);
  }

  /** Records many values, touching the shared min, max and sum once. */
  void recordAll(long[] values) {
    if (values.length == 0) {
      return;
    }
    long lo = Long.MAX_VALUE;
    long hi = Long.MIN_VALUE;
    long total = 0;
    for (long v : values) {
      if (v < 0) {
        continue;
      }
      histogram.recordValue(v);
      total += v;
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    if (hi >= 0) {
      sum.add(total);
      updateMin(lo);
      updateMax(hi);
    }
  }

  private void updateMin(long v) {
    if (v < min.get()) {
      min.accumulateAndGet(v, Math::min);
    }
  }

  private void updateMax(long v) {
    if (v > max.get()) {
      max.accumulateAndGet(v, Math::max);
    }
  }

  /** A frozen copy of everything recorded so far (histogram, exact sum, min and max). */
  HistogramState state() {
    return new HistogramState(histogram.copy(), sum.sum(), min.get(), max.get());
  }

  /** The 1st, 5th and 10th percentiles of everything recorded so far (clamped to min and max). */
  LowPercentiles lowPercentiles() {
    return state().lowPercentiles();
  }

  /** A summary of everything recorded so far. */
  Distribution summary() {
    return state().summary();
  }
}
