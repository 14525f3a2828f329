package dev.streamload.config;

/**
 * What the JIT compiler's threads get for the load once the loopback warm-up is done ({@code
 * -DwarmUp.compilerPriority}): the load's first compiles otherwise take the client's core from its
 * event loops for a few milliseconds at a time (docs/benchmark.md "The compiler's time slices").
 */
public enum CompilerPriority {
  /** {@code SCHED_IDLE}: the kernel gives the core to any other thread that wants it, at once. */
  IDLE,
  /** Nice 10: a smaller share of a busy core; a compile still keeps the core for its time slice. */
  LOW,
  /** As the JVM started them. */
  NORMAL
}
