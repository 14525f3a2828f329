package dev.streamload.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamload.metrics.ClockAnchor;
import dev.streamload.metrics.MetricsRegistry;
import dev.streamload.metrics.StepSummary;
import dev.streamload.stream.EventParser;
import dev.streamload.stream.FailureClass;
import dev.streamload.stream.StreamDialect;
import dev.streamload.stream.StreamLimits;
import dev.streamload.stream.StreamRecorder;
import dev.streamload.stream.StreamResult;
import dev.streamload.stream.Termination;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClosingLinesTest {

  private static final long MS = 1_000_000;
  private static final StreamLimits LIMITS =
      new StreamLimits(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(30));
  private static final EventParser PARSER = new EventParser(StreamDialect.projectDefault());

  @TempDir Path dir;

  private static StreamResult completed(String id) {
    StreamRecorder r = new StreamRecorder(id, "u", 0, 0, 0, LIMITS, PARSER, false);
    r.onHeaders(-1, 200, "text/event-stream");
    r.onEvent(MS, "{\"data\":{\"delta\":\"hi\"}}");
    r.onEvent(2 * MS, "{\"data\":[DONE]}");
    return r.finish(3 * MS, Termination.END_MARKER_RECEIVED, null);
  }

  private static StreamResult failed(String id, FailureClass failure) {
    return StreamResult.failedBeforeStream(id, "u", 0, 0, MS, failure, "test");
  }

  private static StepSummary totals(List<StreamResult> results) {
    MetricsRegistry registry =
        new MetricsRegistry(0, new ClockAnchor(0, 0), Duration.ofSeconds(1), 10);
    for (StreamResult r : results) {
      registry.streamStarted(0);
      registry.record(r);
    }
    return registry.snapshot(List.of(), 0, 10 * MS).totals();
  }

  @Test
  void aCleanRunSaysHowManyStreamsCompleted() {
    StepSummary t = totals(List.of(completed("a"), completed("b")));

    assertEquals("streamload: 2 of 2 streams completed", ClosingLines.outcome(t, false));
  }

  @Test
  void aRunWhoseStreamsAllFailedSaysSoByClassAndHowToFailTheBuild() {
    StepSummary t =
        totals(
            List.of(
                failed("a", FailureClass.HTTP_401),
                failed("b", FailureClass.HTTP_401),
                failed("c", FailureClass.LOGIN_FAILED)));

    assertEquals(
        "streamload: 0 of 3 streams completed; failed: 2 http_401, 1 login_failed"
            + " (failed streams fail the build only with an SLO: -Dslo.maxFailedPercent=0)",
        ClosingLines.outcome(t, false));
    assertEquals(
        "streamload: 0 of 3 streams completed; failed: 2 http_401, 1 login_failed",
        ClosingLines.outcome(t, true),
        "with the SLO set, Gatling's assertion gives the verdict");
  }

  @Test
  void theReSendLineAppearsOnlyForInterruptedStreamsAndGivesTheirCount() {
    assertEquals(Optional.empty(), ClosingLines.resends(0, 7));
    String line = ClosingLines.resends(3, 7).orElseThrow();
    assertTrue(
        line.startsWith("streamload: Gatling tried to re-send 3 of the 7 'interrupted'"), line);
  }

  @Test
  void theFileListNamesTheRunFolderAndOnlyTheFilesThatExist() throws IOException {
    Files.writeString(dir.resolve("summary.json"), "{}");
    Files.writeString(dir.resolve("streams.jsonl"), "");

    List<String> lines =
        ClosingLines.files(dir, Optional.of(Path.of("/r/target/gatling/x-1/index.html")));

    assertEquals("streamload: results in " + dir + "/", lines.get(0));
    assertEquals(4, lines.size(), String.join("\n", lines));
    assertTrue(lines.get(1).startsWith("  summary.json "), lines.get(1));
    assertTrue(lines.get(2).startsWith("  streams.jsonl "), lines.get(2));
    assertTrue(lines.get(3).startsWith("  gatling/index.html "), lines.get(3));
    assertTrue(lines.get(3).endsWith("/r/target/gatling/x-1/index.html"), lines.get(3));
  }

  @Test
  void theInjectorFilesAndTheAnswerSampleAreListedWhenTheRunWroteThem(@TempDir Path dir)
      throws IOException {
    for (String f : List.of("summary.json", "injector.json", "histograms.hlog", "answers.jsonl")) {
      Files.writeString(dir.resolve(f), "");
    }

    List<String> lines = ClosingLines.files(dir, Optional.empty());

    assertEquals(5, lines.size(), String.join("\n", lines));
    assertTrue(lines.get(2).startsWith("  injector.json "), lines.get(2));
    assertTrue(lines.get(3).startsWith("  histograms.hlog "), lines.get(3));
    assertTrue(lines.get(4).startsWith("  answers.jsonl "), lines.get(4));
  }

  @Test
  void theFirstDetailOfEachClassInWhichTheServerSaidWhyIsShownMostFrequentFirst() {
    StepSummary t =
        totals(
            List.of(
                failed("a", FailureClass.LOGIN_FAILED),
                failed("b", FailureClass.HTTP_4XX),
                failed("c", FailureClass.HTTP_4XX),
                failed("d", FailureClass.INTERRUPTED)));
    java.util.Map<FailureClass, String> first =
        java.util.Map.of(
            FailureClass.LOGIN_FAILED, "login failed (status 400: {\"error\":\"bad\"})",
            FailureClass.HTTP_4XX, "status 400: {\"error\":\"query required\"}",
            FailureClass.INTERRUPTED, "cut");

    List<String> lines = ClosingLines.firstDetails(t, first);

    assertEquals(
        List.of(
            "streamload: first http_4xx: status 400: {\"error\":\"query required\"}",
            "streamload: first login_failed: login failed (status 400: {\"error\":\"bad\"})"),
        lines);
  }

  @Test
  void aLongFirstDetailIsCutOnTheConsole() {
    StepSummary t = totals(List.of(failed("a", FailureClass.LOGIN_FAILED)));
    String detail = "x".repeat(ClosingLines.DETAIL_CHARS + 50);

    List<String> lines =
        ClosingLines.firstDetails(t, java.util.Map.of(FailureClass.LOGIN_FAILED, detail));

    assertEquals(
        "streamload: first login_failed: " + "x".repeat(ClosingLines.DETAIL_CHARS) + "...",
        lines.get(0));
  }
}
