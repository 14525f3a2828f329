package dev.streamload.metrics;

import dev.streamload.stream.FailureClass;
import dev.streamload.stream.TokenSource;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * Everything recorded for one scope (the run, or one load step), frozen and mergeable: the counters
 * and the distributions of {@link MetricsRegistry}'s scope. Two states {@link #plus added} give
 * exactly the state one registry would have had with both sets of streams (counts and sums add up,
 * histograms add bucket by bucket, windows span both). {@link #summary} turns it into the {@link
 * StepSummary} the reports print.
 *
 * @param started streams started
 * @param completed streams that succeeded
 * @param failures failed streams by class, every class present
 * @param tokenSources successful streams by token source, every source present
 * @param outputTokens output tokens of successful streams
 * @param usageTokens output tokens of successful streams whose count came from usage
 * @param usageFragments fragments of those same streams
 * @param firstSendEpochNanos wall-clock send time of the scope's first stream, ns since the epoch;
 *     {@link Long#MAX_VALUE} without streams
 * @param lastFinishEpochNanos wall-clock finish time of its last stream, ns since the epoch; {@link
 *     Long#MIN_VALUE} without streams
 * @param histograms every {@link Metric}'s distribution
 * @param finishReasons finished streams by the finish reason the server sent
 */
public record ScopeState(
    long started,
    long completed,
    Map<FailureClass, Long> failures,
    Map<TokenSource, Long> tokenSources,
    long outputTokens,
    long usageTokens,
    long usageFragments,
    long firstSendEpochNanos,
    long lastFinishEpochNanos,
    Map<Metric, HistogramState> histograms,
    Map<String, Long> finishReasons) {

  /** Copies the maps and fills in every class, source and metric. */
  public ScopeState {
    EnumMap<FailureClass, Long> f = new EnumMap<>(FailureClass.class);
    for (FailureClass c : FailureClass.values()) {
      f.put(c, failures.getOrDefault(c, 0L));
    }
    failures = Collections.unmodifiableMap(f);
    EnumMap<TokenSource, Long> t = new EnumMap<>(TokenSource.class);
    for (TokenSource s : TokenSource.values()) {
      t.put(s, tokenSources.getOrDefault(s, 0L));
    }
    tokenSources = Collections.unmodifiableMap(t);
    EnumMap<Metric, HistogramState> h = new EnumMap<>(Metric.class);
    for (Metric m : Metric.values()) {
      HistogramState state = histograms.get(m);
      h.put(m, state != null ? state : empty(m));
    }
    histograms = Collections.unmodifiableMap(h);
    finishReasons = Collections.unmodifiableMap(new TreeMap<>(finishReasons));
  }

  /** A scope without any stream. */
  public static ScopeState empty() {
    return new ScopeState(
        0, 0, Map.of(), Map.of(), 0, 0, 0, Long.MAX_VALUE, Long.MIN_VALUE, Map.of(), Map.of());
  }

  /** An empty histogram with the resolution the registry uses for {@code metric}. */
  static HistogramState empty(Metric metric) {
    Histogram h =
        metric.isTime() ? new Histogram(1_000, 10_000_000_000L, 3) : new Histogram(1, 100_000, 3);
    return new HistogramState(h, 0, Long.MAX_VALUE, Long.MIN_VALUE);
  }

  /** Streams that failed, all classes. */
  public long failed() {
    long n = 0;
    for (long v : failures.values()) {
      n += v;
    }
    return n;
  }

  /** Nanoseconds from the first send to the last finish; 0 without streams. */
  public long windowNanos() {
    return firstSendEpochNanos == Long.MAX_VALUE || lastFinishEpochNanos < firstSendEpochNanos
        ? 0
        : lastFinishEpochNanos - firstSendEpochNanos;
  }

  /** Seconds from the first send to the last finish; 0 without streams. */
  public double windowSeconds() {
    return windowNanos() / 1e9;
  }

  /** Both scopes as one: counts and sums added, histograms merged, the window spanning both. */
  public ScopeState plus(ScopeState o) {
    EnumMap<FailureClass, Long> f = new EnumMap<>(FailureClass.class);
    failures.forEach((c, n) -> f.put(c, n + o.failures.get(c)));
    EnumMap<TokenSource, Long> t = new EnumMap<>(TokenSource.class);
    tokenSources.forEach((s, n) -> t.put(s, n + o.tokenSources.get(s)));
    EnumMap<Metric, HistogramState> h = new EnumMap<>(Metric.class);
    histograms.forEach((m, state) -> h.put(m, state.plus(o.histograms.get(m))));
    Map<String, Long> reasons = new TreeMap<>(finishReasons);
    o.finishReasons.forEach((r, n) -> reasons.merge(r, n, Long::sum));
    return new ScopeState(
        started + o.started,
        completed + o.completed,
        f,
        t,
        outputTokens + o.outputTokens,
        usageTokens + o.usageTokens,
        usageFragments + o.usageFragments,
        Math.min(firstSendEpochNanos, o.firstSendEpochNanos),
        Math.max(lastFinishEpochNanos, o.lastFinishEpochNanos),
        h,
        reasons);
  }

  /** The scope as the reports show it, with its plan. */
  public StepSummary summary(
      int index,
      String name,
      double offered,
      int concurrency,
      Duration startOffset,
      Duration duration) {
    HistogramState rate = histograms.get(Metric.OUTPUT_RATE);
    return new StepSummary(
        index,
        name,
        offered,
        concurrency,
        startOffset,
        duration,
        started,
        completed,
        failed(),
        failures,
        histograms.get(Metric.TTFT).summary(),
        histograms.get(Metric.ITL).summary(),
        histograms.get(Metric.TPOT).summary(),
        histograms.get(Metric.E2E).summary(),
        histograms.get(Metric.TIME_TO_HEADERS).summary(),
        histograms.get(Metric.SCHEDULE_LAG).summary(),
        histograms.get(Metric.TTFT_FROM_SCHEDULE).summary(),
        histograms.get(Metric.OUTPUT_TOKENS).summary(),
        histograms.get(Metric.FRAGMENTS).summary(),
        rate.summary(),
        rate.lowPercentiles(),
        outputTokens,
        tokenSources,
        usageTokens,
        usageFragments,
        windowSeconds(),
        finishReasons);
  }
}
