package dev.streamload.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamload.simulations.ChatStreamSimulation;
import dev.streamload.simulations.OpenAiChatSimulation;
import dev.streamload.testing.GatlingRun;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cuts, stalls and timeouts against the embedded mock: every stream is one failure reported
 * promptly, no request is re-sent behind the tester's back, and no connection outlives the run.
 */
class ConnectionsAndReplaysTest {

  /**
   * Gatling re-sends a cut stream after the SSE retry delay (3 s unless the server says otherwise);
   * a cut reported well before that was reported by us, not after a replay.
   */
  static final Duration PROMPT_FAILURE = Duration.ofMillis(2_500);

  /** The console's line about blocked re-sends: "re-send N of the M 'interrupted' stream(s)". */
  static final Pattern RESEND_LINE = Pattern.compile("re-send (\\d+) of the (\\d+) 'interrupted'");

  @TempDir Path dir;

  /**
   * How many interrupted streams the console says Gatling tried to re-send (0 without the line);
   * asserts that the line comes at most once and counts only the run's interrupted streams.
   */
  private static long resentInterrupted(GatlingRun.Result run) {
    List<String> lines = run.consoleEnd().stream().filter(l -> l.contains("re-send")).toList();
    assertTrue(lines.size() <= 1, "one line at most: " + lines);
    if (lines.isEmpty()) {
      return 0;
    }
    Matcher m = RESEND_LINE.matcher(lines.get(0));
    assertTrue(m.find(), lines.get(0));
    assertEquals(run.failures("interrupted"), Long.parseLong(m.group(2)), lines.get(0));
    long resent = Long.parseLong(m.group(1));
    assertTrue(resent > 0 && resent <= run.failures("interrupted"), lines.get(0));
    return resent;
  }

  private GatlingRun.Result run(String faults, int users, int turns) {
    Map<String, String> settings = new HashMap<>();
    settings.put("profile", "smoke");
    settings.put("smoke.users", Integer.toString(users));
    settings.put("chat.turns", Integer.toString(turns));
    settings.put("timeout.firstFragment", "2s");
    settings.put("timeout.idle", "2s");
    settings.put("timeout.stream", "8s");
    settings.put("mock.ttftMs", "50");
    settings.put("mock.fragments", "10");
    settings.put("mock.gapMs", "10");
    settings.put("mock.faults", faults);
    return GatlingRun.run(ChatStreamSimulation.class, settings, dir);
  }

  @Test
  void aStreamCutMidwayIsOnePromptInterruptedFailureAndIsNeverReSent() {
    GatlingRun.Result run = run("interrupt=1.0", 30, 2);

    assertEquals(60, run.streams("started"));
    assertEquals(60, run.failures("interrupted"), run.summary().toString());
    assertEquals(60, run.mock().path("requests").path("stream_default").asLong());
    assertEquals(0, run.mockCounter("duplicateRequestIds"), "Gatling re-sent a cut stream");
    for (JsonNode stream : run.streams()) {
      double sentToFailure = stream.path("t_finish").asDouble() - stream.path("t_send").asDouble();
      assertTrue(
          sentToFailure < PROMPT_FAILURE.toMillis(),
          "cut reported after " + sentToFailure + " ms: " + stream);
    }
    resentInterrupted(run); // some were on pooled connections, which Gatling retries at once
  }

  /**
   * A cut after the headers but before the first event is seen at once: the connection is watched
   * from the request's write (docs/gatling-sse.md), so the stream fails as interrupted well before
   * a first-fragment timeout shorter than Gatling's 3 s retry delay, and Gatling never gets to try
   * a re-send.
   */
  @Test
  void aStreamCutAfterItsHeadersButBeforeAnyEventIsInterruptedAtOnceAndNeverReSent() {
    Map<String, String> settings = new HashMap<>();
    settings.put("profile", "smoke");
    settings.put("smoke.users", "20");
    // The first turn reuses the login connection from the pool, the second opens a new one:
    // Gatling handles a closed connection on each path differently.
    settings.put("chat.turns", "2");
    settings.put("timeout.firstFragment", "1s");
    settings.put("mock.ttftMs", "100");
    settings.put("mock.fragments", "0"); // the cut comes where the first fragment would have
    settings.put("mock.faults", "interrupt=1.0");

    GatlingRun.Result run = GatlingRun.run(ChatStreamSimulation.class, settings, dir);

    assertEquals(40, run.failures("interrupted"), run.summary().toString());
    assertEquals(0, run.failures("first_fragment_timeout"), run.summary().toString());
    // On the first turn's pooled connection Gatling's HTTP client retries a request whose
    // connection closed at once (its own retry, not the SSE reconnect); the guard refuses it after
    // the stream was already reported. A fresh connection (second turn) gets no retry at all.
    assertTrue(resentInterrupted(run) <= 20, "only the first turn's pooled connections");
    assertEquals(40, run.mock().path("requests").path("stream_default").asLong());
    assertEquals(0, run.mockCounter("duplicateRequestIds"), "Gatling re-sent a cut stream");
    for (JsonNode stream : run.streams()) {
      double sentToFailure = stream.path("t_finish").asDouble() - stream.path("t_send").asDouble();
      assertTrue(
          sentToFailure < PROMPT_FAILURE.toMillis(),
          "cut reported after " + sentToFailure + " ms: " + stream);
      assertTrue(stream.path("time_to_headers_ms").isNumber(), "headers were timed: " + stream);
    }
  }

  @Test
  void aStalledStreamIsReportedAsStalledAndNeverAsAnInterruptedReSend() {
    GatlingRun.Result run = run("stall=1.0", 10, 1);

    assertEquals(10, run.failures("stalled"), run.summary().toString());
    assertEquals(0, resentInterrupted(run), "a stall is not an interrupted stream");
    assertEquals(0, run.mockCounter("duplicateRequestIds"));
  }

  @Test
  void aResetBeforeTheResponseIsInterruptedAndNotReSent() {
    GatlingRun.Result run = run("connection_reset=1.0", 20, 2);

    assertEquals(40, run.failures("interrupted"), run.summary().toString());
    assertEquals(40, run.mock().path("requests").path("stream_default").asLong());
    assertEquals(0, run.mockCounter("duplicateRequestIds"));
  }

  @Test
  void aClosedModelRunEndsEveryStreamItStartedAndClosesItsConnections() {
    Map<String, String> settings = new HashMap<>();
    settings.put("profile", "concurrency");
    settings.put("concurrency.users", "20");
    settings.put("concurrency.ramp", "1s");
    settings.put("concurrency.duration", "3s");
    // Streams of ~0.5 s, so many are in flight when the duration ends.
    settings.put("mock.ttftMs", "50");
    settings.put("mock.fragments", "10");
    settings.put("mock.gapMs", "50");

    GatlingRun.Result run = GatlingRun.run(OpenAiChatSimulation.class, settings, dir);

    assertEquals(0, run.streams("in_flight"), "streams started but never accounted for");
    assertEquals(run.streams("started"), run.streams("completed"), run.summary().toString());
    assertTrue(
        run.streams("started") >= 20 * 3,
        "each user streams until the duration is over: " + run.exitCode() + " " + run.summary());
    assertEquals(0, run.mockCounter("openConnections"));
    assertEquals(
        "0", run.summary().path("run").path("target").path("client_sockets_open_at_end").asText());
  }

  @Test
  void afterRunsFullOfCutsStallsAndTimeoutsNoConnectionIsLeftOpenOnEitherSide() throws Exception {
    GatlingRun.Result run =
        run("interrupt=0.2,stall=0.2,first_fragment_timeout=0.2,http_429=0.1,no_done=0.1", 40, 3);
    resentInterrupted(run);

    assertEquals(120, run.streams("started"));
    assertEquals(
        run.streams("started"),
        run.streams("completed") + run.streams("failed"),
        run.summary().toString());
    // The run waits for the mock to see every connection closed before it writes mock.json.
    assertEquals(0, run.mockCounter("openConnections"), "server side still holds connections");
    assertEquals(
        "0",
        run.summary().path("run").path("target").path("client_sockets_open_at_end").asText(),
        "the load generator still holds sockets to the target");
    // One connection per user at a time, plus a closing one overlapping the next turn's.
    assertTrue(run.mockCounter("peakOpenConnections") <= 2 * 40, "runaway connection count");
  }
}
