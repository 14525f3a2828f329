package dev.streamload.warmup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamload.config.InjectorConfig;
import dev.streamload.stream.EndRule;
import dev.streamload.stream.EventKind;
import dev.streamload.stream.EventParser;
import dev.streamload.stream.StreamDialect;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LoopbackWarmUpTest {

  private long nanos = 1_000;
  private long epochMillis = 5_000_000;
  private boolean caughtUp;

  /** The compiler's answer as the test sets it (caught up or not). */
  private java.util.function.BooleanSupplier jit() {
    return () -> caughtUp;
  }

  private LoopbackWarmUp.KeepGoing keepGoing(
      long capNanos, java.util.function.BooleanSupplier jit, long stopAt) {
    return new LoopbackWarmUp.KeepGoing(capNanos, jit, stopAt, () -> nanos, () -> epochMillis);
  }

  @Test
  void itRunsAtLeastItsMinimumThenUntilTheCompilerCaughtUp() {
    LoopbackWarmUp.KeepGoing go = keepGoing(10_000_000_000L, jit(), Long.MAX_VALUE);
    caughtUp = true;
    assertTrue(go.getAsBoolean(), "the first turn always runs");
    nanos += LoopbackWarmUp.MIN_NANOS - 1;
    assertTrue(go.getAsBoolean(), "caught up, but the minimum has not passed");
    nanos += 1;
    assertFalse(go.getAsBoolean());
  }

  @Test
  void aCompilerThatNeverCatchesUpIsCutAtTheCap() {
    LoopbackWarmUp.KeepGoing go = keepGoing(3_000_000_000L, jit(), Long.MAX_VALUE);
    caughtUp = false;
    assertTrue(go.getAsBoolean());
    nanos += 3_000_000_000L - 1;
    assertTrue(go.getAsBoolean());
    nanos += 1;
    assertFalse(go.getAsBoolean());
  }

  @Test
  void withoutACompilationTimeItRunsToTheCap() {
    LoopbackWarmUp.KeepGoing go = keepGoing(2_000_000_000L, null, Long.MAX_VALUE);
    assertTrue(go.getAsBoolean());
    nanos += 1_999_999_999L;
    assertTrue(go.getAsBoolean());
    nanos += 1;
    assertFalse(go.getAsBoolean());
  }

  @Test
  void itStopsBeforeTheStartGateWhateverTheCompilerSays() {
    LoopbackWarmUp.KeepGoing go = keepGoing(10_000_000_000L, jit(), epochMillis + 500);
    caughtUp = false;
    assertTrue(go.getAsBoolean());
    epochMillis += 500;
    assertFalse(go.getAsBoolean());
  }

  @Test
  void onlyTheLastWarmUpUserEndsTheWarmUpAndOnlyOnce() {
    int[] ends = {0};
    LoopbackWarmUp.LastUser last = new LoopbackWarmUp.LastUser(3, () -> ends[0]++);
    last.userDone(null);
    last.userDone(null);
    assertEquals(0, ends[0], "two of three users done");
    last.userDone(null);
    assertEquals(1, ends[0]);
    last.userDone(null);
    assertEquals(1, ends[0], "never twice");
  }

  @Test
  void theWaitForTheStartGateIsBoundedAndNeverNegative() {
    assertEquals(Duration.ZERO, LoopbackWarmUp.untilStart(Optional.empty()));
    assertEquals(
        Duration.ZERO, LoopbackWarmUp.untilStart(Optional.of(Instant.now().minusSeconds(5))));
    Duration soon = LoopbackWarmUp.untilStart(Optional.of(Instant.now().plusSeconds(30)));
    assertTrue(soon.compareTo(Duration.ofSeconds(30)) <= 0 && soon.getSeconds() >= 20, "" + soon);
    assertEquals(
        InjectorConfig.MAX_START_DISTANCE,
        LoopbackWarmUp.untilStart(
            Optional.of(Instant.now().plus(InjectorConfig.MAX_START_DISTANCE.multipliedBy(3)))));
  }

  @Test
  void theMadeUpAnswerIsTextEventsThenTheEndMarkerOfTheRunsDialect() {
    StreamDialect dialect = StreamDialect.projectDefault();
    List<byte[]> events = LoopbackWarmUp.events(dialect);
    assertEquals(LoopbackWarmUp.EVENTS + 1, events.size());
    EventParser parser = new EventParser(dialect);
    for (int i = 0; i < LoopbackWarmUp.EVENTS; i++) {
      assertEquals(EventKind.TEXT, parser.parse(message(events.get(i))).kind(), "event " + i);
    }
    assertEquals(
        "data: " + dialect.endMarker() + "\n\n",
        new String(events.get(LoopbackWarmUp.EVENTS), StandardCharsets.UTF_8));
  }

  @Test
  void aDialectWithoutADataMarkerGetsOnlyTextEvents() {
    StreamDialect dialect =
        StreamDialect.projectDefault().withEndRule(EndRule.event("message_stop"));
    assertEquals(LoopbackWarmUp.EVENTS, LoopbackWarmUp.events(dialect).size());
  }

  /** The message Gatling hands to the hook for an SSE event whose data is a JSON object. */
  private static String message(byte[] event) {
    String line = new String(event, StandardCharsets.UTF_8).strip();
    return "{\"data\":" + line.substring("data: ".length()) + "}";
  }
}
