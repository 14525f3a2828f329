package dev.streamload.warmup;

import dev.streamload.chains.StreamHooks;
import dev.streamload.config.RunConfig;
import dev.streamload.gatling.LiveStream;
import dev.streamload.gatling.OpenConnections;
import dev.streamload.gatling.ReportRows;
import dev.streamload.gatling.StreamRows;
import dev.streamload.metrics.ClockAnchor;
import dev.streamload.metrics.MetricsRegistry;
import dev.streamload.metrics.RunOrigin;
import dev.streamload.metrics.TraceWriter;
import dev.streamload.run.StreamloadRun;
import dev.streamload.stream.EventParser;
import dev.streamload.stream.FailureClass;
import dev.streamload.stream.StreamLimits;
import dev.streamload.stream.StreamResult;
import io.gatling.javaapi.core.Session;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Accounts for the warm-up's streams the way the run accounts for its own (a {@code LiveStream} per
 * stream, classification, metrics, a trace line, report rows), so that the same code runs and is
 * compiled, but into throwaway places: a registry of its own, a trace file that is deleted, and
 * report rows that the warm-up's silenced chain drops. Nothing here reaches the run's results.
 */
final class WarmUpStreams implements StreamHooks, AutoCloseable {

  private final StreamLimits limits;
  private final EventParser parser;
  private final RunConfig config;
  private final ClockAnchor anchor = ClockAnchor.now();
  private final MetricsRegistry registry;
  private final OpenConnections connections = new OpenConnections();
  private final Path traceFile;
  private final TraceWriter trace;
  private final AtomicLong seq = new AtomicLong();
  private final LongAdder streams = new LongAdder();
  private final LongAdder complete = new LongAdder();
  private final LongAdder identityFailures = new LongAdder();
  private volatile String firstIdentityFailure;
  private volatile long firstNanos;

  WarmUpStreams(RunConfig config) throws IOException {
    this.config = config;
    this.parser = new EventParser(config.stream().dialect());
    this.limits = config.stream().limits();
    RunOrigin origin = RunOrigin.provisional(System.nanoTime());
    this.registry =
        new MetricsRegistry(
            origin, anchor, MetricsRegistry.DEFAULT_BUCKET, MetricsRegistry.DEFAULT_MAX_BUCKETS);
    this.traceFile = Files.createTempFile("streamload-warm-up", ".jsonl");
    this.trace = new TraceWriter(traceFile, origin, anchor);
  }

  @Override
  public Session beginStream(Session session) {
    long n = seq.incrementAndGet();
    if (n == 1) {
      firstNanos = System.nanoTime();
    }
    String requestId = "warm-up-" + n;
    LiveStream live =
        LiveStream.onTheSystemClock(
            requestId,
            Long.toString(session.userId()),
            0,
            System.nanoTime(),
            limits,
            parser,
            config.stream().keepEventTimes(),
            config.answers().rules());
    return session.set(LiveStream.KEY, live).set(StreamloadRun.REQUEST_ID, requestId);
  }

  @Override
  public void replayBlocked(String requestId) {
    // Gatling re-sending a cut warm-up stream: refused by the signer, nothing to note.
  }

  @Override
  public OpenConnections openConnections() {
    return connections;
  }

  @Override
  public void endStream(Session session, ReportRows.Sink sink) {
    LiveStream live = session.get(LiveStream.KEY);
    StreamResult result = live.finish(System.nanoTime(), session);
    streams.increment();
    if (result.failure().isEmpty()) {
      complete.increment();
    }
    registry.record(result);
    trace.write(result);
    StreamRows.write(result, anchor, config.stream().gapRows(), sink);
  }

  @Override
  public void chainFailed(
      Session session, FailureClass failure, String step, String response, ReportRows.Sink sink) {
    // The loopback server answers every identity request; a failure here is the warm-up's own
    // problem (it says so at its end), never the run's: nothing is recorded.
    identityFailures.increment();
    if (firstIdentityFailure == null) {
      firstIdentityFailure = step + " " + failure.wireName();
    }
  }

  /** Identity steps of the warm-up that failed. */
  long identityFailures() {
    return identityFailures.sum();
  }

  /** The first of them ("login login_failed"), or null. */
  String firstIdentityFailure() {
    return firstIdentityFailure;
  }

  /** When the first warm-up stream started ({@link System#nanoTime()}; 0 before). */
  long firstNanos() {
    return firstNanos;
  }

  /** Warm-up streams ended so far. */
  long streams() {
    return streams.sum();
  }

  /** Of those, the ones that ended complete (the made-up answer read to its end marker). */
  long complete() {
    return complete.sum();
  }

  @Override
  public void close() {
    try {
      trace.close();
    } catch (IOException e) {
      // A throwaway file: nothing to report.
    }
    try {
      Files.deleteIfExists(traceFile);
    } catch (IOException e) {
      traceFile.toFile().deleteOnExit();
    }
  }
}
