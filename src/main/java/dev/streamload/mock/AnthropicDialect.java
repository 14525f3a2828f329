package dev.streamload.mock;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Anthropic Messages events: {@code message_start}, {@code content_block_start}, {@code ping}, one
 * {@code content_block_delta} ({@code text_delta}) per fragment, {@code content_block_stop}, {@code
 * message_delta} (stop reason, output tokens), {@code message_stop}; no {@code [DONE]}.
 */
final class AnthropicDialect implements SseDialect {

  private static final ByteBuf[] FRAGMENTS = new ByteBuf[MockText.distinctFragments()];
  private static final ByteBuf BLOCK_START =
      MockText.shared(
          MockText.namedEvent(
              "content_block_start",
              "{\"type\":\"content_block_start\",\"index\":0,"
                  + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"));
  private static final ByteBuf PING =
      MockText.shared(MockText.namedEvent("ping", "{\"type\": \"ping\"}"));
  private static final ByteBuf BLOCK_STOP =
      MockText.shared(
          MockText.namedEvent(
              "content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"));
  private static final ByteBuf MESSAGE_STOP =
      MockText.shared(MockText.namedEvent("message_stop", "{\"type\":\"message_stop\"}"));
  private static final ByteBuf ERROR =
      MockText.shared(
          MockText.namedEvent(
              "error",
              "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\","
                  + "\"message\":\"Overloaded\"}}"));
  private static final ByteBuf MALFORMED =
      MockText.shared(
          "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
              + "\"delta\":{\"type\":\"text_delta\",\"text\": \"abc\n\n");

  static {
    for (int i = 0; i < FRAGMENTS.length; i++) {
      FRAGMENTS[i] = MockText.shared(delta(MockText.fragment(i)));
    }
  }

  private final String messageId;
  private final String model;
  private final int inputTokens;

  /**
   * Prepares one stream.
   *
   * @param messageId the message's {@code id}, e.g. {@code msg_mock1}
   * @param model the model echoed from the request
   * @param inputTokens the prompt token estimate reported in {@code message_start}
   */
  AnthropicDialect(String messageId, String model, int inputTokens) {
    this.messageId = messageId;
    this.model = model;
    this.inputTokens = inputTokens;
  }

  private static String delta(String text) {
    return MockText.namedEvent(
        "content_block_delta",
        "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":"
            + MockText.jsonString(text)
            + "}}");
  }

  /** Anthropic's {@code stop_reason} for the mock's finish reason. */
  static String stopReason(String finishReason) {
    return switch (finishReason) {
      case MockText.STOP -> "end_turn";
      case "length" -> "max_tokens";
      case "content_filter" -> "refusal";
      default -> finishReason;
    };
  }

  @Override
  public int openingCount() {
    return 3;
  }

  @Override
  public ByteBuf opening(ByteBufAllocator alloc, int index) {
    return switch (index) {
      case 0 ->
          MockText.buffer(
              alloc,
              MockText.namedEvent(
                  "message_start",
                  "{\"type\":\"message_start\",\"message\":{\"id\":"
                      + MockText.jsonString(messageId)
                      + ",\"type\":\"message\",\"role\":\"assistant\",\"model\":"
                      + MockText.jsonString(model)
                      + ",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,"
                      + "\"usage\":{\"input_tokens\":"
                      + inputTokens
                      + ",\"output_tokens\":1}}}"));
      case 1 -> BLOCK_START.duplicate();
      case 2 -> PING.duplicate();
      default -> throw new IndexOutOfBoundsException("no opening event " + index);
    };
  }

  @Override
  public ByteBuf fragment(ByteBufAllocator alloc, int index) {
    return FRAGMENTS[index % FRAGMENTS.length].duplicate();
  }

  @Override
  public ByteBuf text(ByteBufAllocator alloc, String text) {
    return MockText.buffer(alloc, delta(text));
  }

  @Override
  public int closingCount() {
    return 2;
  }

  @Override
  public ByteBuf closing(
      ByteBufAllocator alloc, int index, int textFragments, String finishReason) {
    if (index == 0) {
      return BLOCK_STOP.duplicate();
    }
    return MockText.buffer(
        alloc,
        MockText.namedEvent(
            "message_delta",
            "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":"
                + MockText.jsonString(stopReason(finishReason))
                + ",\"stop_sequence\":null},\"usage\":{\"output_tokens\":"
                + textFragments
                + "}}"));
  }

  @Override
  public ByteBuf end(ByteBufAllocator alloc, int textFragments, String finishReason) {
    return MESSAGE_STOP.duplicate();
  }

  @Override
  public ByteBuf error(ByteBufAllocator alloc, int index) {
    return ERROR.duplicate();
  }

  /**
   * Anthropic's {@code ping}; sent once after the opening, and periodically with {@code
   * X-Mock-Ping-Ms}.
   */
  @Override
  public ByteBuf ping(ByteBufAllocator alloc) {
    return PING.duplicate();
  }

  @Override
  public ByteBuf malformed(ByteBufAllocator alloc) {
    return MALFORMED.duplicate();
  }
}
