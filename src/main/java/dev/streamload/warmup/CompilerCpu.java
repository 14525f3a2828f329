package dev.streamload.warmup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * CPU time of this JVM's JIT compiler threads so far, in milliseconds: the sum of the first field
 * of each one's {@code /proc/self/task/<tid>/schedstat} (nanoseconds on a CPU). Linux only; {@link
 * #ofThisJvm} says when it cannot be read.
 *
 * <p>Why not the JVM's own compilation time ({@code CompilationMXBean}): that is the compiles'
 * elapsed time. On a client core shared with the warm-up's event loops a compile waits for the core
 * most of that time, so a compiler with little left to do still looked busy, and a pinned client's
 * warm-up ran to its cap every time (docs/benchmark.md, "A warm-up the compiler can keep up with").
 */
final class CompilerCpu implements LongSupplier {

  private final Path tasks;

  CompilerCpu(Path tasks) {
    this.tasks = tasks;
  }

  /** This JVM's compiler threads' CPU time, or null when it cannot be read (not Linux). */
  static CompilerCpu ofThisJvm() {
    CompilerCpu cpu = new CompilerCpu(Path.of("/proc/self/task"));
    return cpu.readable() ? cpu : null;
  }

  /** True when at least one compiler thread and its {@code schedstat} are found. */
  boolean readable() {
    return threads().stream().anyMatch(id -> nanos(id) >= 0);
  }

  @Override
  public long getAsLong() {
    long nanos = 0;
    for (long id : threads()) {
      nanos += Math.max(0, nanos(id));
    }
    return nanos / 1_000_000;
  }

  /** The compiler threads now (HotSpot starts and stops C2 threads as its queue grows). */
  private List<Long> threads() {
    return CompilerThreads.find(tasks, CompilerThreads.HOTSPOT_NAMES);
  }

  /** The thread's CPU time in nanoseconds, or -1 when it is gone or its file is not as expected. */
  private long nanos(long id) {
    try {
      String schedstat =
          Files.readString(
              tasks.resolve(Long.toString(id)).resolve("schedstat"), StandardCharsets.US_ASCII);
      return Long.parseLong(schedstat.strip().split(" ", 2)[0]);
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
  }
}
