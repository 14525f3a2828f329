package dev.streamload.warmup;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.function.LongSupplier;

/**
 * Says when the JIT compiler has caught up with the code the warm-up runs: over the last {@link
 * #WINDOW_NANOS} of wall time, it spent less than {@link #QUIET_SHARE} of that time compiling (the
 * JVM's accumulated compilation time, all compiler threads). Polled between warm-up turns, from any
 * thread; without a compilation time the JVM reports, it never says so and the warm-up runs to its
 * cap.
 */
final class JitWatch {

  /** The window over which compiling is measured. */
  static final long WINDOW_NANOS = 500_000_000L;

  /** Compilation time per wall time under which the compiler counts as caught up. */
  static final double QUIET_SHARE = 0.10;

  private final LongSupplier compileMillis;
  private final LongSupplier clock;
  private long windowStart;
  private long compiledAtWindowStart;
  private boolean caughtUp;

  JitWatch(LongSupplier compileMillis, LongSupplier clock) {
    this.compileMillis = compileMillis;
    this.clock = clock;
    this.windowStart = clock.getAsLong();
    this.compiledAtWindowStart = compileMillis.getAsLong();
  }

  /** A watch of this JVM's compiler, or null when the JVM does not report compilation time. */
  static JitWatch ofThisJvm() {
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    if (jit == null || !jit.isCompilationTimeMonitoringSupported()) {
      return null;
    }
    return new JitWatch(jit::getTotalCompilationTime, System::nanoTime);
  }

  /** True once a whole window passed with the compiler below its quiet share; stays true. */
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
    caughtUp = share < QUIET_SHARE;
    return caughtUp;
  }
}
