package dev.streamload.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DashboardWriterTest {

  @Test
  void writesASelfContainedPageWithTheRunsData(@TempDir Path dir) throws Exception {
    RunSummary summary = SampleRuns.rampWithFailures();
    Path file = dir.resolve("report/dashboard.html");
    DashboardWriter.write(summary, file);
    String html = Files.readString(file);

    assertTrue(html.startsWith("<!doctype html>"));
    assertTrue(html.contains("ChatCapacitySimulation"));
    for (String step : List.of("5/s", "10/s", "20/s")) {
      assertTrue(html.contains("<td>" + step + "</td>"), step);
    }
    assertTrue(html.contains("<td>" + summary.totals().started() + "</td>"));
    assertTrue(
        html.contains(
            "<td>" + JsonNumbers.millis(summary.totals().ttft().p50()).toPlainString() + "</td>"));
    assertTrue(html.contains("http_429") && html.contains("stalled"));
    assertTrue(html.contains("Time to first token (TTFT)"));
    assertTrue(html.contains("Latency percentiles over time"));
    assertTrue(html.contains("Offered vs achieved arrival rate"));
    assertTrue(html.contains("Failed streams per step by class"));
    assertTrue(count(html, "<svg ") >= 8, "charts");
    assertEquals(count(html, "<svg "), count(html, "</svg>"));
  }

  @Test
  void needsNoNetwork() {
    String html = DashboardWriter.html(SampleRuns.rampWithFailures());
    assertFalse(html.contains("<link"));
    assertFalse(html.contains(" src="));
    assertFalse(html.contains("@import"));
    assertFalse(html.contains("url("));
    Matcher m = Pattern.compile("https?://[^\"<\\s]+").matcher(html);
    while (m.find()) {
      String url = m.group();
      assertTrue(
          url.equals("http://www.w3.org/2000/svg") || url.startsWith("http://127.0.0.1:8080"),
          "unexpected reference " + url);
    }
  }

  @Test
  void embedsTheSummaryJson() throws Exception {
    RunSummary summary = SampleRuns.rampWithFailures();
    String html = DashboardWriter.html(summary);
    Matcher m =
        Pattern.compile(
                "<script type=\"application/json\" id=\"summary-json\">(.*?)</script>",
                Pattern.DOTALL)
            .matcher(html);
    assertTrue(m.find());
    JsonNode json = new ObjectMapper().readTree(m.group(1));
    assertEquals(
        summary.totals().started(), json.path("totals").path("streams").path("started").asLong());
    assertEquals(3, json.path("steps").size());
  }

  @Test
  void escapesNamesAndHandlesAnEmptyRun() {
    MetricsRegistry m = new MetricsRegistry(0, new ClockAnchor(0, 0), Duration.ofSeconds(1), 10);
    RunSummary empty =
        m.snapshot(
                List.of(StepPlan.closed(0, "<b>&users", 10, Duration.ZERO, Duration.ofSeconds(5))),
                0,
                5_000_000_000L)
            .withMeta(new RunMeta("Sim</script>", "smoke", Map.of("model", "m<1>")));
    String html = DashboardWriter.html(empty);
    assertFalse(html.contains("<b>&users"));
    assertTrue(html.contains("&lt;b&gt;&amp;users"));
    assertFalse(html.contains("Sim</script>"));
    assertTrue(html.contains("no data"));
    assertTrue(html.contains("No failures."));
  }

  private static int count(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }

  @Test
  void showsEachStepsDistributionsFailuresOverTimeForEveryClassAndTheConnections() {
    RunSummary summary = SampleRuns.rampWithFailures();
    List<ConnectionSample> connections =
        List.of(new ConnectionSample(1, 5, 5, 5), new ConnectionSample(2, 7, 3, 6));
    String html = DashboardWriter.html(summary, connections);

    assertTrue(html.contains("TTFT distribution"));
    assertTrue(html.contains("End to end (E2E) distribution"));
    int overTime = html.indexOf("Failures by class over time");
    assertTrue(overTime > 0);
    String chart = html.substring(overTime, html.indexOf("</svg>", overTime));
    for (dev.streamload.stream.FailureClass c : dev.streamload.stream.FailureClass.values()) {
      if (summary.totals().failures(c) > 0) {
        assertTrue(chart.contains(">" + c.wireName() + "</text>"), c.wireName());
      }
    }
    assertTrue(html.contains("Connections and streams in flight"));
    assertTrue(html.contains(">open connections</text>"));
  }
}
