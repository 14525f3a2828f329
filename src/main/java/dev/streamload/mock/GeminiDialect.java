package dev.streamload.mock;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Gemini {@code streamGenerateContent?alt=sse} chunks, CRLF-framed as Google sends them: {@code
 * data: {"candidates":[{"content":{"parts":[{"text":".."}],"role":"model"},"index":0}],
 * "usageMetadata":{..},"modelVersion":..,"responseId":..}} per fragment, then a chunk with empty
 * text, {@code finishReason} ({@code STOP}, {@code MAX_TOKENS}, {@code SAFETY}) and the final
 * {@code usageMetadata.candidatesTokenCount}. No end marker: the stream ends when the response
 * ends.
 */
final class GeminiDialect implements SseDialect {

  /** Google ends each line with CRLF. */
  private static final String EVENT_END = "\r\n\r\n";

  private final String model;
  private final String responseId;
  private final int promptTokens;
  private int textEvents;

  /**
   * Prepares one stream.
   *
   * @param model the model of the request path, echoed as {@code modelVersion}
   * @param responseId the {@code responseId} of every chunk
   * @param promptTokens the prompt token estimate reported in {@code usageMetadata}
   */
  GeminiDialect(String model, String responseId, int promptTokens) {
    this.model = model;
    this.responseId = responseId;
    this.promptTokens = promptTokens;
  }

  /** Gemini's {@code finishReason} for the mock's finish reason. */
  static String finishReason(String finishReason) {
    return switch (finishReason) {
      case MockText.STOP -> "STOP";
      case "length" -> "MAX_TOKENS";
      case "content_filter" -> "SAFETY";
      default -> finishReason;
    };
  }

  @Override
  public ByteBuf fragment(ByteBufAllocator alloc, int index) {
    return text(alloc, MockText.fragment(index));
  }

  @Override
  public ByteBuf text(ByteBufAllocator alloc, String text) {
    textEvents++;
    return chunk(alloc, text, null);
  }

  @Override
  public int closingCount() {
    return 1;
  }

  @Override
  public ByteBuf closing(
      ByteBufAllocator alloc, int index, int textFragments, String finishReason) {
    return chunk(alloc, "", finishReason(finishReason));
  }

  private ByteBuf chunk(ByteBufAllocator alloc, String text, String finishReason) {
    return MockText.buffer(
        alloc,
        "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":"
            + MockText.jsonString(text)
            + "}],\"role\":\"model\"},"
            + (finishReason == null
                ? ""
                : "\"finishReason\":" + MockText.jsonString(finishReason) + ",")
            + "\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":"
            + promptTokens
            + ",\"candidatesTokenCount\":"
            + textEvents
            + ",\"totalTokenCount\":"
            + (promptTokens + textEvents)
            + "},\"modelVersion\":"
            + MockText.jsonString(model)
            + ",\"responseId\":"
            + MockText.jsonString(responseId)
            + "}"
            + EVENT_END);
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
    return MockText.buffer(
        alloc,
        "data: {\"error\":{\"code\":503,\"message\":\"The model is overloaded. Please try again"
            + " later.\",\"status\":\"UNAVAILABLE\"}}"
            + EVENT_END);
  }

  @Override
  public ByteBuf malformed(ByteBufAllocator alloc) {
    return MockText.buffer(
        alloc, "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\": \"abc" + EVENT_END);
  }
}
