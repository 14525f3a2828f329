package dev.streamload.metrics;

import dev.streamload.stream.FailureClass;
import java.util.Map;

/**
 * One bucket of the percentiles-over-time series; streams land in the bucket of their finish time.
 * Percentiles are in nanoseconds over successful streams, -1 when the bucket had none.
 *
 * @param startSeconds bucket start, seconds from the run start
 * @param completed successful streams that finished in the bucket
 * @param failed failed streams that finished in the bucket
 * @param failures those failed streams by class (classes with none left out)
 * @param ttftP50Nanos median time to first token
 * @param ttftP95Nanos 95th percentile time to first token
 * @param itlP95Nanos 95th percentile gap between text events
 */
public record TimeBucket(
    double startSeconds,
    long completed,
    long failed,
    Map<FailureClass, Long> failures,
    long ttftP50Nanos,
    long ttftP95Nanos,
    long itlP95Nanos) {

  /** Copies the map. */
  public TimeBucket {
    failures = Map.copyOf(failures);
  }
}
