package dev.streamload.metrics;

import org.HdrHistogram.AbstractHistogram;

/**
 * A frozen copy of one distribution: its HdrHistogram (3 significant digits) plus the exact sum,
 * min and max of the values, so that two copies add up to exactly what one recorder would have held
 * had it seen both sets of values. Immutable: the histogram is never handed out unless copied.
 */
public final class HistogramState {

  private final AbstractHistogram histogram;
  private final long sum;
  private final long min;
  private final long max;

  /**
   * A state; {@code histogram} is taken over (not copied) and must not be changed afterwards.
   *
   * @param histogram the values' histogram
   * @param sum exact sum of the values
   * @param min exact smallest value ({@link Long#MAX_VALUE} when empty)
   * @param max exact largest value ({@link Long#MIN_VALUE} when empty)
   */
  public HistogramState(AbstractHistogram histogram, long sum, long min, long max) {
    if (histogram == null) {
      throw new IllegalArgumentException("histogram must not be null");
    }
    histogram.setAutoResize(true);
    this.histogram = histogram;
    this.sum = sum;
    this.min = min;
    this.max = max;
  }

  /** Number of values. */
  public long count() {
    return histogram.getTotalCount();
  }

  /** Exact sum of the values. */
  public long sum() {
    return sum;
  }

  /** Exact smallest value; {@link Long#MAX_VALUE} when empty. */
  public long min() {
    return min;
  }

  /** Exact largest value; {@link Long#MIN_VALUE} when empty. */
  public long max() {
    return max;
  }

  /** A copy of the histogram (the caller may change it). */
  public AbstractHistogram histogram() {
    return histogram.copy();
  }

  /** Both sets of values in one state: histograms added, sums added, min and max of both. */
  public HistogramState plus(HistogramState other) {
    AbstractHistogram merged = histogram.copy();
    merged.setAutoResize(true);
    merged.add(other.histogram);
    return new HistogramState(
        merged, sum + other.sum, Math.min(min, other.min), Math.max(max, other.max));
  }

  /** Count, exact min, max and mean, and the percentiles of the histogram. */
  public Distribution summary() {
    long count = count();
    if (count == 0) {
      return Distribution.EMPTY;
    }
    return Distribution.of(histogram, min, max, (double) sum / count);
  }

  /** The 1st, 5th and 10th percentiles (clamped to min and max). */
  public LowPercentiles lowPercentiles() {
    if (count() == 0) {
      return LowPercentiles.EMPTY;
    }
    return new LowPercentiles(
        clamp(histogram.getValueAtPercentile(1)),
        clamp(histogram.getValueAtPercentile(5)),
        clamp(histogram.getValueAtPercentile(10)));
  }

  private long clamp(long v) {
    return Math.max(min, Math.min(max, v));
  }
}
