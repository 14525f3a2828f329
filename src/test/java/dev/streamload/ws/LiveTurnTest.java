package dev.streamload.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamload.config.Settings;
import dev.streamload.gatling.StreamEnd;
import dev.streamload.run.StreamTicket;
import dev.streamload.stream.AnswerRules;
import dev.streamload.stream.FailureClass;
import dev.streamload.stream.StreamLimits;
import dev.streamload.stream.StreamResult;
import dev.streamload.stream.Termination;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The turn's own deadlines, on an embedded event loop whose time the test moves: each crashes the
 * socket once, closes it and gives the turn its class; a message after the end starts nothing.
 */
class LiveTurnTest {

  static final long MS = 1_000_000L;
  static final long START = 10_000 * MS;
  static final StreamLimits LIMITS =
      new StreamLimits(Duration.ofMillis(100), Duration.ofMillis(50), Duration.ofMillis(400));
  static final String DELTA = "{\"type\":\"delta\",\"text\":\"word \"}";

  private final long[] now = {START};
  private final List<String> crashes = new ArrayList<>();
  private EmbeddedChannel channel;
  private LiveTurn turn;

  @BeforeEach
  void send() {
    channel = new EmbeddedChannel();
    channel.freezeTime();
    Settings s = new Settings(Map.of(), Map.of(), "ws-json");
    WsReading reading = WsSettings.read(s, "http://127.0.0.1:1", WsSettingsTest.KNOWN).reading();
    turn =
        new LiveTurn(
            new StreamTicket("r1", "1", 0, START, LIMITS, false, AnswerRules.none()),
            reading,
            () -> now[0]);
    assertTrue(turn.onSend(START, channel, crashes::add));
  }

  @AfterEach
  void close() {
    channel.finishAndReleaseAll();
  }

  private void advance(long ms) {
    now[0] += ms * MS;
    channel.advanceTimeBy(ms, TimeUnit.MILLISECONDS);
    channel.runScheduledPendingTasks();
  }

  private StreamResult finish() {
    return turn.finish(
        now[0], WsEnds.of(true, "x", -1, null, true, true, turn.endSeen(), turn.textSeen(), false));
  }

  @Test
  void noTextWithinTheFirstFragmentTimeoutCrashesTheSocketOnceAndClosesIt() {
    advance(99);
    assertEquals(List.of(), crashes);

    advance(1);

    assertEquals(1, crashes.size(), crashes.toString());
    assertFalse(channel.isOpen());
    StreamResult r = finish();
    assertEquals(Termination.FIRST_FRAGMENT_TIMEOUT, r.termination());
    assertEquals(Optional.of(FailureClass.FIRST_FRAGMENT_TIMEOUT), r.failure());
  }

  @Test
  void aSilenceOfTheIdleTimeoutAfterTextIsAStall() {
    advance(10);
    turn.onMessage(now[0], DELTA);
    advance(49);
    assertEquals(List.of(), crashes);

    advance(1);

    assertEquals(1, crashes.size(), crashes.toString());
    assertEquals(Optional.of(FailureClass.STALLED), finish().failure());
  }

  @Test
  void textThatKeepsComingWithoutTheEndHitsTheStreamTimeout() {
    for (int i = 0; i < 40; i++) {
      advance(10);
      turn.onMessage(now[0], DELTA);
    }

    assertEquals(1, crashes.size(), crashes.toString());
    assertTrue(crashes.get(0).contains("timeout.stream"), crashes.get(0));
    assertEquals(Optional.of(FailureClass.STREAM_TIMEOUT), finish().failure());
  }

  @Test
  void theEndMessageStopsTheDeadlinesAndTheMessagesAfterItEndNoWait() {
    advance(10);
    turn.onMessage(now[0], DELTA);
    assertTrue(turn.onMessage(now[0] + MS, "{\"type\":\"done\"}"));
    advance(1000);

    assertEquals(List.of(), crashes);
    assertTrue(channel.isOpen());
    StreamResult r =
        turn.finish(now[0], new StreamEnd(Termination.END_MARKER_RECEIVED, -1, null, null));
    assertEquals(Optional.empty(), r.failure());
    assertFalse(turn.onMessage(now[0], DELTA), "a finished turn waits for nothing");
  }

  @Test
  void aSecondSendOfTheSameTurnIsRefused() {
    assertFalse(turn.onSend(START + MS, channel, crashes::add));
    assertEquals(2, turn.sends());
  }
}
