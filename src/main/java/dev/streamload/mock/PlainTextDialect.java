package dev.streamload.mock;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Plain-text events as Spring WebFlux writes a {@code Flux<String>}: {@code data:word } (no space
 * after the colon, the text itself, no JSON), no closing event and no end marker: the stream ends
 * when the response ends. An in-stream error is {@code event:error} with the message as data.
 */
final class PlainTextDialect implements SseDialect {

  /** Shared by every stream: the dialect has no per-stream state. */
  static final PlainTextDialect INSTANCE = new PlainTextDialect();

  private static final ByteBuf[] FRAGMENTS = new ByteBuf[MockText.distinctFragments()];
  private static final ByteBuf ERROR = MockText.shared("event:error\ndata:mock overloaded\n\n");

  /** Plain text cannot break JSON; a malformed event is one whose bytes are not UTF-8. */
  private static final byte[] NOT_UTF8 = {'d', 'a', 't', 'a', ':', (byte) 0xC3, 0x28, '\n', '\n'};

  static {
    for (int i = 0; i < FRAGMENTS.length; i++) {
      FRAGMENTS[i] = MockText.shared(event(MockText.fragment(i)));
    }
  }

  private PlainTextDialect() {}

  /** One event per line of the text, as Spring splits a multi-line string. */
  private static String event(String text) {
    return "data:" + text.replace("\n", "\ndata:") + "\n\n";
  }

  @Override
  public ByteBuf fragment(ByteBufAllocator alloc, int index) {
    return FRAGMENTS[index % FRAGMENTS.length].duplicate();
  }

  @Override
  public ByteBuf text(ByteBufAllocator alloc, String text) {
    return MockText.buffer(alloc, event(text));
  }

  @Override
  public int closingCount() {
    return 0;
  }

  @Override
  public ByteBuf closing(
      ByteBufAllocator alloc, int index, int textFragments, String finishReason) {
    throw new IndexOutOfBoundsException("plain text has no closing event");
  }

  @Override
  public ByteBuf end(ByteBufAllocator alloc, int textFragments, String finishReason) {
    return null;
  }

  @Override
  public boolean hasEndMarker() {
    return false;
  }

  @Override
  public ByteBuf error(ByteBufAllocator alloc, int index) {
    return ERROR.duplicate();
  }

  @Override
  public ByteBuf malformed(ByteBufAllocator alloc) {
    return alloc.directBuffer(NOT_UTF8.length).writeBytes(NOT_UTF8);
  }
}
