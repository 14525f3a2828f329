package dev.streamload.mock;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;

/**
 * The project's default dialect: {@code data: {"delta":"word "}} fragments, then {@code data:
 * {"usage":{"output_tokens":n},"finish_reason":"stop"}}, then {@code data: [DONE]}.
 */
final class DefaultDialect implements SseDialect {

  /** Shared by every stream: the dialect has no per-stream state. */
  static final DefaultDialect INSTANCE = new DefaultDialect();

  private static final ByteBuf[] FRAGMENTS = new ByteBuf[MockText.distinctFragments()];
  private static final ByteBuf MALFORMED = MockText.shared("data: {\"delta\": \"abc\n\n");

  static {
    for (int i = 0; i < FRAGMENTS.length; i++) {
      FRAGMENTS[i] = MockText.shared("data: {\"delta\":\"" + MockText.fragment(i) + "\"}\n\n");
    }
  }

  private DefaultDialect() {}

  @Override
  public ByteBuf fragment(ByteBufAllocator alloc, int index) {
    return FRAGMENTS[index % FRAGMENTS.length].duplicate();
  }

  @Override
  public ByteBuf text(ByteBufAllocator alloc, String text) {
    ByteBuf buffer = alloc.directBuffer(text.length() + 24);
    ByteBufUtil.writeUtf8(buffer, "data: {\"delta\":" + MockText.jsonString(text) + "}\n\n");
    return buffer;
  }

  @Override
  public int closingCount() {
    return 1;
  }

  @Override
  public ByteBuf closing(
      ByteBufAllocator alloc, int index, int textFragments, String finishReason) {
    ByteBuf buffer = alloc.directBuffer(96);
    ByteBufUtil.writeUtf8(
        buffer,
        "data: {\"usage\":{\"output_tokens\":"
            + textFragments
            + "},\"finish_reason\":"
            + MockText.jsonString(finishReason)
            + "}\n\n");
    return buffer;
  }

  @Override
  public ByteBuf end(ByteBufAllocator alloc, int textFragments, String finishReason) {
    return MockText.DONE.duplicate();
  }

  @Override
  public ByteBuf error(ByteBufAllocator alloc, int index) {
    return MockText.ERROR_EVENT.duplicate();
  }

  @Override
  public ByteBuf malformed(ByteBufAllocator alloc) {
    return MALFORMED.duplicate();
  }
}
