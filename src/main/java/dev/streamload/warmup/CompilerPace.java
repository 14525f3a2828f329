package dev.streamload.warmup;

import java.time.Duration;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * Holds the loopback warm-up's users between turns while more than {@link #MOST_QUEUED} methods
 * wait for the optimizing compiler (C2), so that the warm-up's traffic never runs ahead of it.
 *
 * <p>Why: HotSpot's tiered compilation answers a long C2 queue in two ways that keep the code the
 * warm-up runs from ever reaching C2. It raises the calls a method needs before it is queued for C2
 * by a third of the queue's length per C2 thread ({@code Tier4LoadFeedback}: 5,000 calls become
 * 55,000 with 30 methods waiting), and while more than 5 wait per C2 thread ({@code Tier3DelayOn})
 * it compiles newly hot methods at tier 2, which keeps no profile, so they cannot move on to C2
 * before the queue is short again ({@code Tier3DelayOff}: 2). Sixteen users streaming as fast as
 * the loopback server answers kept 6 to 31 methods in the queue of a pinned client's one C2 thread
 * for the whole warm-up: its compile log held 2,786 tier-2 compiles, and 703 methods were first
 * queued for C2 during the load, a quarter of the load's first 30 s of CPU (docs/benchmark.md, "A
 * warm-up the compiler can keep up with").
 *
 * <p>The queue's length is read at most every {@link #REFRESH_NANOS} ({@link CompilerQueue}: a
 * diagnostic command, not free); a user finding it long pauses {@link #PAUSE}. Where the queue
 * cannot be read it reads as empty, and nobody is held.
 */
final class CompilerPace {

  /** Most methods waiting for C2 with which the warm-up's users go on ({@code Tier3DelayOff}). */
  static final int MOST_QUEUED = 2;

  /** How long a user waits when the queue is longer, before its next turn. */
  static final Duration PAUSE = Duration.ofMillis(10);

  /** How long a reading of the queue's length is used. */
  static final long REFRESH_NANOS = 5_000_000L;

  private final IntSupplier queued;
  private final LongSupplier clock;
  private boolean read;
  private long readAt;
  private int lastQueued;
  private long held;

  /**
   * @param queued methods waiting for C2 now ({@link CompilerQueue#optimizerQueued})
   * @param clock nanoseconds ({@link System#nanoTime})
   */
  CompilerPace(IntSupplier queued, LongSupplier clock) {
    this.queued = queued;
    this.clock = clock;
  }

  /** How long the user asking waits before its next turn: {@link #PAUSE} or zero. */
  synchronized Duration pause() {
    long now = clock.getAsLong();
    if (!read || now - readAt >= REFRESH_NANOS) {
      lastQueued = queued.getAsInt();
      readAt = now;
      read = true;
    }
    if (lastQueued > MOST_QUEUED) {
      held++;
      return PAUSE;
    }
    return Duration.ZERO;
  }

  /** Turns held so far. */
  synchronized long held() {
    return held;
  }
}
