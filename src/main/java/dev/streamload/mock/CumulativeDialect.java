package dev.streamload.mock;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * EventSource-style events whose text is cumulative: {@code data: {"text":"<the whole answer so
 * far>"}} per fragment (no {@code event:} line, so a browser sees {@code message} events), then
 * {@code event: done} with {@code {"finish_reason":..,"usage":{"output_tokens":n}}}, after which
 * the response ends (an EventSource client must close on {@code done}, or it reconnects). An
 * in-stream error is {@code event: error} with {@code {"error":{"message":..,"type":..}}}.
 */
final class CumulativeDialect implements SseDialect {

  private static final ByteBuf ERROR =
      MockText.shared(
          MockText.namedEvent(
              "error", "{\"error\":{\"message\":\"mock overloaded\",\"type\":\"server_error\"}}"));

  private final StringBuilder text = new StringBuilder();

  @Override
  public ByteBuf fragment(ByteBufAllocator alloc, int index) {
    return text(alloc, MockText.fragment(index));
  }

  @Override
  public ByteBuf text(ByteBufAllocator alloc, String delta) {
    text.append(delta);
    return MockText.buffer(
        alloc, "data: {\"text\":" + MockText.jsonString(text.toString()) + "}\n\n");
  }

  @Override
  public int closingCount() {
    return 0;
  }

  @Override
  public ByteBuf closing(
      ByteBufAllocator alloc, int index, int textFragments, String finishReason) {
    throw new IndexOutOfBoundsException("the cumulative dialect has no closing before done");
  }

  @Override
  public ByteBuf end(ByteBufAllocator alloc, int textFragments, String finishReason) {
    return MockText.buffer(
        alloc,
        MockText.namedEvent(
            "done",
            "{\"finish_reason\":"
                + MockText.jsonString(finishReason)
                + ",\"usage\":{\"output_tokens\":"
                + textFragments
                + "}}"));
  }

  @Override
  public ByteBuf error(ByteBufAllocator alloc, int index) {
    return ERROR.duplicate();
  }

  @Override
  public ByteBuf malformed(ByteBufAllocator alloc) {
    String quoted = MockText.jsonString(text.toString());
    // The string is never closed.
    return MockText.buffer(
        alloc, "data: {\"text\":" + quoted.substring(0, quoted.length() - 1) + "\n\n");
  }
}
