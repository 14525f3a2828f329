package dev.streamload.metrics;

import dev.streamload.stream.FailureClass;
import dev.streamload.stream.StreamResult;
import dev.streamload.stream.TokenSource;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Collects finished streams for the whole run and for each load step; thread-safe, called from many
 * event-loop threads at once.
 *
 * <p>Times are recorded in nanoseconds into HdrHistogram {@code ConcurrentHistogram}s with 3
 * significant digits (lowest discernible value 1 µs), so millisecond output keeps 0.001 ms
 * resolution below one second and 0.1% above. Recording is lock-free except for one short lock per
 * finished stream for the over-time series; nothing here runs per event.
 *
 * <p>Latency distributions cover successful streams only (as vLLM and AIPerf do); failed streams
 * are counted by {@link FailureClass} and lower the good fraction. Finish reasons are counted over
 * every stream that sent one, at most {@link #MAX_FINISH_REASONS} distinct values per scope (the
 * server chooses them; further values are counted together as {@link #OTHER_FINISH_REASON}).
 */
public final class MetricsRegistry {

  /** Default width of one over-time bucket. */
  public static final Duration DEFAULT_BUCKET = Duration.ofSeconds(1);

  /** Default maximum number of over-time buckets before they widen. */
  public static final int DEFAULT_MAX_BUCKETS = 3600;

  /** Most distinct finish reasons counted per scope. */
  public static final int MAX_FINISH_REASONS = 32;

  /** The key that counts finish reasons beyond {@link #MAX_FINISH_REASONS}. */
  public static final String OTHER_FINISH_REASON = "(other)";

  private final ClockAnchor anchor;
  private final Group total = new Group();
  private final ConcurrentHashMap<Integer, Group> steps = new ConcurrentHashMap<>();
  private final OverTimeSeries overTime;

  /** A registry whose over-time series starts now. */
  public MetricsRegistry() {
    this(System.nanoTime());
  }

  /**
   * A registry whose over-time series starts at {@code originNanos} (usually the run start), with 1
   * s buckets and at most 3600 of them.
   */
  public MetricsRegistry(long originNanos) {
    this(originNanos, ClockAnchor.now(), DEFAULT_BUCKET, DEFAULT_MAX_BUCKETS);
  }

  /**
   * A registry with an explicit clock anchor and over-time bucketing.
   *
   * @param originNanos start of the over-time series ({@link System#nanoTime()})
   * @param anchor ties nanoTime to wall-clock time for the printed start and end
   * @param bucketWidth width of one over-time bucket
   * @param maxBuckets most buckets kept; beyond, buckets merge pairwise and the width doubles
   */
  public MetricsRegistry(
      long originNanos, ClockAnchor anchor, Duration bucketWidth, int maxBuckets) {
    this(RunOrigin.at(originNanos), anchor, bucketWidth, maxBuckets);
  }

  /**
   * A registry whose over-time buckets count from {@code origin} (the run start, which may be fixed
   * after construction but before the first {@link #record}).
   *
   * @param origin start of the over-time series
   * @param anchor ties nanoTime to wall-clock time for the printed start and end
   * @param bucketWidth width of one over-time bucket
   * @param maxBuckets most buckets kept; beyond, buckets merge pairwise and the width doubles
   */
  public MetricsRegistry(
      RunOrigin origin, ClockAnchor anchor, Duration bucketWidth, int maxBuckets) {
    if (origin == null || anchor == null || bucketWidth == null) {
      throw new IllegalArgumentException("origin, anchor and bucketWidth must not be null");
    }
    this.anchor = anchor;
    this.overTime = new OverTimeSeries(origin, bucketWidth.toNanos(), maxBuckets);
  }

  /** The anchor used to print wall-clock times. */
  public ClockAnchor clockAnchor() {
    return anchor;
  }

  /** Counts a stream started in {@code step}; call once per stream, before its result. */
  public void streamStarted(int step) {
    total.started.increment();
    group(step).started.increment();
  }

  /** Records a finished stream (success or failure) in the totals, its step and the series. */
  public void record(StreamResult result) {
    total.record(result);
    group(result.step()).record(result);
    // The series counts a failed stream (by class) and leaves its timing out, like the
    // distributions.
    overTime.add(
        result.finishNanos(),
        result.failure().orElse(null),
        result.ok(),
        result.ttftNanos(),
        result.gapsNanos());
  }

  private Group group(int step) {
    Group g = steps.get(step);
    return g != null ? g : steps.computeIfAbsent(step, k -> new Group());
  }

  /**
   * Streams of {@code step} started but not yet recorded, completed or failed (cheap: counters
   * only).
   */
  public long inFlight(int step) {
    Group g = steps.get(step);
    return g == null ? 0 : g.inFlight();
  }

  /** Streams of the whole run started but not yet recorded (counters only). */
  public long inFlightTotal() {
    return total.inFlight();
  }

  /** The figures of one planned step so far. */
  public StepSummary stepSummary(StepPlan p) {
    Group g = steps.get(p.index());
    return (g == null ? ScopeState.empty() : g.state(anchor))
        .summary(
            p.index(),
            p.name(),
            p.offeredRatePerSecond(),
            p.concurrency(),
            p.startOffset(),
            p.duration());
  }

  /**
   * Summarises the run so far. Steps are the union of the plan and the steps that saw streams, in
   * index order; a step without a plan gets a generated name and its observed window as duration.
   *
   * @param plan the planned steps (may be empty)
   * @param runStartNanos run start ({@link System#nanoTime()})
   * @param runEndNanos run end ({@link System#nanoTime()})
   */
  public RunSummary snapshot(List<StepPlan> plan, long runStartNanos, long runEndNanos) {
    return state(runStartNanos, runEndNanos).summary(plan);
  }

  /**
   * A frozen, mergeable copy of everything recorded so far, on the wall clock (see {@link
   * RunState}).
   *
   * @param runStartNanos run start ({@link System#nanoTime()})
   * @param runEndNanos run end ({@link System#nanoTime()})
   */
  public RunState state(long runStartNanos, long runEndNanos) {
    TreeMap<Integer, ScopeState> byStep = new TreeMap<>();
    steps.forEach((i, g) -> byStep.put(i, g.state(anchor)));
    return new RunState(
        anchor.toEpochNanos(runStartNanos),
        anchor.toEpochNanos(runEndNanos),
        total.state(anchor),
        byStep,
        new OverTime(
            anchor.toEpochNanos(overTime.originNanos()),
            overTime.widthNanos(),
            overTime.buckets()));
  }

  /** Counters and histograms of one scope (the run or one step). */
  private static final class Group {
    final LongAdder started = new LongAdder();
    final LongAdder completed = new LongAdder();
    final LongAdder[] failures = adders(FailureClass.values().length);
    final LongAdder[] tokenSources = adders(TokenSource.values().length);
    final LongAdder outputTokens = new LongAdder();
    final LongAdder usageTokens = new LongAdder();
    final LongAdder usageFragments = new LongAdder();
    final AtomicLong firstSend = new AtomicLong(Long.MAX_VALUE);
    final AtomicLong lastFinish = new AtomicLong(Long.MIN_VALUE);

    final Recorded ttft = Recorded.nanos();
    final Recorded itl = Recorded.nanos();
    final Recorded tpot = Recorded.nanos();
    final Recorded e2e = Recorded.nanos();
    final Recorded headers = Recorded.nanos();
    final Recorded lag = Recorded.nanos();
    final Recorded ttftFromSchedule = Recorded.nanos();
    final Recorded tokens = Recorded.counts();
    final Recorded fragments = Recorded.counts();
    final Recorded outputRate = Recorded.counts();
    final ConcurrentHashMap<String, LongAdder> finishReasons = new ConcurrentHashMap<>();

    long inFlight() {
      long finished = completed.sum();
      for (LongAdder f : failures) {
        finished += f.sum();
      }
      return started.sum() - finished;
    }

    private static LongAdder[] adders(int n) {
      LongAdder[] a = new LongAdder[n];
      for (int i = 0; i < n; i++) {
        a[i] = new LongAdder();
      }
      return a;
    }

    void record(StreamResult r) {
      long start = r.sendNanos() != StreamResult.ABSENT ? r.sendNanos() : r.finishNanos();
      if (start < firstSend.get()) {
        firstSend.accumulateAndGet(start, Math::min);
      }
      if (r.finishNanos() > lastFinish.get()) {
        lastFinish.accumulateAndGet(r.finishNanos(), Math::max);
      }
      if (r.finishReason() != null) {
        countFinishReason(r.finishReason());
      }
      if (!r.ok()) {
        failures[r.failure().get().ordinal()].increment();
        return;
      }
      completed.increment();
      ttft.record(r.ttftNanos());
      itl.recordAll(r.gapsNanos());
      tpot.record(r.tpotNanos());
      e2e.record(r.e2eNanos());
      headers.record(r.timeToHeadersNanos());
      lag.record(r.scheduleLagNanos());
      ttftFromSchedule.record(r.ttftFromScheduleNanos());
      tokens.record(r.outputTokens());
      fragments.record(r.fragments());
      double rate = r.outputTokensPerSecond();
      if (rate >= 0) {
        outputRate.record(Math.round(rate * 1000));
      }
      outputTokens.add(r.outputTokens());
      tokenSources[r.tokenSource().ordinal()].increment();
      if (r.tokenSource() == TokenSource.USAGE) {
        usageTokens.add(r.outputTokens());
        usageFragments.add(r.fragments());
      }
    }

    private void countFinishReason(String reason) {
      LongAdder n = finishReasons.get(reason);
      if (n == null) {
        synchronized (finishReasons) { // new values only: a few per run
          n = finishReasons.get(reason);
          if (n == null) {
            String key = finishReasons.size() >= MAX_FINISH_REASONS ? OTHER_FINISH_REASON : reason;
            n = finishReasons.computeIfAbsent(key, k -> new LongAdder());
          }
        }
      }
      n.increment();
    }

    ScopeState state(ClockAnchor anchor) {
      Map<FailureClass, Long> byClass = new EnumMap<>(FailureClass.class);
      for (FailureClass c : FailureClass.values()) {
        byClass.put(c, failures[c.ordinal()].sum());
      }
      Map<TokenSource, Long> sources = new EnumMap<>(TokenSource.class);
      for (TokenSource s : TokenSource.values()) {
        sources.put(s, tokenSources[s.ordinal()].sum());
      }
      Map<String, Long> reasons = new TreeMap<>();
      finishReasons.forEach((reason, n) -> reasons.put(reason, n.sum()));
      Map<Metric, HistogramState> histograms = new EnumMap<>(Metric.class);
      histograms.put(Metric.TTFT, ttft.state());
      histograms.put(Metric.ITL, itl.state());
      histograms.put(Metric.TPOT, tpot.state());
      histograms.put(Metric.E2E, e2e.state());
      histograms.put(Metric.TIME_TO_HEADERS, headers.state());
      histograms.put(Metric.SCHEDULE_LAG, lag.state());
      histograms.put(Metric.TTFT_FROM_SCHEDULE, ttftFromSchedule.state());
      histograms.put(Metric.OUTPUT_TOKENS, tokens.state());
      histograms.put(Metric.FRAGMENTS, fragments.state());
      histograms.put(Metric.OUTPUT_RATE, outputRate.state());
      long first = firstSend.get();
      long last = lastFinish.get();
      return new ScopeState(
          started.sum(),
          completed.sum(),
          byClass,
          sources,
          outputTokens.sum(),
          usageTokens.sum(),
          usageFragments.sum(),
          first == Long.MAX_VALUE ? Long.MAX_VALUE : anchor.toEpochNanos(first),
          last == Long.MIN_VALUE ? Long.MIN_VALUE : anchor.toEpochNanos(last),
          histograms,
          reasons);
    }
  }
}
