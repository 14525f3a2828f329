package dev.streamload.ws;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamload.config.Settings;
import dev.streamload.gatling.StreamEnd;
import dev.streamload.run.StreamTicket;
import dev.streamload.stream.AnswerRules;
import dev.streamload.stream.FailureClass;
import dev.streamload.stream.StreamLimits;
import dev.streamload.stream.StreamResult;
import dev.streamload.stream.Termination;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Recorded WebSocket message sequences of both shapes, read with the presets' rules and ended the
 * way Gatling and the socket watch report it, give the timings and the single failure class the
 * mock's faults stand for.
 */
class WsTurnClassificationTest {

  static final long MS = 1_000_000L;
  static final long START = 1_000 * MS;
  static final long SEND = START + 2 * MS;
  static final StreamLimits LIMITS =
      new StreamLimits(Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofSeconds(30));

  static final String JSON_ANSWER =
      """
      52 {"type":"delta","text":"Hello "}
      62 {"type":"delta","text":"from "}
      75 {"type":"delta","text":"the mock "}
      76 {"type":"done","usage":{"output_tokens":3},"finish_reason":"stop"}
      """;

  static final String SPARK_ANSWER =
      """
      52 {"header":{"code":0,"message":"Success","sid":"s1","status":0},"payload":{"choices":{"status":0,"seq":0,"text":[{"content":"Hello ","role":"assistant","index":0}]}}}
      62 {"header":{"code":0,"message":"Success","sid":"s1","status":1},"payload":{"choices":{"status":1,"seq":1,"text":[{"content":"from ","role":"assistant","index":0}]}}}
      75 {"header":{"code":0,"message":"Success","sid":"s1","status":2},"payload":{"choices":{"status":2,"seq":2,"text":[{"content":"Spark","role":"assistant","index":0}]},"usage":{"text":{"completion_tokens":3,"total_tokens":9}}}}
      """;

  static final String SPARK_ERROR =
      """
      52 {"header":{"code":0,"message":"Success","sid":"s1","status":0},"payload":{"choices":{"status":0,"seq":0,"text":[{"content":"Hello ","role":"assistant","index":0}]}}}
      60 {"header":{"code":10013,"message":"input is not allowed","sid":"s1","status":2}}
      """;

  private static WsReading reading(String preset, String... flags) {
    Map<String, String> props = new HashMap<>();
    props.put("preset", preset);
    for (int i = 0; i < flags.length; i += 2) {
      props.put(flags[i], flags[i + 1]);
    }
    Settings s = new Settings(props, Map.of(), "ws-json");
    WsSettings ws = WsSettings.read(s, "http://127.0.0.1:8089", WsSettingsTest.KNOWN);
    assertEquals(java.util.List.of(), s.problems());
    return ws.reading();
  }

  /** Sends at SEND and feeds each "ms message" line at SEND + ms; returns the turn. */
  private static LiveTurn replay(WsReading reading, String recording) {
    LiveTurn turn =
        new LiveTurn(
            new StreamTicket("r1", "1", 0, START, LIMITS, true, AnswerRules.none()),
            reading,
            () -> 0L);
    assertTrue(turn.onSend(SEND, null, null));
    for (String line : recording.strip().split("\n")) {
      int space = line.indexOf(' ');
      long at = SEND + Long.parseLong(line.substring(0, space).strip()) * MS;
      turn.onMessage(at, line.substring(space + 1));
    }
    return turn;
  }

  private static StreamResult end(LiveTurn turn, long atMs, StreamEnd end) {
    return turn.finish(SEND + atMs * MS, end);
  }

  private static StreamEnd after(LiveTurn turn, int closeCode, boolean ended, boolean failed) {
    return WsEnds.of(
        true, null, closeCode, "reason", ended, failed, turn.endSeen(), turn.textSeen(), false);
  }

  @Test
  void aJsonAnswerIsTimedFromTheSendToItsDoneMessage() {
    LiveTurn turn = replay(reading("ws-json"), JSON_ANSWER);

    StreamResult r = end(turn, 80, after(turn, -1, false, false));

    assertEquals(Optional.empty(), r.failure(), r.detail());
    assertEquals(52 * MS, r.ttftNanos());
    assertArrayEquals(new long[] {10 * MS, 13 * MS}, r.gapsNanos());
    assertEquals(3, r.fragments());
    assertEquals(4, r.events());
    assertEquals(3, r.outputTokens());
    assertEquals("stop", r.finishReason());
    assertEquals(SEND + 76 * MS, r.endNanos());
  }

  @Test
  void aSparkAnswerEndsWithItsStatusTwoFrameWhoseTextCounts() {
    LiveTurn turn = replay(reading("ws-spark"), SPARK_ANSWER);

    StreamResult r = end(turn, 80, after(turn, -1, false, false));

    assertEquals(Optional.empty(), r.failure(), r.detail());
    assertEquals(3, r.fragments());
    assertEquals(3, r.events());
    assertEquals("Hello from Spark".length(), r.textChars());
    assertEquals(3, r.outputTokens());
    assertEquals(SEND + 75 * MS, r.endNanos());
  }

  @Test
  void aSparkFrameWithANonZeroCodeIsAnErrorMessageNamedByItsMessage() {
    LiveTurn turn = replay(reading("ws-spark"), SPARK_ERROR);

    StreamResult r = end(turn, 61, after(turn, -1, false, false));

    assertEquals(Optional.of(FailureClass.ERROR_EVENT), r.failure());
    assertTrue(r.detail().contains("input is not allowed"), r.detail());
  }

  @Test
  void aJsonErrorMessageAndABrokenMessageGetTheirOwnClasses() {
    LiveTurn error =
        replay(
            reading("ws-json"),
            """
            52 {"type":"delta","text":"Hel"}
            60 {"type":"error","error":{"code":"overloaded","message":"try later"}}
            """);
    assertEquals(
        Optional.of(FailureClass.ERROR_EVENT),
        end(error, 61, after(error, -1, false, false)).failure());

    LiveTurn broken =
        replay(
            reading("ws-json"),
            """
            52 {"type":"delta","text":"Hel"}
            60 {"type":"delta","text":"bro
            61 {"type":"done"}
            """);
    assertEquals(
        Optional.of(FailureClass.MALFORMED_EVENT),
        end(broken, 62, after(broken, -1, false, false)).failure());
  }

  @Test
  void aDoneWithoutTextIsAnEmptyAnswer() {
    LiveTurn turn = replay(reading("ws-json"), "50 {\"type\":\"done\"}");

    assertEquals(
        Optional.of(FailureClass.EMPTY_ANSWER),
        end(turn, 51, after(turn, -1, false, false)).failure());
  }

  @Test
  void aCutWithoutCloseFrameOrANormalCloseBeforeTheEndIsInterrupted() {
    String partial =
        """
        52 {"type":"delta","text":"Hello "}
        62 {"type":"delta","text":"from "}
        """;
    LiveTurn cut = replay(reading("ws-json"), partial);
    StreamResult r = end(cut, 63, after(cut, -1, true, true));
    assertEquals(Optional.of(FailureClass.INTERRUPTED), r.failure());
    assertTrue(r.detail().contains("1006"), r.detail());

    LiveTurn closed = replay(reading("ws-json"), partial);
    StreamResult c = end(closed, 63, after(closed, 1000, true, true));
    assertEquals(Optional.of(FailureClass.INTERRUPTED), c.failure());
    assertTrue(c.detail().contains("close code 1000"), c.detail());
  }

  @Test
  void anErrorCloseCodeIsClosedWithErrorNamedWithItsCode() {
    for (int code : new int[] {1011, 4001, 4429, 1008}) {
      LiveTurn turn = replay(reading("ws-json"), "52 {\"type\":\"delta\",\"text\":\"Hi\"}");
      StreamResult r = end(turn, 60, after(turn, code, true, true));
      assertEquals(Optional.of(FailureClass.CLOSED_WITH_ERROR), r.failure(), "code " + code);
      assertEquals("close code " + code + " (reason)", r.detail());
    }
  }

  @Test
  void underTheCloseRuleTheServersNormalCloseEndsTheAnswer() {
    WsReading close = reading("ws-spark", "stream.end", "close");
    String frames =
        """
        52 {"header":{"code":0,"status":1},"payload":{"choices":{"text":[{"content":"Hello"}]}}}
        62 {"header":{"code":0,"status":1},"payload":{"choices":{"text":[{"content":" there"}]}}}
        """;
    LiveTurn turn = replay(close, frames);
    StreamResult r =
        turn.finish(
            SEND + 70 * MS,
            WsEnds.of(true, "", 1000, "", true, true, turn.endSeen(), turn.textSeen(), true));
    assertEquals(Optional.empty(), r.failure(), r.detail());
    assertEquals(SEND + 70 * MS, r.endNanos());

    LiveTurn cut = replay(close, frames);
    StreamResult c =
        cut.finish(
            SEND + 70 * MS,
            WsEnds.of(true, "Premature close", -1, null, true, true, false, true, true));
    assertEquals(Optional.of(FailureClass.INTERRUPTED), c.failure(), "a cut stays a cut");
  }

  @Test
  void aRefusedHandshakeGetsTheClassOfItsStatus() {
    Map<String, FailureClass> expected =
        Map.of(
            "401 Unauthorized", FailureClass.HTTP_401,
            "403 Forbidden", FailureClass.HTTP_403,
            "429 Too Many Requests", FailureClass.HTTP_429,
            "400 Bad Request", FailureClass.HTTP_4XX,
            "503 Service Unavailable", FailureClass.HTTP_5XX,
            "200 OK", FailureClass.WRONG_CONTENT_TYPE);
    expected.forEach(
        (status, failure) -> {
          LiveTurn turn = new LiveTurn(ticket(), reading("ws-json"), () -> 0L);
          StreamResult r =
              turn.finish(
                  START + MS,
                  WsEnds.of(
                      false,
                      "Invalid handshake response getStatus: " + status,
                      -1,
                      null,
                      true,
                      true,
                      false,
                      false,
                      false));
          assertEquals(Optional.of(failure), r.failure(), status);
          assertEquals(0, r.events());
        });
  }

  @Test
  void aRefusedConnectionIsAConnectFailureAndAResetBeforeTheAnswerIsInterrupted() {
    assertEquals(
        Termination.CONNECT_FAILED,
        WsEnds.of(
                false,
                "i.n.c.AbstractChannel$AnnotatedConnectException: Connection refused",
                -1,
                null,
                false,
                true,
                false,
                false,
                false)
            .termination());
    assertEquals(
        Termination.CONNECTION_CUT,
        WsEnds.of(
                false,
                "i.g.h.c.i.PrematureCloseException: Premature close",
                -1,
                null,
                true,
                true,
                false,
                false,
                false)
            .termination());
  }

  @Test
  void gatlingsOwnAwaitTimeoutIsAFirstFragmentOrAStreamTimeout() {
    assertEquals(
        Termination.FIRST_FRAGMENT_TIMEOUT,
        WsEnds.of(true, null, -1, null, false, true, false, false, false).termination());
    assertEquals(
        Termination.STREAM_TIMEOUT,
        WsEnds.of(true, null, -1, null, false, true, false, true, false).termination());
  }

  @Test
  void theEndMessageWinsOverAnythingThatCameAfterIt() {
    assertEquals(
        Termination.END_MARKER_RECEIVED,
        WsEnds.of(true, "Premature close", 1011, "x", true, true, true, true, false).termination());
  }

  @Test
  void onlyNormalGoingAwayMissingAndAbnormalCodesAreNoErrors() {
    for (int code : new int[] {1000, 1001, 1005, 1006}) {
      assertTrue(!WsEnds.isErrorCode(code), "code " + code);
    }
    for (int code : new int[] {1002, 1003, 1007, 1008, 1009, 1011, 1012, 1013, 3000, 4000, 4999}) {
      assertTrue(WsEnds.isErrorCode(code), "code " + code);
    }
  }

  private static StreamTicket ticket() {
    return new StreamTicket("r1", "1", 0, START, LIMITS, false, AnswerRules.none());
  }
}
