package dev.streamload.metrics;

import org.HdrHistogram.AbstractHistogram;

/**
 * Summary of one distribution in its recorded unit (nanoseconds for times, a plain count for tokens
 * and fragments). Percentiles come from HdrHistogram with 3 significant digits: each is the upper
 * edge of a bucket at most 0.1% wide. Every field but {@code count} is -1 when count is 0.
 *
 * @param count number of values
 * @param min smallest value
 * @param mean arithmetic mean
 * @param p50 median
 * @param p90 90th percentile
 * @param p95 95th percentile
 * @param p99 99th percentile
 * @param max largest value
 * @param quantiles the value at each of {@link #QUANTILES}, for the dashboard's distribution charts
 *     (not written to summary.json); empty when count is 0
 */
public record Distribution(
    long count,
    long min,
    double mean,
    long p50,
    long p90,
    long p95,
    long p99,
    long max,
    long[] quantiles) {

  /** Percentiles of {@link #quantiles()}: dense in the tail, where latency problems show. */
  public static final double[] QUANTILES = {
    0, 1, 5, 10, 20, 30, 40, 50, 60, 70, 80, 90, 95, 97.5, 99, 99.5, 99.9, 100
  };

  /** A distribution without values. */
  public static final Distribution EMPTY =
      new Distribution(0, -1, -1, -1, -1, -1, -1, -1, new long[0]);

  /** A distribution without the quantile spectrum. */
  public Distribution(
      long count, long min, double mean, long p50, long p90, long p95, long p99, long max) {
    this(count, min, mean, p50, p90, p95, p99, max, new long[0]);
  }

  /** Copies the quantiles. */
  public Distribution {
    quantiles = quantiles == null ? new long[0] : quantiles.clone();
  }

  /** Summarises a histogram (not modified), with min, max and mean as the histogram has them. */
  public static Distribution of(AbstractHistogram h) {
    return of(h, h.getMinValue(), h.getMaxValue(), h.getMean());
  }

  /** Summarises a histogram (not modified) with exactly tracked min, max and mean. */
  public static Distribution of(AbstractHistogram h, long min, long max, double mean) {
    long count = h.getTotalCount();
    if (count == 0) {
      return EMPTY;
    }
    long[] quantiles = new long[QUANTILES.length];
    for (int i = 0; i < QUANTILES.length; i++) {
      double q = QUANTILES[i];
      quantiles[i] = q <= 0 ? min : q >= 100 ? max : clamp(h.getValueAtPercentile(q), min, max);
    }
    return new Distribution(
        count,
        min,
        mean,
        clamp(h.getValueAtPercentile(50), min, max),
        clamp(h.getValueAtPercentile(90), min, max),
        clamp(h.getValueAtPercentile(95), min, max),
        clamp(h.getValueAtPercentile(99), min, max),
        max,
        quantiles);
  }

  private static long clamp(long v, long min, long max) {
    return Math.max(min, Math.min(max, v));
  }

  /** True when there are no values. */
  public boolean isEmpty() {
    return count == 0;
  }
}
