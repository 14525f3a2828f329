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
 */
public record Distribution(
    long count, long min, double mean, long p50, long p90, long p95, long p99, long max) {

  /** A distribution without values. */
  public static final Distribution EMPTY = new Distribution(0, -1, -1, -1, -1, -1, -1, -1);

  /** Summarises a histogram (not modified). */
  public static Distribution of(AbstractHistogram h) {
    long count = h.getTotalCount();
    if (count == 0) {
      return EMPTY;
    }
    return new Distribution(
        count,
        h.getMinValue(),
        h.getMean(),
        h.getValueAtPercentile(50),
        h.getValueAtPercentile(90),
        h.getValueAtPercentile(95),
        h.getValueAtPercentile(99),
        h.getMaxValue());
  }

  /** True when there are no values. */
  public boolean isEmpty() {
    return count == 0;
  }
}
