package dev.streamload.warmup;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import javax.management.ObjectName;

/**
 * Says when the JIT compiler has caught up with the code the warm-up runs: over the last {@link
 * #WINDOW_NANOS} of wall time, it spent less than {@link #QUIET_SHARE} of that time compiling (the
 * JVM's accumulated compilation time, all compiler threads), and the optimizing compiler (C2) is
 * neither compiling nor has anything queued. Polled between warm-up turns, from any thread; without
 * a compilation time the JVM reports, it never says so and the warm-up runs to its cap.
 *
 * <p>Why the second condition: the accumulated time counts finished compiles only, so one long
 * compile in progress looks like a quiet compiler. A 2.4 s C2 compile of Netty's {@code
 * fireChannelRead} ended a warm-up that way with the response decoder still queued behind it; its
 * 388 ms compile then ran during the load's first turn (docs/benchmark.md "Cold start"). The queue
 * is read with HotSpot's {@code compilerQueue} diagnostic command; a JVM without it is taken as
 * never busy.
 */
final class JitWatch {

  /** The window over which compiling is measured. */
  static final long WINDOW_NANOS = 500_000_000L;

  /** Compilation time per wall time under which the compiler counts as caught up. */
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

  /** A watch of this JVM's compiler, or null when the JVM does not report compilation time. */
  static JitWatch ofThisJvm() {
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    if (jit == null || !jit.isCompilationTimeMonitoringSupported()) {
      return null;
    }
    return new JitWatch(jit::getTotalCompilationTime, new CompilerQueue(), System::nanoTime);
  }

  /**
   * True when the text of HotSpot's {@code compilerQueue} command shows a C2 compile in progress or
   * queued.
   */
  static boolean optimizerBusy(String compilerQueue) {
    String section = "";
    for (String raw : compilerQueue.split("\\R")) {
      String line = raw.strip();
      if (line.endsWith(":") && !line.contains(" (")) {
        section = line;
        continue;
      }
      if (line.isEmpty() || line.equals("Empty")) {
        continue;
      }
      if (section.startsWith("Current compiles") && line.startsWith("C2 ")) {
        return true;
      }
      if (section.startsWith("C2 compile queue")) {
        return true;
      }
    }
    return false;
  }

  /** This JVM's compile queue through the diagnostic command; not busy once it fails. */
  static final class CompilerQueue implements BooleanSupplier {

    private volatile boolean unavailable;

    /** False once the diagnostic command failed (a JVM without it). */
    boolean available() {
      return !unavailable;
    }

    @Override
    public boolean getAsBoolean() {
      if (unavailable) {
        return false;
      }
      try {
        Object text =
            ManagementFactory.getPlatformMBeanServer()
                .invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"),
                    "compilerQueue",
                    new Object[] {null},
                    new String[] {String[].class.getName()});
        return optimizerBusy(String.valueOf(text));
      } catch (Exception | LinkageError e) {
        unavailable = true;
        return false;
      }
    }
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
