package dev.streamload.mock;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/** Encodes the events of one stream in one API dialect; every method returns a fresh buffer. */
interface SseDialect {

  /** The event written right after the headers, or null when the dialect has none. */
  ByteBuf opening(ByteBufAllocator alloc);

  /** The text-bearing event for fragment {@code index} (0-based), one of the mock's own words. */
  ByteBuf fragment(ByteBufAllocator alloc, int index);

  /** A text-bearing event carrying {@code text} (JSON-escaped here). */
  ByteBuf text(ByteBufAllocator alloc, String text);

  /** Number of events that close an answer before {@code [DONE]}. */
  int closingCount();

  /**
   * Closing event {@code index} (0-based, below {@link #closingCount()}), such as usage and the
   * finish reason.
   *
   * @param textFragments text fragments written in this stream
   * @param finishReason the reason the answer ends with, e.g. {@code stop} or {@code length}
   */
  ByteBuf closing(ByteBufAllocator alloc, int index, int textFragments, String finishReason);

  /** An event whose data is broken JSON. */
  ByteBuf malformed(ByteBufAllocator alloc);
}
