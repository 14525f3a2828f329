package dev.streamload.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamload.simulations.WebSocketChatSimulation;
import dev.streamload.testing.GatlingRun;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * WebSocket chat runs against the embedded mock, whose counters are the ground truth: both shapes
 * complete every answer when nothing is injected, and with a fault mix every injected fault is
 * reported once under its class, every turn is completed or failed exactly once, no message is sent
 * twice and no socket is left open on either side.
 */
class WebSocketRunTest {

  /** Which reported failure class each injected mock fault must produce over WebSocket. */
  static final Map<String, List<String>> CLASS_OF_FAULTS = new LinkedHashMap<>();

  static {
    CLASS_OF_FAULTS.put("http_401", List.of("http_401"));
    CLASS_OF_FAULTS.put("http_403", List.of("http_403"));
    CLASS_OF_FAULTS.put("http_429", List.of("http_429"));
    CLASS_OF_FAULTS.put("http_4xx", List.of("http_400"));
    CLASS_OF_FAULTS.put("http_5xx", List.of("http_500", "http_503"));
    CLASS_OF_FAULTS.put("wrong_content_type", List.of("wrong_content_type"));
    CLASS_OF_FAULTS.put("first_fragment_timeout", List.of("first_fragment_timeout"));
    CLASS_OF_FAULTS.put("stalled", List.of("stall"));
    CLASS_OF_FAULTS.put("interrupted", List.of("interrupt", "connection_reset", "no_done"));
    CLASS_OF_FAULTS.put("closed_with_error", List.of("close_error"));
    CLASS_OF_FAULTS.put("empty_answer", List.of("empty_answer"));
    CLASS_OF_FAULTS.put("error_event", List.of("error_event"));
    CLASS_OF_FAULTS.put("malformed_event", List.of("malformed_event"));
  }

  static final String MIX =
      "http_401=0.03,http_403=0.03,http_429=0.03,http_400=0.03,http_500=0.03,http_503=0.03,"
          + "wrong_content_type=0.03,first_fragment_timeout=0.05,stall=0.05,interrupt=0.05,"
          + "connection_reset=0.04,no_done=0.05,close_error=0.05,empty_answer=0.05,"
          + "error_event=0.05,malformed_event=0.05";

  @TempDir Path dir;

  private static Map<String, String> settings(int users, int turns) {
    Map<String, String> settings = new HashMap<>();
    settings.put("profile", "smoke");
    settings.put("smoke.users", Integer.toString(users));
    settings.put("chat.turns", Integer.toString(turns));
    settings.put("mock.ttftMs", "50");
    settings.put("mock.fragments", "6");
    settings.put("mock.gapMs", "10");
    return settings;
  }

  @Test
  void theJsonShapeCompletesEveryTurnOnOneSocketPerConversation() {
    GatlingRun.Result run = GatlingRun.run(WebSocketChatSimulation.class, settings(4, 3), dir);

    assertEquals(12, run.streams("completed"), run.summary().toString());
    assertEquals(12, run.mockCounter("streamsCompleted"));
    // Four upgrades, twelve messages: the turns of a conversation share its socket.
    assertEquals(16, run.mock().path("requests").path("stream_ws").asLong(), run.mock().toString());
    for (JsonNode stream : run.streams()) {
      assertEquals(6, stream.path("fragments").asInt(), stream.toString());
      assertEquals(6, stream.path("output_tokens").asInt(), stream.toString());
      assertEquals("usage", stream.path("token_source").asText());
      assertEquals("stop", stream.path("finish_reason").asText());
    }
    JsonNode target = run.summary().path("run").path("target");
    assertEquals("websocket", target.path("transport").asText(), target.toString());
    assertEquals("when:type == done", target.path("end").asText(), target.toString());
    assertTrue(target.path("ws_url").asText().endsWith("/ws/chat"), target.toString());
    assertTrue(target.path("end_marker").isMissingNode(), target.toString());
    assertNoLeaksNoDuplicates(run);
  }

  @Test
  void aMessageTemplateReadsTheTurnAndTheConversationLikeAnHttpBody() {
    Map<String, String> settings = settings(2, 2);
    settings.put(
        "ws.message",
        "{\"type\":\"message\",\"requestId\":\"#{requestId}\",\"conversationId\":"
            + "\"#{conversationId}\",\"prompt\":#{prompt.jsonStringify()},\"turn\":#{turn},"
            + "\"messages\":#{messages}}");

    GatlingRun.Result run = GatlingRun.run(WebSocketChatSimulation.class, settings, dir);

    assertEquals(4, run.streams("completed"), run.summary().toString());
    assertNoLeaksNoDuplicates(run);
  }

  @Test
  void theSparkShapeCompletesEveryTurnOnOneSocketPerTurnByThePresetAlone() {
    Map<String, String> settings = settings(4, 2);
    settings.put("preset", "ws-spark");

    GatlingRun.Result run = GatlingRun.run(WebSocketChatSimulation.class, settings, dir);

    assertEquals(8, run.streams("completed"), run.summary().toString());
    assertEquals(16, run.mock().path("requests").path("stream_ws").asLong(), run.mock().toString());
    for (JsonNode stream : run.streams()) {
      // The last frame (status 2) carries the last fragment and the usage.
      assertEquals(6, stream.path("fragments").asInt(), stream.toString());
      assertEquals(6, stream.path("events").asInt(), stream.toString());
      assertEquals(6, stream.path("output_tokens").asInt(), stream.toString());
    }
    assertNoLeaksNoDuplicates(run);
  }

  @Test
  void theServersCloseEndsTheAnswerUnderTheCloseRule() {
    Map<String, String> settings = settings(3, 1);
    settings.put("preset", "ws-spark");
    settings.put("stream.end", "close");
    settings.put("mock.faults", "no_done=1");

    GatlingRun.Result run = GatlingRun.run(WebSocketChatSimulation.class, settings, dir);

    assertEquals(3, run.streams("completed"), run.summary().toString());
    assertNoLeaksNoDuplicates(run);
  }

  @Test
  void theTokenTravelsInAHeaderOrAFirstMessageByConfiguration() {
    for (String auth : List.of("header", "message")) {
      Map<String, String> settings = settings(2, 2);
      settings.put("ws.auth", auth);

      GatlingRun.Result run =
          GatlingRun.run(WebSocketChatSimulation.class, settings, dir.resolve(auth));

      assertEquals(4, run.streams("completed"), auth + ": " + run.summary());
      assertNoLeaksNoDuplicates(run);
    }
  }

  @Test
  void everyInjectedFaultIsReportedOnceUnderItsClassInTheJsonShape() {
    faultsAccountedFor(Map.of());
  }

  @Test
  void everyInjectedFaultIsReportedOnceUnderItsClassInTheSparkShape() {
    faultsAccountedFor(Map.of("preset", "ws-spark"));
  }

  private void faultsAccountedFor(Map<String, String> extra) {
    Map<String, String> settings = settings(60, 3);
    settings.put("timeout.firstFragment", "1s");
    settings.put("timeout.idle", "1s");
    settings.put("timeout.stream", "10s");
    settings.put("mock.faults", MIX);
    settings.putAll(extra);

    GatlingRun.Result run = GatlingRun.run(WebSocketChatSimulation.class, settings, dir);

    JsonNode injected = run.mock().path("faultsInjected");
    long injectedTotal = 0;
    for (Map.Entry<String, List<String>> e : CLASS_OF_FAULTS.entrySet()) {
      long expected = 0;
      for (String fault : e.getValue()) {
        expected += injected.path(fault).asLong();
      }
      injectedTotal += expected;
      assertEquals(
          expected,
          run.failures(e.getKey()),
          "class " + e.getKey() + ": " + run.summary().path("totals") + " injected " + injected);
    }
    assertTrue(injectedTotal > 30, "the mix injected too few faults to mean anything: " + injected);
    long started = run.streams("started");
    assertEquals(180, started);
    assertEquals(
        started, run.streams("completed") + run.streams("failed"), run.summary().toString());
    assertEquals(started - injectedTotal, run.streams("completed"), run.summary().toString());
    for (JsonNode stream : run.streams()) {
      boolean ok = stream.path("outcome").asText().equals("ok");
      assertEquals(ok, stream.path("failure").isNull(), stream.toString());
    }
    assertNoLeaksNoDuplicates(run);
  }

  private static void assertNoLeaksNoDuplicates(GatlingRun.Result run) {
    assertEquals(0, run.mockCounter("duplicateRequestIds"), run.mock().toString());
    assertEquals(0, run.mockCounter("openConnections"), run.mock().toString());
    assertEquals(
        "0",
        run.summary().path("run").path("target").path("client_sockets_open_at_end").asText(),
        run.summary().path("run").toString());
  }
}
