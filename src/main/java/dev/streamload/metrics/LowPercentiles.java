package dev.streamload.metrics;

/**
 * The low end of a distribution, in its recorded unit, for metrics whose bad tail is small values
 * (a per-stream output rate: the slowest streams are its 1st, 5th and 10th percentiles). Every
 * field is -1 when the distribution is empty.
 *
 * @param p1 1st percentile
 * @param p5 5th percentile
 * @param p10 10th percentile
 */
public record LowPercentiles(long p1, long p5, long p10) {

  /** No values. */
  public static final LowPercentiles EMPTY = new LowPercentiles(-1, -1, -1);
}
