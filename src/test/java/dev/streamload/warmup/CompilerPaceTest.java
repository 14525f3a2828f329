package dev.streamload.warmup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CompilerPaceTest {

  private long nanos = 1_000;
  private int queued;
  private int reads;

  private CompilerPace pace() {
    return new CompilerPace(
        () -> {
          reads++;
          return queued;
        },
        () -> nanos);
  }

  @Test
  void aUserWaitsWhileMoreThanTheMostMethodsWaitForC2AndGoesOnOtherwise() {
    CompilerPace pace = pace();
    queued = CompilerPace.MOST_QUEUED;
    assertEquals(Duration.ZERO, pace.pause(), "as many as the most: go on");
    nanos += CompilerPace.REFRESH_NANOS;
    queued = CompilerPace.MOST_QUEUED + 1;
    assertEquals(CompilerPace.PAUSE, pace.pause());
    nanos += CompilerPace.REFRESH_NANOS;
    queued = 0;
    assertEquals(Duration.ZERO, pace.pause());
    assertEquals(1, pace.held());
  }

  @Test
  void theQueueIsReadAtMostOncePerRefreshAndItsLengthUsedMeanwhile() {
    CompilerPace pace = pace();
    queued = 30;
    assertEquals(CompilerPace.PAUSE, pace.pause());
    queued = 0;
    nanos += CompilerPace.REFRESH_NANOS - 1;
    assertEquals(CompilerPace.PAUSE, pace.pause(), "the last reading still holds");
    assertEquals(1, reads);
    nanos += 1;
    assertEquals(Duration.ZERO, pace.pause(), "read again once the refresh is due");
    assertEquals(2, reads);
    assertEquals(2, pace.held());
  }

  @Test
  void aQueueThatCannotBeReadHoldsNobody() {
    // CompilerQueue.read() gives an empty text once the diagnostic command failed.
    CompilerPace pace = new CompilerPace(() -> CompilerQueue.optimizerQueued(""), () -> nanos);
    assertEquals(Duration.ZERO, pace.pause());
    assertEquals(0, pace.held());
  }
}
