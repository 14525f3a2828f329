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
  void theCompilerQueueTextSaysWhetherC2IsBusy() {
    String idle = "Current compiles: \n\nC1 compile queue:\nEmpty\n\nC2 compile queue:\nEmpty\n\n";
    String c1Only =
        "Current compiles: \nC1 CompilerThread0  10862       3       java.lang.String::length"
            + " (11 bytes)\n\nC1 compile queue:\n10870       3       java.util.HashMap::get (23"
            + " bytes)\n\nC2 compile queue:\nEmpty\n\n";
    String compiling =
        "Current compiles: \nC2 CompilerThread0  10800       4       io.netty.channel."
            + "AbstractChannelHandlerContext::fireChannelRead (142 bytes)\n\nC1 compile queue:\n"
            + "Empty\n\nC2 compile queue:\nEmpty\n\n";
    String queued =
        "Current compiles: \n\nC1 compile queue:\nEmpty\n\nC2 compile queue:\n10871       4"
            + "       io.netty.handler.codec.http.HttpObjectDecoder::decode (933 bytes)\n\n";

    assertFalse(JitWatch.optimizerBusy(idle));
    assertFalse(JitWatch.optimizerBusy(c1Only), "C1's work does not hold the warm-up");
    assertTrue(JitWatch.optimizerBusy(compiling));
    assertTrue(JitWatch.optimizerBusy(queued));
  }

  @Test
  void thisJvmsCompilerQueueIsReadThroughTheDiagnosticCommand() {
    JitWatch.CompilerQueue queue = new JitWatch.CompilerQueue();
    queue.getAsBoolean(); // busy or not, whatever C2 does right now
    assertTrue(queue.available(), "HotSpot's compilerQueue command answered");
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
