package dev.streamload.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamload.stream.FailureClass;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class RunStateMergeTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode json(RunSummary s) throws Exception {
    return JSON.readTree(SummaryJson.toJson(s));
  }

  @Test
  void threeSharesMergedSummariseExactlyLikeOneRegistryThatSawEveryStream() throws Exception {
    SplitRuns.Split split = SplitRuns.split(3);

    JsonNode whole = json(split.whole().summary(split.plan()));
    JsonNode merged = json(RunState.merge(split.parts()).summary(split.plan()));

    // Every count, sum, min, max, percentile and window of the run and of each step.
    assertEquals(whole.get("totals"), merged.get("totals"));
    assertEquals(whole.get("steps"), merged.get("steps"));
    assertEquals(whole.path("run").path("duration_s"), merged.path("run").path("duration_s"));
    assertTrue(whole.path("totals").path("failures").path("http_429").asLong() > 0);
    assertTrue(whole.path("totals").path("finish_reasons").path("length").asLong() > 0);
  }

  @Test
  void eachShareAloneDiffersFromTheWhole() throws Exception {
    // Guards the test above: the shares are real shares, not copies of the whole run.
    SplitRuns.Split split = SplitRuns.split(3);
    long whole = split.whole().total().started();
    long sum = 0;
    for (RunState part : split.parts()) {
      assertTrue(part.total().started() < whole);
      sum += part.total().started();
    }
    assertEquals(whole, sum);
  }

  @Test
  void mergedOverTimeCountsAddUpExactly() {
    SplitRuns.Split split = SplitRuns.split(3);
    OverTime merged = RunState.merge(split.parts()).overTime();
    List<TimeBucket> whole = split.whole().overTime().buckets();

    assertEquals(whole.size(), merged.buckets().size());
    for (int i = 0; i < whole.size(); i++) {
      assertEquals(whole.get(i).completed(), merged.buckets().get(i).completed(), "bucket " + i);
      assertEquals(whole.get(i).failed(), merged.buckets().get(i).failed(), "bucket " + i);
      assertTrue(
          merged.buckets().get(i).ttftP95Nanos() <= whole.get(i).ttftP95Nanos() * 1.001 + 1
              || whole.get(i).ttftP95Nanos() < 0);
    }
  }

  @Test
  void overTimeSeriesOnDifferentOriginsLandOnTheWallClock() {
    long second = 1_000_000_000L;
    OverTime a = new OverTime(0, second, List.of(new TimeBucket(0, 1, 0, Map.of(), 100, 100, -1)));
    OverTime b =
        new OverTime(
            2 * second,
            second,
            List.of(
                new TimeBucket(0, 3, 1, Map.of(FailureClass.STALLED, 1L), 200, 300, 50),
                new TimeBucket(1, 1, 0, Map.of(), 400, 400, 60)));

    OverTime merged = OverTime.merge(List.of(a, b));

    assertEquals(0, merged.originEpochNanos());
    assertEquals(4, merged.buckets().size());
    assertEquals(1, merged.buckets().get(0).completed());
    assertEquals(0, merged.buckets().get(1).completed());
    assertEquals(-1, merged.buckets().get(1).ttftP50Nanos());
    assertEquals(3, merged.buckets().get(2).completed());
    assertEquals(1, merged.buckets().get(2).failed());
    assertEquals(Map.of(FailureClass.STALLED, 1L), merged.buckets().get(2).failures());
    assertEquals(300, merged.buckets().get(2).ttftP95Nanos());
    assertEquals(400, merged.buckets().get(3).ttftP50Nanos());
  }

  @Test
  void histogramStatesAddTheirValuesExactly() {
    Histogram a = new Histogram(1_000, 10_000_000_000L, 3);
    Histogram b = new Histogram(1_000, 10_000_000_000L, 3);
    b.setAutoResize(true);
    a.recordValue(5_000);
    a.recordValue(7_000);
    b.recordValue(2_000);
    b.recordValue(90_000_000_000L); // beyond the initial range: the merge resizes

    HistogramState sum =
        new HistogramState(a, 12_000, 5_000, 7_000)
            .plus(new HistogramState(b, 90_000_002_000L, 2_000, 90_000_000_000L));

    assertEquals(4, sum.count());
    assertEquals(90_000_014_000L, sum.sum());
    assertEquals(2_000, sum.min());
    assertEquals(90_000_000_000L, sum.max());
    assertEquals(90_000_014_000L / 4.0, sum.summary().mean(), 1e-9);
  }
}
