package dev.streamload.gatling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamload.stream.EventParser;
import dev.streamload.stream.FailureClass;
import dev.streamload.stream.StreamDialect;
import dev.streamload.stream.StreamLimits;
import dev.streamload.stream.StreamResult;
import dev.streamload.stream.Termination;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The watch of one stream in flight, on a Netty {@link EmbeddedChannel} whose frozen clock and the
 * stream's fake clock are advanced together: no real time passes in these tests.
 */
// A broken watch must fail, not hang the build: a watch that re-arms itself at once spins, so
// the test runs in a thread of its own that the timeout can abandon.
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LiveStreamTest {

  static final long MS = 1_000_000;
  static final String TEXT = "{\"data\":{\"delta\":\"hi \"}}";
  static final String DONE = "{\"data\":[DONE]}";
  static final StreamLimits LIMITS =
      new StreamLimits(Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofSeconds(10));

  EmbeddedChannel channel;
  long now;
  List<String> crashes;
  LiveStream live;

  @BeforeEach
  void start() {
    channel = new EmbeddedChannel();
    channel.freezeTime();
    now = 1_000 * MS;
    crashes = new ArrayList<>();
    live =
        new LiveStream(
            "r1",
            "1",
            0,
            now,
            LIMITS,
            new EventParser(StreamDialect.projectDefault()),
            false,
            () -> now);
  }

  @AfterEach
  void stop() {
    channel.finishAndReleaseAll();
  }

  /** Advances both clocks and runs what became due. */
  private void advance(long nanos) {
    now += nanos;
    channel.advanceTimeBy(nanos, TimeUnit.NANOSECONDS);
    channel.runPendingTasks();
    channel.runScheduledPendingTasks();
  }

  /** Sends, then receives the first event at +100 ms (the hook arms the watch first). */
  private boolean firstEvent(String message) {
    assertTrue(live.onSend(now));
    advance(100 * MS);
    live.watch(channel, crashes::add, now);
    return live.onEvent(now, message, true);
  }

  private StreamResult finish() {
    return live.finish(now, StreamEnd.of(true, null, false, live.markerSeen(), live.textSeen()));
  }

  @Test
  void streamsOfTheRunAreTimedByTheOneSystemClock() throws Exception {
    LiveStream run =
        LiveStream.onTheSystemClock(
            "r", "1", 0, 0, LIMITS, null, false, dev.streamload.stream.AnswerRules.none());
    assertTrue(run.onSystemClock());
    assertFalse(live.onSystemClock(), "a test's own clock is not the system clock");
    // Production code builds its streams through onTheSystemClock only: a `new LiveStream(` with
    // a clock of its own would bring back the de-optimisation at the load's first events.
    List<String> builders = new ArrayList<>();
    try (java.util.stream.Stream<java.nio.file.Path> files =
        java.nio.file.Files.walk(java.nio.file.Path.of("src/main/java"))) {
      for (java.nio.file.Path f : (Iterable<java.nio.file.Path>) files::iterator) {
        String name = f.getFileName().toString();
        if (name.endsWith(".java")
            && !name.equals("LiveStream.java")
            && !name.equals("WarmUp.java")
            && java.nio.file.Files.readString(f).contains("new LiveStream(")) {
          builders.add(f.toString());
        }
      }
    }
    assertEquals(List.of(), builders);
  }

  @Test
  void aSecondSendOfTheSameRequestIsRefused() {
    assertTrue(live.onSend(now));
    assertFalse(live.onSend(now + MS));
    assertEquals(2, live.sends());
  }

  @Test
  void textEndsTheFirstSequenceAndOnlyTheEndMarkerEndsTheSecond() {
    assertTrue(firstEvent(TEXT));
    assertFalse(live.onEvent(now, TEXT, false));
    assertTrue(live.onEvent(now, DONE, false));
    assertEquals(Optional.empty(), finish().failure());
  }

  @Test
  void aCloseBeforeTheEndMarkerCrashesTheStreamAtOnceAsInterrupted() {
    firstEvent(TEXT);
    channel.close();
    channel.runPendingTasks();

    assertEquals(1, crashes.size(), "Gatling must be told at once, before it schedules a re-send");
    StreamResult result = finish();
    assertEquals(Optional.of(FailureClass.INTERRUPTED), result.failure());
    assertEquals(Termination.CONNECTION_CUT, result.termination());
  }

  @Test
  void aCloseAfterTheEndMarkerOrAfterFinishIsNotACut() {
    firstEvent(TEXT);
    live.onEvent(now, DONE, false);
    StreamResult result = finish();
    channel.close();
    channel.runPendingTasks();

    assertTrue(crashes.isEmpty());
    assertEquals(Optional.empty(), result.failure());
  }

  @Test
  void silenceLongerThanTheIdleTimeoutEndsTheStreamAsStalled() {
    firstEvent(TEXT);
    advance(1_900 * MS);
    assertTrue(crashes.isEmpty(), "still within timeout.idle");
    advance(200 * MS);

    assertEquals(1, crashes.size());
    assertFalse(channel.isOpen(), "a stalled stream's connection is closed");
    assertEquals(Optional.of(FailureClass.STALLED), finish().failure());
  }

  @Test
  void aSilenceOfExactlyTheIdleTimeoutEndsTheStreamAsStalledAndOneNanosecondLessDoesNot() {
    firstEvent(TEXT);
    advance(LIMITS.idleTimeoutNanos() - 1);
    assertTrue(crashes.isEmpty(), "one nanosecond short of timeout.idle");
    advance(1);

    assertEquals(1, crashes.size(), "a silence of exactly timeout.idle is a stall");
    StreamResult result = finish();
    assertEquals(Optional.of(FailureClass.STALLED), result.failure());
    assertEquals(Termination.IDLE_TIMEOUT, result.termination());
    assertEquals(LIMITS.idleTimeoutNanos(), result.maxGapNanos());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"data\":\"ping\"}",
        "{\"data\":{\"delta\":\"\"}}",
        "{\"data\":{\"usage\":{\"output_tokens\":3}}}",
        "{\"event\":\"keep-alive\",\"data\":{}}"
      })
  void anEventWithoutTextDoesNotEndTheFirstSequence(String event) {
    assertFalse(firstEvent(event), "the first sequence waits for text");
    advance(10 * MS);
    assertTrue(live.onEvent(now, TEXT, true), "text ends it");
    assertTrue(live.onEvent(now + MS, DONE, false));
    StreamResult result = finish();
    assertEquals(Optional.empty(), result.failure());
    assertEquals(110 * MS, result.ttftNanos(), "TTFT is timed to the text, not the first event");
  }

  @Test
  void anOpenAiRoleOnlyChunkDoesNotEndTheFirstSequence() {
    LiveStream openAi =
        new LiveStream(
            "r2", "1", 0, now, LIMITS, new EventParser(StreamDialect.openAi()), false, () -> now);
    assertTrue(openAi.onSend(now));
    openAi.watch(channel, crashes::add, now);
    assertFalse(
        openAi.onEvent(
            now, "{\"data\":{\"choices\":[{\"delta\":{\"role\":\"assistant\"}}]}}", true));
    assertTrue(
        openAi.onEvent(now, "{\"data\":{\"choices\":[{\"delta\":{\"content\":\"Hi\"}}]}}", true));
  }

  @Test
  void ttftAndTheWholeStreamAreTimedFromTheSendAndTheWaitBeforeItIsScheduleLag() {
    long stepStart = now;
    advance(50 * MS); // the user reached the stream step 50 ms before the request went out
    assertTrue(live.onSend(now));
    long sent = now;
    advance(100 * MS);
    live.watch(channel, crashes::add, now);
    live.onEvent(now, TEXT, true);
    advance(30 * MS);
    live.onEvent(now, DONE, false);

    StreamResult result = finish();
    assertEquals(sent, result.sendNanos());
    assertEquals(stepStart, result.scheduledNanos());
    assertEquals(100 * MS, result.ttftNanos(), "send -> first text");
    assertEquals(130 * MS, result.e2eNanos(), "send -> end marker");
    assertEquals(50 * MS, result.scheduleLagNanos(), "step start -> send");
    assertEquals(150 * MS, result.ttftFromScheduleNanos());
  }

  @Test
  void eventsThatKeepComingWithoutEndMarkerEndAtTheStreamDeadline() {
    firstEvent(TEXT);
    for (int i = 0; i < 120 && crashes.isEmpty(); i++) {
      advance(100 * MS);
      live.onEvent(now, TEXT, false);
    }

    assertEquals(1, crashes.size());
    StreamResult result = finish();
    assertEquals(Optional.of(FailureClass.STREAM_TIMEOUT), result.failure());
    assertTrue(result.finishNanos() - 1_000 * MS >= LIMITS.streamTimeout().toNanos());
  }

  @Test
  void anEndMarkerAsFirstEventEndsTheSecondSequenceAtOnceAsAnEmptyAnswer() {
    assertTrue(firstEvent(DONE), "the first sequence is over");
    channel.runPendingTasks();

    assertEquals(1, crashes.size(), "the second sequence must not wait for another marker");
    assertEquals(Optional.of(FailureClass.EMPTY_ANSWER), finish().failure());
  }

  @Test
  void markerSeenAndTextSeenFollowTheRecordedEvents() {
    assertFalse(live.textSeen());
    assertFalse(live.markerSeen());
    firstEvent("{\"data\":\"ping\"}");
    assertFalse(live.textSeen(), "a keep-alive is not text");
    live.onEvent(now, TEXT, true);
    assertTrue(live.textSeen());
    assertFalse(live.markerSeen());
    live.onEvent(now, DONE, false);
    assertTrue(live.markerSeen());
  }

  @Test
  void aStreamWithEventsHadA200EventStreamResponse() {
    firstEvent(TEXT);
    live.onEvent(now, DONE, false);
    StreamResult result = finish();
    assertEquals(200, result.status());
    assertEquals(2, result.events());
  }

  @Test
  void eventsAfterTheWatchEndedTheStreamAreIgnored() {
    firstEvent(TEXT);
    channel.close();
    channel.runPendingTasks();

    assertFalse(live.onEvent(now, DONE, false), "the stream is over");
    assertFalse(live.markerSeen());
    StreamResult result = finish();
    assertEquals(Optional.of(FailureClass.INTERRUPTED), result.failure());
    assertEquals(1, result.events());
  }

  @Test
  void anErrorEventAsFirstEventEndsBothSequencesAtOnceAsAnErrorEvent() {
    assertTrue(firstEvent("{\"data\":{\"error\":\"overloaded\"}}"), "the first sequence is over");
    channel.runPendingTasks();

    assertEquals(1, crashes.size(), "the second sequence must not wait for a marker");
    StreamResult result = finish();
    assertEquals(Optional.of(FailureClass.ERROR_EVENT), result.failure());
    assertEquals(Termination.ABORTED, result.termination());
  }

  @Test
  void aStreamNeverSentIsAConnectFailure() {
    StreamResult result =
        live.finish(now, StreamEnd.of(false, "j.n.ConnectException: refused", true, false, false));
    assertEquals(Optional.of(FailureClass.CONNECT_FAILURE), result.failure());
  }
}
