package dev.streamload.gatling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamload.stream.EventParser;
import dev.streamload.stream.StreamDialect;
import dev.streamload.stream.StreamLimits;
import io.gatling.commons.validation.Success;
import io.gatling.core.check.Check;
import io.gatling.core.session.Session;
import io.gatling.http.check.sse.SseCheck;
import io.gatling.javaapi.http.SseMessageCheck;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventHookTest {

  static final String TEXT = "{\"data\":{\"delta\":\"hi \"}}";
  static final String DONE = "{\"data\":[DONE]}";

  final EmbeddedChannel channel = new EmbeddedChannel();
  final long[] now = {1_000_000_000L};
  final LiveStream live =
      new LiveStream(
          "r1",
          "1",
          0,
          now[0],
          new StreamLimits(Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofSeconds(10)),
          new EventParser(StreamDialect.projectDefault()),
          false,
          () -> now[0]);

  @AfterEach
  void stop() {
    channel.finishAndReleaseAll();
  }

  private Session session() {
    return io.gatling.core.session.Session$.MODULE$
        .apply("scenario", 1L, channel.eventLoop())
        .set(LiveStream.KEY, live);
  }

  /** What {@code sse.checkMessage(name)} builds (HttpDsl needs a running Gatling). */
  private static SseMessageCheck named(String name) {
    scala.collection.immutable.List<SseCheck> none =
        scala.collection.immutable.List$.MODULE$.empty();
    return new SseMessageCheck(
        io.gatling.http.check.sse.SseMessageCheck.apply(
            name, none, none, scala.collection.immutable.List$.MODULE$.empty()));
  }

  /** The sequence's one matching condition, as Gatling runs it. */
  private static Check<String> hook(SseMessageCheck check) {
    SseCheck only = check.asScala().matchConditions().head();
    return only;
  }

  private static boolean matches(Check<String> hook, String event, Session session) {
    return hook.check(event, session, Check.newPreparedCache()) instanceof Success;
  }

  @Test
  void theHookIsTheSequencesOnlyConditionAndKeepsItsName() {
    SseMessageCheck check = EventHook.awaiting(named("first fragment"), true);
    assertEquals("first fragment", check.asScala().name());
    assertEquals(1, check.asScala().matchConditions().size());
    assertTrue(check.asScala().checks().isEmpty());
  }

  @Test
  void theFirstSequenceEndsAtTextAndTheSecondAtTheEndMarkerAndEveryEventIsRecorded() {
    Session session = session();
    live.onSend(now[0]);
    Check<String> first = hook(EventHook.awaiting(named("first"), true));
    Check<String> second = hook(EventHook.awaiting(named("second"), false));

    assertEquals(false, matches(first, "{\"data\":\"ping\"}", session), "no text yet");
    now[0] += 5_000_000;
    live.onChunk(now[0]);
    now[0] += 1_000_000; // the check runs after the chunk arrived
    assertEquals(true, matches(first, TEXT, session));
    assertEquals(false, matches(second, TEXT, session));
    assertEquals(true, matches(second, DONE, session));

    var result =
        live.finish(now[0], StreamEnd.of(true, null, false, live.markerSeen(), live.textSeen()));
    assertTrue(result.ok());
    assertEquals(4, result.events());
    assertEquals(5_000_000, result.ttftNanos(), "timed at the chunk's arrival");
  }

  @Test
  void duringAChunkTheHookRecordsIntoTheStreamBeingDecodedNotTheSessionsAttribute() {
    live.onSend(now[0]);
    Check<String> first = hook(EventHook.awaiting(named("first"), true));
    Session without =
        io.gatling.core.session.Session$.MODULE$.apply("scenario", 1L, channel.eventLoop());
    EventHook.decoding(live);
    try {
      assertEquals(true, matches(first, TEXT, without));
    } finally {
      EventHook.decoding(null);
    }
    assertTrue(live.textSeen(), "the event reached the stream being decoded");
    assertEquals(false, matches(first, TEXT, without), "after the chunk: the session again");
  }

  @Test
  void aSessionWithoutAStreamMatchesNothing() {
    Check<String> first = hook(EventHook.awaiting(named("first"), true));
    assertEquals(
        false,
        matches(
            first,
            TEXT,
            io.gatling.core.session.Session$.MODULE$.apply("scenario", 1L, channel.eventLoop())));
  }
}
