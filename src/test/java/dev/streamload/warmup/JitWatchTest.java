package dev.streamload.warmup;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class JitWatchTest {

  private long nanos;
  private long compiledMillis;
  private boolean busy;

  private JitWatch watch() {
    return new JitWatch(() -> compiledMillis, () -> busy, () -> nanos);
  }

  @Test
  void aLongCompileInProgressOrAQueuedOneKeepsAQuietWindowFromCounting() {
    JitWatch jit = watch();
    busy = true;
    nanos += JitWatch.WINDOW_NANOS;
    assertFalse(jit.caughtUp(), "no finished compile time, but C2 is compiling");
    busy = false;
    nanos += JitWatch.WINDOW_NANOS;
    assertTrue(jit.caughtUp());
  }

  @Test
  void aBusyCompilerIsNotCaughtUpAndAQuietWindowAfterwardsIs() {
    JitWatch jit = watch();
    nanos += JitWatch.WINDOW_NANOS;
    compiledMillis += 300; // 60 % of the window spent compiling
    assertFalse(jit.caughtUp());
    nanos += JitWatch.WINDOW_NANOS;
    compiledMillis += 20; // 4 %
    assertTrue(jit.caughtUp());
    nanos += JitWatch.WINDOW_NANOS;
    compiledMillis += 400;
    assertTrue(jit.caughtUp(), "once caught up it stays so");
  }

  @Test
  void aWindowShorterThanItsLengthDecidesNothingEvenWhenQuiet() {
    JitWatch jit = watch();
    nanos += JitWatch.WINDOW_NANOS - 1;
    assertFalse(jit.caughtUp());
    nanos += 1;
    assertTrue(jit.caughtUp(), "a full quiet window");
  }

  @Test
  void theQuietShareIsTheBoundary() {
    JitWatch jit = watch();
    nanos += 1_000_000_000L;
    compiledMillis += Math.round(1000 * JitWatch.QUIET_SHARE); // exactly the share: not below it
    assertFalse(jit.caughtUp());
    nanos += 1_000_000_000L;
    compiledMillis += Math.round(1000 * JitWatch.QUIET_SHARE) - 1;
    assertTrue(jit.caughtUp());
  }
}
