package dev.streamload.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class StreamResultTest {

  private static StreamResult result(long first, long last, long end, long tokens) {
    return new StreamResult(
        "r",
        "u",
        0,
        0,
        100,
        150,
        first,
        last,
        end,
        end,
        200,
        1,
        2,
        5,
        tokens,
        TokenSource.USAGE,
        new long[0],
        0,
        Termination.END_MARKER_RECEIVED,
        Optional.empty(),
        null,
        null);
  }

  @Test
  void leavesTpotUndefinedBelowTwoTokens() {
    assertEquals(-1, result(200, 200, 300, 1).tpotNanos());
    assertEquals(-1, result(200, 200, 300, 0).tpotNanos());
  }

  @Test
  void computesTpotOverTokensMinusOne() {
    assertEquals(25, result(200, 300, 310, 5).tpotNanos());
  }

  @Test
  void leavesEveryDerivedTimeUndefinedWhenItsClockDidNotStop() {
    StreamResult s = result(StreamResult.ABSENT, StreamResult.ABSENT, StreamResult.ABSENT, 0);
    assertEquals(-1, s.ttftNanos());
    assertEquals(-1, s.e2eNanos());
    assertEquals(-1, s.tpotNanos());
    assertEquals(-1, s.ttftFromScheduleNanos());
    assertEquals(-1, s.outputTokensPerSecond());
    assertEquals(50, s.timeToHeadersNanos());
    assertEquals(100, s.scheduleLagNanos());
  }

  @Test
  void leavesTheRateUndefinedWhenEndAndFirstTextCoincide() {
    assertEquals(-1, result(200, 200, 200, 3).outputTokensPerSecond());
  }

  @Test
  void recordsAFailureBeforeTheStreamWithoutTimes() {
    StreamResult s =
        StreamResult.failedBeforeStream(
            "r", "u", 2, 10, 50, FailureClass.LOGIN_FAILED, "401 from /login token=abc");
    assertFalse(s.ok());
    assertEquals(Optional.of(FailureClass.LOGIN_FAILED), s.failure());
    assertEquals(-1, s.ttftNanos());
    assertEquals(-1, s.scheduleLagNanos());
    assertEquals("401 from /login token=***", s.detail());
  }
}
