package dev.streamload.mock;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/** Encodes the events of one stream in one API dialect; every method returns a fresh buffer. */
interface SseDialect {

  /** The event written right after the headers, or null when the dialect has none. */
  ByteBuf opening(ByteBufAllocator alloc);

  /** The text-bearing event for fragment {@code index} (0-based). */
  ByteBuf fragment(ByteBufAllocator alloc, int index);

  /** Number of events that close an answer before {@code [DONE]}. */
  int closingCount();

  /**
   * Closing event {@code index} (0-based, below {@link #closingCount()}), such as usage.
   *
   * @param textFragments text fragments written in this stream
   */
  ByteBuf closing(ByteBufAllocator alloc, int index, int textFragments);

  /** An event whose data is broken JSON. */
  ByteBuf malformed(ByteBufAllocator alloc);
}
