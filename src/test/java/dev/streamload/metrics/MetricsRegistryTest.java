package dev.streamload.metrics;

import static dev.streamload.metrics.Results.MS;
import static dev.streamload.metrics.Results.RUN_START;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamload.stream.FailureClass;
import dev.streamload.stream.StreamResult;
import dev.streamload.stream.TokenSource;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class MetricsRegistryTest {

  /** HdrHistogram with 3 significant digits: values within 0.1%. */
  private static final double PRECISION = 0.001;

  private static MetricsRegistry registry() {
    return new MetricsRegistry(
        RUN_START, new ClockAnchor(1_700_000_000_000L, RUN_START), Duration.ofSeconds(1), 3600);
  }

  private static void assertClose(double expected, double actual) {
    assertEquals(expected, actual, expected * PRECISION + 1, () -> "expected ~" + expected);
  }

  @Test
  void reportsTtftPercentilesOfOneToHundredMillisWithinHistogramPrecision() {
    MetricsRegistry m = registry();
    for (int i = 1; i <= 100; i++) {
      m.streamStarted(0);
      m.record(Results.ok(0, i * 10L, i, new long[] {5}, -1));
    }
    Distribution ttft = m.snapshot(List.of(), RUN_START, RUN_START + 2_000 * MS).totals().ttft();

    assertEquals(100, ttft.count());
    assertClose(1 * MS, ttft.min());
    assertClose(50 * MS, ttft.p50());
    assertClose(90 * MS, ttft.p90());
    assertClose(95 * MS, ttft.p95());
    assertClose(99 * MS, ttft.p99());
    assertClose(100 * MS, ttft.max());
    assertClose(50.5 * MS, ttft.mean());
  }

  @Test
  void poolsGapsOfAllStreamsIntoItl() {
    MetricsRegistry m = registry();
    m.record(Results.ok(0, 0, 10, new long[] {1, 2, 3}, -1));
    m.record(Results.ok(0, 5, 10, new long[] {4, 0}, -1));
    Distribution itl = m.snapshot(List.of(), RUN_START, RUN_START + 100 * MS).totals().itl();

    assertEquals(5, itl.count());
    assertEquals(0, itl.min());
    assertClose(4 * MS, itl.max());
    assertClose(2 * MS, itl.mean());
  }

  @Test
  void leavesFailedStreamsOutOfTtftGapsAndTheOverTimePercentilesEvenWhenTheyHadText() {
    MetricsRegistry m = registry();
    m.record(Results.ok(0, 0, 100, new long[] {20, 20}, -1));
    // Cut after three fragments: a much faster first word and much longer gaps than the good one.
    StreamResult cut = Results.cutAfterText(0, 20, 5, new long[] {100, 100});
    assertTrue(cut.ttftNanos() > 0 && cut.gapsNanos().length == 2, "the cut stream had text");
    m.record(cut);
    RunSummary s = m.snapshot(List.of(), RUN_START, RUN_START + 900 * MS);

    for (StepSummary scope : List.of(s.totals(), s.steps().get(0))) {
      assertEquals(1, scope.failures(FailureClass.INTERRUPTED), scope.name());
      assertEquals(1, scope.completed(), scope.name());
      assertEquals(1, scope.ttft().count(), scope.name() + ": TTFT of the good stream only");
      assertClose(100 * MS, scope.ttft().min());
      assertEquals(2, scope.itl().count(), scope.name() + ": gaps of the good stream only");
      assertClose(20 * MS, scope.itl().max());
      assertEquals(1, scope.e2e().count());
      assertEquals(1, scope.tpot().count());
    }
    TimeBucket bucket = s.overTime().get(0);
    assertEquals(1, bucket.completed());
    assertEquals(1, bucket.failed(), "both finished in the first second");
    assertClose(100 * MS, bucket.ttftP50Nanos());
    assertClose(20 * MS, bucket.itlP95Nanos());
  }

  @Test
  void keepsPerStepAccountingConsistent() {
    MetricsRegistry m = registry();
    for (int i = 0; i < 30; i++) {
      m.streamStarted(0);
    }
    for (int i = 0; i < 50; i++) {
      m.streamStarted(1);
    }
    for (int i = 0; i < 25; i++) {
      m.record(Results.ok(0, i, 10, new long[] {1}, -1));
    }
    m.record(Results.failed(0, 1, 2, FailureClass.HTTP_429));
    m.record(Results.failed(0, 1, 2, FailureClass.HTTP_429));
    m.record(Results.failed(0, 1, 2, FailureClass.STALLED));
    m.record(Results.failed(0, 1, 2, FailureClass.CONNECT_FAILURE));
    m.record(Results.failed(0, 1, 2, FailureClass.LOGIN_FAILED));
    for (int i = 0; i < 40; i++) {
      m.record(Results.ok(1, 1_000 + i, 10, new long[] {1}, -1));
    }
    for (FailureClass c : FailureClass.values()) {
      if (c.ordinal() < 10) {
        m.record(Results.failed(1, 1_000, 1_500, c));
      }
    }
    RunSummary s = m.snapshot(List.of(), RUN_START, RUN_START + 3_000 * MS);

    for (StepSummary step : s.steps()) {
      long sumFailures = step.failures().values().stream().mapToLong(Long::longValue).sum();
      assertEquals(step.started(), step.completed() + sumFailures, step.name());
      assertEquals(0, step.inFlight());
    }
    assertEquals(
        List.of(5L, 10L),
        s.steps().stream().map(StepSummary::failed).toList(),
        "failed streams per step, as recorded above");
    StepSummary t = s.totals();
    assertEquals(80, t.started());
    assertEquals(65, t.completed());
    assertEquals(15, t.failed());
    assertEquals(3, t.failures(FailureClass.HTTP_429));
    assertEquals(2, t.failures(FailureClass.STALLED));
    assertEquals(FailureClass.values().length, t.failures().size());
    assertEquals(65.0 / 80, t.goodFraction(), 1e-12);
    assertEquals(t.started(), s.steps().stream().mapToLong(StepSummary::started).sum());
  }

  @Test
  void comparesAchievedWithOfferedRatePerStep() {
    MetricsRegistry m = registry();
    for (int i = 0; i < 95; i++) {
      m.streamStarted(0);
      m.record(Results.ok(0, i * 100L, 10, new long[] {1}, -1));
    }
    List<StepPlan> plan =
        List.of(
            StepPlan.open(0, "rate 10/s", 10, Duration.ZERO, Duration.ofSeconds(10)),
            StepPlan.open(1, "rate 20/s", 20, Duration.ofSeconds(10), Duration.ofSeconds(10)));
    RunSummary s = m.snapshot(plan, RUN_START, RUN_START + 20_000 * MS);

    assertEquals(2, s.steps().size());
    StepSummary first = s.steps().get(0);
    assertEquals("rate 10/s", first.name());
    assertEquals(10.0, first.offeredRatePerSecond());
    assertEquals(9.5, first.achievedRatePerSecond(), 1e-9);
    StepSummary empty = s.steps().get(1);
    assertEquals(0, empty.started());
    assertEquals(0.0, empty.achievedRatePerSecond());
    assertTrue(Double.isNaN(empty.goodFraction()));
    assertEquals(15.0, s.totals().offeredRatePerSecond(), 1e-9);
    assertEquals(20.0, s.durationSeconds(), 1e-9);
  }

  @Test
  void includesStepsThatSawStreamsButWereNotPlanned() {
    MetricsRegistry m = registry();
    m.streamStarted(7);
    m.record(Results.ok(7, 500, 10, new long[] {1}, -1));
    RunSummary s = m.snapshot(List.of(), RUN_START, RUN_START + 1_000 * MS);

    assertEquals(1, s.steps().size());
    assertEquals("step 7", s.steps().get(0).name());
    assertTrue(Double.isNaN(s.steps().get(0).offeredRatePerSecond()));
    assertEquals(Duration.ofMillis(500), s.steps().get(0).startOffset());
  }

  @Test
  void countsTokenSourcesAndTokensPerFragment() {
    MetricsRegistry m = registry();
    m.record(Results.ok(0, 0, 10, new long[] {1, 1, 1}, 10));
    m.record(Results.ok(0, 1, 10, new long[] {1}, -1));
    StepSummary t = m.snapshot(List.of(), RUN_START, RUN_START + 1_000 * MS).totals();

    assertEquals(1, t.tokenSources().get(TokenSource.USAGE));
    assertEquals(1, t.tokenSources().get(TokenSource.FRAGMENTS));
    assertEquals(12, t.outputTokensTotal());
    assertEquals(2.5, t.meanTokensPerFragment(), 1e-12);
    assertEquals(2, t.outputTokens().min());
    assertEquals(10, t.outputTokens().max());
    assertEquals(2, t.fragments().count());
  }

  @Test
  void computesThroughputOverTheWindowFromFirstSendToLastFinish() {
    MetricsRegistry m = registry();
    // sent at 0 ms, first text 100 ms, 9 gaps of 100 ms, end at 1001 ms; second ends 2001 ms.
    long[] gaps = {100, 100, 100, 100, 100, 100, 100, 100, 100};
    m.record(Results.ok(0, 0, 100, gaps, 50));
    m.record(Results.ok(0, 1_000, 100, gaps, 50));
    StepSummary t = m.snapshot(List.of(), RUN_START, RUN_START + 3_000 * MS).totals();

    assertEquals(2.001, t.windowSeconds(), 1e-9);
    assertEquals(100 / 2.001, t.outputTokensPerSecond(), 1e-9);
    assertEquals(2 / 2.001, t.streamsPerSecond(), 1e-9);
    assertClose(900.0 / 49 * MS, t.tpot().p50());
  }

  @Test
  void countsStreamsInTheSecondTheyFinish() {
    MetricsRegistry m = registry();
    m.record(Results.ok(0, 0, 100, new long[] {10}, -1)); // ends 111 ms
    m.record(Results.ok(0, 100, 300, new long[] {10}, -1)); // ends 411 ms
    m.record(Results.ok(0, 900, 500, new long[] {50}, -1)); // ends 1451 ms
    m.record(Results.failed(0, 2_000, 2_500, FailureClass.HTTP_5XX));
    RunSummary s = m.snapshot(List.of(), RUN_START, RUN_START + 3_000 * MS);

    List<TimeBucket> b = s.overTime();
    assertEquals(3, b.size());
    assertEquals(1.0, s.bucketSeconds());
    assertEquals(2, b.get(0).completed());
    assertClose(300 * MS, b.get(0).ttftP95Nanos());
    assertClose(100 * MS, b.get(0).ttftP50Nanos());
    assertEquals(1, b.get(1).completed());
    assertClose(50 * MS, b.get(1).itlP95Nanos());
    assertEquals(0, b.get(2).completed());
    assertEquals(1, b.get(2).failed());
    assertEquals(-1, b.get(2).ttftP50Nanos());
    assertEquals(2.0, b.get(2).startSeconds());
  }

  @Test
  void widensBucketsInsteadOfGrowingBeyondTheLimit() {
    MetricsRegistry m =
        new MetricsRegistry(RUN_START, new ClockAnchor(0, RUN_START), Duration.ofSeconds(1), 4);
    for (int sec = 0; sec < 10; sec++) {
      m.record(Results.ok(0, sec * 1_000L, 10 * (sec + 1), new long[] {1}, -1));
    }
    RunSummary s = m.snapshot(List.of(), RUN_START, RUN_START + 10_000 * MS);

    assertEquals(4.0, s.bucketSeconds());
    assertEquals(3, s.overTime().size());
    assertEquals(10, s.overTime().stream().mapToLong(TimeBucket::completed).sum());
    assertEquals(List.of(4L, 4L, 2L), s.overTime().stream().map(TimeBucket::completed).toList());
    assertClose(40 * MS, s.overTime().get(0).ttftP95Nanos());
    assertClose(100 * MS, s.overTime().get(2).ttftP95Nanos());
  }

  @Test
  void placesALateStreamInItsOwnBucketWhileItIsStillOpen() {
    MetricsRegistry m = registry();
    m.record(Results.ok(0, 2_000, 10, new long[] {1}, -1)); // bucket 2
    m.record(Results.ok(0, 0, 70, new long[] {1}, -1)); // bucket 0, recorded late
    RunSummary s = m.snapshot(List.of(), RUN_START, RUN_START + 3_000 * MS);

    assertClose(70 * MS, s.overTime().get(0).ttftP50Nanos());
    assertClose(10 * MS, s.overTime().get(2).ttftP50Nanos());
  }

  @Test
  void countsExactlyUnderConcurrentRecording() throws InterruptedException {
    MetricsRegistry m = registry();
    int threads = 4;
    int perThread = 5_000;
    CountDownLatch go = new CountDownLatch(1);
    Thread[] ts = new Thread[threads];
    for (int t = 0; t < threads; t++) {
      int step = t % 2;
      ts[t] =
          new Thread(
              () -> {
                try {
                  go.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  return;
                }
                for (int i = 0; i < perThread; i++) {
                  m.streamStarted(step);
                  if (i % 10 == 0) {
                    m.record(Results.failed(step, i, i + 5, FailureClass.HTTP_5XX));
                  } else {
                    m.record(Results.ok(step, i, 20, new long[] {1, 2}, 5));
                  }
                }
              });
      ts[t].start();
    }
    go.countDown();
    for (Thread t : ts) {
      t.join();
    }
    RunSummary s = m.snapshot(List.of(), RUN_START, RUN_START + 10_000 * MS);

    assertEquals(threads * perThread, s.totals().started());
    assertEquals(threads * perThread / 10, s.totals().failures(FailureClass.HTTP_5XX));
    assertEquals(threads * perThread * 9 / 10, s.totals().completed());
    assertEquals(threads * perThread * 9 / 10 * 2, s.totals().itl().count());
    assertEquals(
        s.totals().completed() + s.totals().failed(),
        s.overTime().stream().mapToLong(b -> b.completed() + b.failed()).sum());
  }

  @Test
  void printsWallClockTimesFromTheAnchor() {
    MetricsRegistry m = registry();
    RunSummary s = m.snapshot(List.of(), RUN_START, RUN_START + 1_500 * MS);
    assertEquals("2023-11-14T22:13:20Z", s.start().toString());
    assertEquals("2023-11-14T22:13:21.500Z", s.end().toString());
  }
}
