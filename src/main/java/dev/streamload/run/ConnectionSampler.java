package dev.streamload.run;

import dev.streamload.metrics.ConnectionSample;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Samples, once a second, the client's open connections to the target, the connections it opened
 * since the previous sample, and the streams in flight: the brief's service fell over on connection
 * counts, not on latency, so the run shows them over time ({@code summary.json}'s {@code
 * connections_over_time}, the dashboard). The connections are those that carried a stream request,
 * counted in-process as requests are written and connections close ({@link
 * dev.streamload.gatling.OpenConnections}): no system call and no scan of {@code /proc}, which cost
 * the event loop's core a few milliseconds every second (docs/benchmark.md). A connection that
 * opens and closes between two samples is not seen.
 */
public final class ConnectionSampler implements AutoCloseable {

  /** Time between samples. */
  public static final long PERIOD_MILLIS = 1_000;

  private final Supplier<Set<String>> sockets;
  private final LongSupplier inFlight;
  private final LongSupplier clock;
  private final LongSupplier origin;
  private final List<ConnectionSample> samples = new ArrayList<>();
  private Set<String> previous = Set.of();
  private ScheduledExecutorService timer;

  /**
   * @param sockets identities of the open connections now (null when unknown)
   * @param inFlight streams in flight now
   * @param clock nanoseconds ({@link System#nanoTime()})
   * @param origin the run's time origin on that clock (read at each sample: it is fixed at the
   *     first user's arrival)
   */
  public ConnectionSampler(
      Supplier<Set<String>> sockets,
      LongSupplier inFlight,
      LongSupplier clock,
      LongSupplier origin) {
    this.sockets = sockets;
    this.inFlight = inFlight;
    this.clock = clock;
    this.origin = origin;
  }

  /** Samples {@code sockets} once a second on a daemon thread, until {@link #close()}. */
  public static ConnectionSampler start(
      Supplier<Set<String>> sockets, LongSupplier inFlight, LongSupplier origin) {
    ConnectionSampler sampler = new ConnectionSampler(sockets, inFlight, System::nanoTime, origin);
    sampler.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "streamload-connections");
              t.setDaemon(true);
              return t;
            });
    sampler.timer.scheduleAtFixedRate(
        sampler::sample, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    return sampler;
  }

  /** Takes one sample now. */
  public synchronized void sample() {
    double t = (clock.getAsLong() - origin.getAsLong()) / 1e9;
    Set<String> now = sockets.get();
    long streams = inFlight.getAsLong();
    if (now == null) {
      samples.add(new ConnectionSample(t, -1, -1, streams));
      return;
    }
    Set<String> fresh = new HashSet<>(now);
    fresh.removeAll(previous);
    previous = now;
    samples.add(new ConnectionSample(t, now.size(), fresh.size(), streams));
  }

  /** The samples so far, in time order. */
  public synchronized List<ConnectionSample> samples() {
    return List.copyOf(samples);
  }

  /** Peak of {@link ConnectionSample#open()} over the samples, -1 when unknown or none. */
  public synchronized long peakOpen() {
    return samples.stream().mapToLong(ConnectionSample::open).max().orElse(-1);
  }

  /** Stops sampling. */
  @Override
  public void close() {
    if (timer != null) {
      timer.shutdownNow();
    }
  }
}
