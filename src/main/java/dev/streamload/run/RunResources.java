package dev.streamload.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamload.metrics.RunOrigin;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the load generator itself spent during a run (CPU, heap, resident memory, GC) and how many
 * events it handled, written to {@code resources.json} so the benchmark can report the client's
 * cost per 1,000 events and join its timings with the mock's ground truth.
 *
 * <p>Rates and costs cover the window after the warm-up ({@code bench.warmUp}, default 0), so JIT
 * compilation at the start does not count. Events are counted when their stream ends.
 *
 * <p>CPU is the whole JVM's (the embedded mock included, when there is one); the benchmark runs the
 * mock in its own process so that this is the client's cost alone.
 */
public final class RunResources {

  private final LongAdder events = new LongAdder();
  private final LongAdder streams = new LongAdder();
  private final RunOrigin origin;
  private final java.time.Duration warmUp;
  private volatile long startNanos;
  private volatile long startCpuNanos;
  private volatile long startGcMillis;
  private volatile long startEvents;

  /**
   * @param origin the run start that streams.jsonl times are relative to
   * @param warmUp time after the start of injection that the cost figures leave out (JIT
   *     compilation, connection set-up); zero counts everything
   */
  public RunResources(RunOrigin origin, java.time.Duration warmUp) {
    this.origin = origin;
    this.warmUp = warmUp;
  }

  /** Marks the start of injection; the cost window opens once the warm-up has passed. */
  public void start() {
    snapshot();
    if (!warmUp.isZero()) {
      Thread t = new Thread(this::afterWarmUp, "streamload-warm-up");
      t.setDaemon(true);
      t.start();
    }
  }

  private void afterWarmUp() {
    try {
      Thread.sleep(warmUp.toMillis());
      snapshot();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void snapshot() {
    startEvents = events.sum();
    startGcMillis = gcMillis();
    startCpuNanos = processCpuNanos();
    startNanos = System.nanoTime();
  }

  /** Counts one finished stream and its events (called per stream, not per event). */
  public void count(int streamEvents) {
    streams.increment();
    events.add(streamEvents);
  }

  /** Writes resources.json for the time since {@link #start()}. */
  public void write(Path file) throws IOException {
    long wall = System.nanoTime() - startNanos;
    long cpu = processCpuNanos() - startCpuNanos;
    long windowEvents = events.sum() - startEvents;
    long heapPeak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
        heapPeak += pool.getPeakUsage().getUsed();
      }
    }
    ObjectNode json = new ObjectMapper().createObjectNode();
    json.put("trace_origin_nanos", origin.nanos());
    json.put("wall_s", wall / 1e9);
    json.put("cpu_s", cpu / 1e9);
    json.put("cpu_cores_used", wall > 0 ? (double) cpu / wall : 0);
    json.put("warm_up_excluded_s", warmUp.toMillis() / 1000.0);
    json.put("streams", streams.sum());
    json.put("events", events.sum());
    json.put("events_in_window", windowEvents);
    json.put("events_per_s", wall > 0 ? windowEvents / (wall / 1e9) : 0);
    json.put("cpu_s_per_1000_events", windowEvents > 0 ? cpu / 1e9 / windowEvents * 1000 : 0);
    json.put("heap_peak_mib", heapPeak / 1048576.0);
    json.put("rss_peak_mib", rssPeakKib() / 1024.0);
    json.put("gc_s", (gcMillis() - startGcMillis) / 1000.0);
    json.put("available_processors", Runtime.getRuntime().availableProcessors());
    new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(file.toFile(), json);
  }

  private static long processCpuNanos() {
    java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean) {
      return ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime();
    }
    return -1;
  }

  private static long gcMillis() {
    long total = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      total += Math.max(0, gc.getCollectionTime());
    }
    return total;
  }

  /** VmHWM from /proc/self/status (Linux), in KiB; -1 elsewhere. */
  private static long rssPeakKib() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | NumberFormatException e) {
      // not Linux
    }
    return -1;
  }
}
