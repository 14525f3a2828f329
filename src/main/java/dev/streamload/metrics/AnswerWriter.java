package dev.streamload.metrics;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.streamload.stream.StreamResult;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes the opt-in answer sample, {@code answers.jsonl}: the generated text of chosen streams, one
 * JSON line per stream, so a tester can read what the API said under load. The text may be
 * sensitive (it is whatever the API answered); it goes only to this file, never to logs, {@code
 * streams.jsonl} or the reports.
 *
 * <p>Streams are chosen in start order: every {@code every}-th stream ({@link #select()}), until
 * {@code max} are chosen, so at most {@code max} streams keep their text for the sample.
 * Thread-safe; a line is written under a lock by the caller (at most {@code max} times per run).
 */
public final class AnswerWriter implements AutoCloseable {

  private static final JsonFactory JSON = JsonFactory.builder().build();

  private final int max;
  private final int every;
  private final AtomicLong started = new AtomicLong();
  private final Writer out;
  private final JsonGenerator generator;
  private long written;
  private boolean closed;
  private IOException failure;

  /**
   * Opens (truncates) {@code file}.
   *
   * @param max most answers written, at least 1
   * @param every every k-th started stream is chosen, at least 1
   */
  public AnswerWriter(Path file, int max, int every) throws IOException {
    if (max < 1 || every < 1) {
      throw new IllegalArgumentException(
          "max and every must be >= 1, got max=" + max + ", every=" + every);
    }
    Path dir = file.toAbsolutePath().getParent();
    if (dir != null) {
      Files.createDirectories(dir);
    }
    this.max = max;
    this.every = every;
    this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    this.generator = JSON.createGenerator(out);
    this.generator.setRootValueSeparator(null);
  }

  /** Call once per stream as it starts: true when this stream's answer belongs in the sample. */
  public boolean select() {
    long n = started.getAndIncrement();
    return n % every == 0 && n / every < max;
  }

  /**
   * Writes one chosen stream's line: ids, outcome, finish reason, length and the text. Does nothing
   * when {@code text} is null or the writer is closed.
   */
  public synchronized void write(StreamResult r, String text) {
    if (text == null || closed || failure != null) {
      return;
    }
    try {
      generator.writeStartObject();
      generator.writeStringField("request_id", r.requestId());
      generator.writeStringField("user", r.userId());
      generator.writeNumberField("step", r.step());
      generator.writeStringField("outcome", r.ok() ? "ok" : "ko");
      generator.writeStringField(
          "failure", r.failure().isPresent() ? r.failure().get().wireName() : null);
      generator.writeStringField("detail", r.detail());
      generator.writeStringField("finish_reason", r.finishReason());
      generator.writeNumberField("text_chars", r.textChars());
      generator.writeStringField("text", text);
      generator.writeEndObject();
      generator.writeRaw('\n');
      written++;
    } catch (IOException e) {
      failure = e;
    }
  }

  /** Lines written so far. */
  public synchronized long written() {
    return written;
  }

  /**
   * Flushes and closes the file.
   *
   * @throws IOException the first write error, if any happened
   */
  @Override
  public synchronized void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
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
