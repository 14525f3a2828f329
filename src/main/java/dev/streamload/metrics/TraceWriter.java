package dev.streamload.metrics;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import dev.streamload.stream.StreamResult;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Writes {@code streams.jsonl}, one JSON line per finished stream; thread-safe and cheap for the
 * caller.
 *
 * <p>{@link #write} only puts the immutable {@link StreamResult} on a bounded queue (well under 1
 * µs, never blocking: when the queue is full the line is dropped and counted in {@link
 * #dropped()}). One daemon thread formats and writes the lines. It does not wait on the queue: it
 * wakes every {@link #DRAIN_EVERY_MILLIS} ms, writes what has queued up and flushes once. Waiting
 * on the queue made every {@code write} wake the thread (a futex call on the event loop that ends
 * the stream) and flush one line per write call; at 400 streams/s the writer thread then cost 5 %
 * of the client's CPU (docs/benchmark.md). A line reaches the file at most about {@link
 * #DRAIN_EVERY_MILLIS} ms after its stream ends. {@link #close()} writes everything queued, then
 * flushes and closes the file.
 *
 * <p>Lines hold ids, times and counts only, never header values or answers (a failure detail may
 * quote the start of an error body); see {@code docs/metrics.md} for the fields.
 */
public final class TraceWriter implements AutoCloseable {

  /** Default queue capacity in lines. */
  public static final int DEFAULT_CAPACITY = 65_536;

  /** How often the writing thread wakes to write the lines queued since. */
  public static final long DRAIN_EVERY_MILLIS = 50;

  private static final int BATCH = 1_024;
  private static final JsonFactory JSON =
      JsonFactory.builder().enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();

  private final BlockingQueue<StreamResult> queue;
  private final Thread drainer;
  private final Writer out;
  private final JsonGenerator generator;
  private final TraceLines lines;
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong written = new AtomicLong();
  private volatile boolean closed;
  private volatile IOException failure;

  /** A writer with {@link #DEFAULT_CAPACITY}. */
  public TraceWriter(Path file, long runStartNanos, ClockAnchor anchor) throws IOException {
    this(file, RunOrigin.at(runStartNanos), anchor, DEFAULT_CAPACITY);
  }

  /** A writer with {@link #DEFAULT_CAPACITY} whose times are relative to {@code origin}. */
  public TraceWriter(Path file, RunOrigin origin, ClockAnchor anchor) throws IOException {
    this(file, origin, anchor, DEFAULT_CAPACITY);
  }

  /** As {@link #TraceWriter(Path, RunOrigin, ClockAnchor, int)} with a fixed run start. */
  public TraceWriter(Path file, long runStartNanos, ClockAnchor anchor, int capacity)
      throws IOException {
    this(file, RunOrigin.at(runStartNanos), anchor, capacity);
  }

  /**
   * Opens (truncates) {@code file} and starts the writing thread.
   *
   * @param file the {@code streams.jsonl} file
   * @param origin the run start; times are written relative to it (read when a line is written)
   * @param anchor converts the send time to epoch milliseconds
   * @param capacity most lines waiting to be written
   */
  public TraceWriter(Path file, RunOrigin origin, ClockAnchor anchor, int capacity)
      throws IOException {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be >= 1, got " + capacity);
    }
    Path dir = file.toAbsolutePath().getParent();
    if (dir != null) {
      Files.createDirectories(dir);
    }
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    this.generator = JSON.createGenerator(out);
    this.generator.setRootValueSeparator(null);
    this.lines = new TraceLines(origin, anchor);
    this.drainer = new Thread(this::drain, "streamload-trace-writer");
    this.drainer.setDaemon(true);
    this.drainer.start();
  }

  /**
   * Queues one stream's line; returns at once. Returns false (and counts the line as dropped) when
   * the queue is full or the writer is closed.
   */
  public boolean write(StreamResult result) {
    if (closed || !queue.offer(result)) {
      dropped.incrementAndGet();
      return false;
    }
    return true;
  }

  /** Lines dropped because the queue was full or the writer closed. */
  public long dropped() {
    return dropped.get();
  }

  /** Lines written to the file so far. */
  public long written() {
    return written.get();
  }

  private void drain() {
    List<StreamResult> batch = new ArrayList<>(BATCH);
    while (true) {
      // Read closed before draining: every line queued before close() is then in this drain or
      // an earlier one.
      boolean last = closed;
      boolean wrote = false;
      while (queue.drainTo(batch, BATCH) > 0) {
        for (StreamResult r : batch) {
          writeLine(r);
        }
        batch.clear();
        wrote = true;
      }
      if (wrote && failure == null) {
        try {
          generator.flush();
        } catch (IOException e) {
          failure = e;
        }
      }
      if (last) {
        return;
      }
      LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(DRAIN_EVERY_MILLIS));
    }
  }

  private void writeLine(StreamResult r) {
    if (failure != null) {
      return;
    }
    try {
      lines.write(generator, r);
      generator.writeRaw('\n');
      written.incrementAndGet();
    } catch (IOException e) {
      failure = e;
    } catch (RuntimeException e) {
      failure = new IOException("could not write a trace line", e);
    }
  }

  /**
   * Writes every queued line, flushes and closes the file; waits for the writing thread.
   *
   * @throws IOException the first write error, if any happened
   */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    LockSupport.unpark(drainer);
    try {
      drainer.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      generator.close();
    } finally {
      out.close();
    }
    if (failure != null) {
      throw failure;
    }
  }
}
