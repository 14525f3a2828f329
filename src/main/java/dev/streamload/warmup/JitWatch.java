package dev.streamload.warmup;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Says when the JIT compiler has caught up with the code the warm-up runs: over the last {@link
 * #WINDOW_NANOS} of wall time, its threads were on a CPU less than {@link #QUIET_SHARE} of that
 * time ({@link CompilerCpu}; where that cannot be read, the JVM's accumulated compilation time),
 * and the optimizing compiler (C2) is neither compiling nor has anything queued. Polled between
 * warm-up turns, from any thread; without either measure it never says so and the warm-up runs to
 * its cap.
 *
 * <p>Why the second condition: both measures count time already spent, so one long compile that
 * just started looks like a quiet compiler. A 2.4 s C2 compile of Netty's {@code fireChannelRead}
 * ended a warm-up that way with the response decoder still queued behind it; its 388 ms compile
 * then ran during the load's first turn (docs/benchmark.md "Cold start"). The queue is read with
 * HotSpot's {@code compilerQueue} diagnostic command ({@link CompilerQueue}); a JVM without it is
 * taken as never busy.
 */
final class JitWatch {

  /** The window over which compiling is measured. */
  static final long WINDOW_NANOS = 500_000_000L;

  /** Compiling time per wall time under which the compiler counts as caught up. */
  static final double QUIET_SHARE = 0.10;

  private final LongSupplier compileMillis;
  private final BooleanSupplier optimizerBusy;
  private final LongSupplier clock;
  private long windowStart;
  private long compiledAtWindowStart;
  private boolean caughtUp;

  JitWatch(LongSupplier compileMillis, BooleanSupplier optimizerBusy, LongSupplier clock) {
    this.compileMillis = compileMillis;
    this.optimizerBusy = optimizerBusy;
    this.clock = clock;
    this.windowStart = clock.getAsLong();
    this.compiledAtWindowStart = compileMillis.getAsLong();
  }

  /**
   * A watch of this JVM's compiler, its C2 queue read through {@code queue}; null when neither the
   * compiler threads' CPU time nor the JVM's compilation time can be read.
   */
  static JitWatch ofThisJvm(CompilerQueue queue) {
    CompilerCpu cpu = CompilerCpu.ofThisJvm();
    if (cpu != null) {
      return new JitWatch(cpu, queue::optimizerBusy, System::nanoTime);
    }
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    if (jit == null || !jit.isCompilationTimeMonitoringSupported()) {
      return null;
    }
    return new JitWatch(jit::getTotalCompilationTime, queue::optimizerBusy, System::nanoTime);
  }

  /**
   * True once a whole window passed with the compiler below its quiet share and C2 idle at its end;
   * stays true.
   */
  synchronized boolean caughtUp() {
    if (caughtUp) {
      return true;
    }
    long now = clock.getAsLong();
    long elapsed = now - windowStart;
    if (elapsed < WINDOW_NANOS) {
      return false;
    }
    long compiled = compileMillis.getAsLong();
    double share = (compiled - compiledAtWindowStart) * 1e6 / elapsed;
    windowStart = now;
    compiledAtWindowStart = compiled;
    caughtUp = share < QUIET_SHARE && !optimizerBusy.getAsBoolean();
    return caughtUp;
  }
}
