package dev.streamload.mock;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Encodes the events of one stream in one API dialect; every method returns a fresh buffer holding
 * one event. A dialect may keep per-stream state (sequence numbers, the text so far): its methods
 * are called in stream order, openings first, then text, then closings or the error, then the end.
 */
interface SseDialect {

  /** Number of events written right after the headers, before any text (0 when none). */
  default int openingCount() {
    return 0;
  }

  /** Opening event {@code index} (0-based, below {@link #openingCount()}). */
  default ByteBuf opening(ByteBufAllocator alloc, int index) {
    throw new IndexOutOfBoundsException("no opening event " + index);
  }

  /** The text-bearing event for fragment {@code index} (0-based), one of the mock's own words. */
  ByteBuf fragment(ByteBufAllocator alloc, int index);

  /** A text-bearing event carrying {@code text} (JSON-escaped here). */
  ByteBuf text(ByteBufAllocator alloc, String text);

  /** Number of events that close an answer before the end marker. */
  int closingCount();

  /**
   * Closing event {@code index} (0-based, below {@link #closingCount()}), such as usage and the
   * finish reason.
   *
   * @param textFragments text fragments written in this stream
   * @param finishReason the reason the answer ends with, e.g. {@code stop} or {@code length}
   */
  ByteBuf closing(ByteBufAllocator alloc, int index, int textFragments, String finishReason);

  /**
   * The end-marker event after the closings, such as {@code data: [DONE]}, or null for an API that
   * has none and ends by ending the response.
   *
   * @param textFragments text fragments written in this stream
   * @param finishReason the reason the answer ends with, e.g. {@code stop} or {@code length}
   */
  ByteBuf end(ByteBufAllocator alloc, int textFragments, String finishReason);

  /** False for an API that has no end marker ({@link #end} is null): its stream ends by close. */
  default boolean hasEndMarker() {
    return true;
  }

  /** Number of events of an in-stream error ({@link Fault#ERROR_EVENT}). */
  default int errorCount() {
    return 1;
  }

  /** In-stream error event {@code index} (0-based, below {@link #errorCount()}). */
  ByteBuf error(ByteBufAllocator alloc, int index);

  /** The API's keep-alive event, or null for an API that sends none. */
  default ByteBuf ping(ByteBufAllocator alloc) {
    return null;
  }

  /**
   * How often the API sends {@link #ping} during a stream, in nanoseconds, 0 for not on its own
   * ({@code X-Mock-Ping-Ms} overrides it).
   */
  default long pingIntervalNanos() {
    return 0;
  }

  /** An event whose data is broken JSON. */
  ByteBuf malformed(ByteBufAllocator alloc);
}
