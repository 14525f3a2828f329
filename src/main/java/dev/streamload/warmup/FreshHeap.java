package dev.streamload.warmup;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

/**
 * Empties the heap's young generation between the warm-up and the load.
 *
 * <p>The warm-up allocates about as fast as a load does, so it ends with the young generation
 * anywhere between empty and full, and the load's first young collection then comes at a moment
 * nobody chose: with the Parallel collector and a 2 GiB heap it stops every thread for 10-20 ms,
 * which at the first events of a smoke run is that run's worst error (docs/benchmark.md "Idle
 * machine again"). One explicit collection here, while nothing is measured, moves the next one
 * seconds into the load, where it is one pause among the steady state's.
 */
final class FreshHeap {

  private FreshHeap() {}

  /** What {@link #collect} did. */
  record Collected(long collections, long millis) {

    @Override
    public String toString() {
      return collections > 0
          ? "heap collected in " + millis + " ms before the load"
          : "heap not collected before the load (explicit collections are off in this JVM)";
    }
  }

  /** Runs a full collection now ({@link System#gc}) and says whether the JVM did one. */
  static Collected collect() {
    long before = collections();
    long start = System.nanoTime();
    System.gc();
    return new Collected(collections() - before, (System.nanoTime() - start) / 1_000_000);
  }

  /** Collections so far, over all of the JVM's collectors. */
  static long collections() {
    long n = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      n += Math.max(0, gc.getCollectionCount());
    }
    return n;
  }
}
