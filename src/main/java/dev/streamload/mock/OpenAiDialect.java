package dev.streamload.mock;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;

/**
 * The OpenAI chat completions dialect: a role-only chunk, content chunks, a finish chunk (with the
 * plan's finish reason), an optional usage chunk; the caller adds {@code data: [DONE]}.
 */
final class OpenAiDialect implements SseDialect {

  private static final byte[][] CONTENT_TAILS = new byte[MockText.distinctFragments()][];
  private static final byte[] ROLE_TAIL =
      MockText.utf8(
          "{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},"
              + "\"finish_reason\":null}]}\n\n");
  private static final byte[] FINISH_TAIL =
      MockText.utf8("{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n");
  private static final byte[] MALFORMED_TAIL =
      MockText.utf8("{\"index\":0,\"delta\":{\"content\": \"abc\n\n");

  static {
    for (int i = 0; i < CONTENT_TAILS.length; i++) {
      CONTENT_TAILS[i] =
          MockText.utf8(
              "{\"index\":0,\"delta\":{\"content\":\""
                  + MockText.fragment(i)
                  + "\"},\"finish_reason\":null}]}\n\n");
    }
  }

  private final byte[] head;
  private final boolean includeUsage;
  private final int promptTokens;

  /**
   * Prepares the per-stream prefix shared by every chunk.
   *
   * @param completionId the {@code id} of every chunk, e.g. {@code chatcmpl-mock1}
   * @param createdEpochSeconds the {@code created} time in seconds since the epoch
   * @param model the model name echoed from the request
   * @param includeUsage whether to send a usage chunk ({@code stream_options.include_usage})
   * @param promptTokens the prompt token estimate reported in usage
   */
  OpenAiDialect(
      String completionId,
      long createdEpochSeconds,
      String model,
      boolean includeUsage,
      int promptTokens) {
    this.head =
        MockText.utf8(
            "data: {\"id\":\""
                + quote(completionId)
                + "\",\"object\":\"chat.completion.chunk\",\"created\":"
                + createdEpochSeconds
                + ",\"model\":\""
                + quote(model)
                + "\",\"choices\":[");
    this.includeUsage = includeUsage;
    this.promptTokens = promptTokens;
  }

  private static String quote(String text) {
    return new String(JsonStringEncoder.getInstance().quoteAsString(text));
  }

  private ByteBuf chunk(ByteBufAllocator alloc, byte[] tail) {
    return alloc.directBuffer(head.length + tail.length).writeBytes(head).writeBytes(tail);
  }

  @Override
  public int openingCount() {
    return 1;
  }

  @Override
  public ByteBuf opening(ByteBufAllocator alloc, int index) {
    return chunk(alloc, ROLE_TAIL);
  }

  @Override
  public ByteBuf fragment(ByteBufAllocator alloc, int index) {
    return chunk(alloc, CONTENT_TAILS[index % CONTENT_TAILS.length]);
  }

  @Override
  public ByteBuf text(ByteBufAllocator alloc, String text) {
    return chunk(
        alloc,
        MockText.utf8(
            "{\"index\":0,\"delta\":{\"content\":"
                + MockText.jsonString(text)
                + "},\"finish_reason\":null}]}\n\n"));
  }

  @Override
  public int closingCount() {
    return includeUsage ? 2 : 1;
  }

  @Override
  public ByteBuf closing(
      ByteBufAllocator alloc, int index, int textFragments, String finishReason) {
    if (index == 0) {
      return chunk(
          alloc,
          MockText.STOP.equals(finishReason)
              ? FINISH_TAIL
              : MockText.utf8(
                  "{\"index\":0,\"delta\":{},\"finish_reason\":"
                      + MockText.jsonString(finishReason)
                      + "}]}\n\n"));
    }
    String usage =
        "],\"usage\":{\"prompt_tokens\":"
            + promptTokens
            + ",\"completion_tokens\":"
            + textFragments
            + ",\"total_tokens\":"
            + (promptTokens + textFragments)
            + "}}\n\n";
    ByteBuf buffer = alloc.directBuffer(head.length + usage.length());
    buffer.writeBytes(head);
    ByteBufUtil.writeAscii(buffer, usage);
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
    return chunk(alloc, MALFORMED_TAIL);
  }
}
