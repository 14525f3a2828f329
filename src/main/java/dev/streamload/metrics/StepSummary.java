package dev.streamload.metrics;

import dev.streamload.stream.FailureClass;
import dev.streamload.stream.TokenSource;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The numbers of one load step (or of the whole run, for the totals). Latency distributions are in
 * nanoseconds and cover successful streams only; failures are counted by class.
 *
 * @param index step index, -1 for the totals
 * @param name step name, {@code "total"} for the totals
 * @param offeredRatePerSecond planned arrivals per second, {@code NaN} when not an open model
 * @param concurrency planned users, 0 for an open model
 * @param startOffset planned start from the run start
 * @param duration planned duration (the run duration for the totals)
 * @param started streams started
 * @param completed streams that succeeded
 * @param failed streams that failed, all classes
 * @param failures failed streams by class, every class present (0 when none)
 * @param ttft time to first token, ns
 * @param itl gaps between consecutive text events, pooled over streams, ns
 * @param tpot time per output token, one value per stream, ns
 * @param e2e send to end marker, ns
 * @param timeToHeaders send to headers, ns
 * @param scheduleLag schedule to send, ns
 * @param ttftFromSchedule schedule to first token, ns
 * @param outputTokens output tokens per stream
 * @param fragments text fragments per stream
 * @param outputRate per-stream output rate ({@link
 *     dev.streamload.stream.StreamResult#outputTokensPerSecond()}) in thousandths of a token per
 *     second, one value per stream
 * @param outputRateLow the low end of {@code outputRate}: its slowest streams
 * @param outputTokensTotal output tokens of successful streams
 * @param tokenSources successful streams by token source, every source present
 * @param usageTokensTotal output tokens of successful streams whose count came from usage
 * @param usageFragmentsTotal fragments of those same streams
 * @param windowSeconds seconds from the first send to the last finish among the step's streams; 0
 *     without streams
 * @param finishReasons finished streams (successful or not) by the finish reason the server sent,
 *     in name order; streams without one are not counted
 */
public record StepSummary(
    int index,
    String name,
    double offeredRatePerSecond,
    int concurrency,
    Duration startOffset,
    Duration duration,
    long started,
    long completed,
    long failed,
    Map<FailureClass, Long> failures,
    Distribution ttft,
    Distribution itl,
    Distribution tpot,
    Distribution e2e,
    Distribution timeToHeaders,
    Distribution scheduleLag,
    Distribution ttftFromSchedule,
    Distribution outputTokens,
    Distribution fragments,
    Distribution outputRate,
    LowPercentiles outputRateLow,
    long outputTokensTotal,
    Map<TokenSource, Long> tokenSources,
    long usageTokensTotal,
    long usageFragmentsTotal,
    double windowSeconds,
    Map<String, Long> finishReasons) {

  /** Copies the maps. */
  public StepSummary {
    failures = Map.copyOf(failures);
    tokenSources = Map.copyOf(tokenSources);
    finishReasons = Collections.unmodifiableMap(new TreeMap<>(finishReasons));
  }

  /** Started streams per second of planned duration; NaN without a duration. */
  public double achievedRatePerSecond() {
    double s = duration.toNanos() / 1e9;
    return s > 0 ? started / s : Double.NaN;
  }

  /** Successful streams per second over the step's window; NaN without a window. */
  public double streamsPerSecond() {
    return windowSeconds > 0 ? completed / windowSeconds : Double.NaN;
  }

  /** Output tokens of successful streams per second over the window (aggregate); NaN without. */
  public double outputTokensPerSecond() {
    return windowSeconds > 0 ? outputTokensTotal / windowSeconds : Double.NaN;
  }

  /** Successful / finished streams; failures count in the denominator. NaN when none finished. */
  public double goodFraction() {
    long finished = completed + failed;
    return finished > 0 ? (double) completed / finished : Double.NaN;
  }

  /** Streams started but not yet recorded as completed or failed (0 after a clean run). */
  public long inFlight() {
    return started - completed - failed;
  }

  /** Mean tokens per text fragment over streams with a usage count; NaN when none. */
  public double meanTokensPerFragment() {
    return usageFragmentsTotal > 0 ? (double) usageTokensTotal / usageFragmentsTotal : Double.NaN;
  }

  /** Failed streams of one class. */
  public long failures(FailureClass c) {
    return failures.getOrDefault(c, 0L);
  }
}
