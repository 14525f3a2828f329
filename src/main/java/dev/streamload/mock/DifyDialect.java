package dev.streamload.mock;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.concurrent.TimeUnit;

/**
 * Dify chat-app events, {@code data:} lines whose JSON names the event (spaced as Python's {@code
 * json.dumps} writes it): one {@code {"event": "message", .., "answer": "word "}} per fragment,
 * then {@code {"event": "message_end", .., "metadata": {"usage": {"completion_tokens": n, ..}}}},
 * after which the response ends. Every event carries the conversation and message ids; {@code
 * event: ping} keeps the stream alive every 10 seconds; an in-stream error is {@code {"event":
 * "error", "status": .., "code": .., "message": ..}}. Dify's chat events have no finish reason.
 */
final class DifyDialect implements SseDialect {

  /** Dify pings every 10 seconds. */
  static final long PING_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

  private static final ByteBuf PING = MockText.shared("event: ping\n\n");

  private final String ids;
  private final long createdEpochSeconds;
  private final int promptTokens;

  /**
   * Prepares one stream.
   *
   * @param conversationId the conversation, new or the one the request named
   * @param messageId the answer's message id
   * @param taskId the generation task id
   * @param createdEpochSeconds {@code created_at}, seconds since the epoch
   * @param promptTokens the prompt token estimate reported in usage
   */
  DifyDialect(
      String conversationId,
      String messageId,
      String taskId,
      long createdEpochSeconds,
      int promptTokens) {
    this.ids =
        "\"task_id\": "
            + MockText.jsonString(taskId)
            + ", \"id\": "
            + MockText.jsonString(messageId)
            + ", \"message_id\": "
            + MockText.jsonString(messageId)
            + ", \"conversation_id\": "
            + MockText.jsonString(conversationId);
    this.createdEpochSeconds = createdEpochSeconds;
    this.promptTokens = promptTokens;
  }

  @Override
  public ByteBuf fragment(ByteBufAllocator alloc, int index) {
    return text(alloc, MockText.fragment(index));
  }

  @Override
  public ByteBuf text(ByteBufAllocator alloc, String text) {
    return MockText.buffer(
        alloc,
        "data: {\"event\": \"message\", "
            + ids
            + ", \"mode\": \"chat\", \"answer\": "
            + MockText.jsonString(text)
            + ", \"created_at\": "
            + createdEpochSeconds
            + "}\n\n");
  }

  @Override
  public int closingCount() {
    return 0;
  }

  @Override
  public ByteBuf closing(
      ByteBufAllocator alloc, int index, int textFragments, String finishReason) {
    throw new IndexOutOfBoundsException("Dify has no closing event before message_end");
  }

  /** {@code message_end} with the usage: Dify's end event. */
  @Override
  public ByteBuf end(ByteBufAllocator alloc, int textFragments, String finishReason) {
    return MockText.buffer(
        alloc,
        "data: {\"event\": \"message_end\", "
            + ids
            + ", \"metadata\": {\"usage\": {\"prompt_tokens\": "
            + promptTokens
            + ", \"completion_tokens\": "
            + textFragments
            + ", \"total_tokens\": "
            + (promptTokens + textFragments)
            + ", \"currency\": \"USD\"}, \"retriever_resources\": []}}\n\n");
  }

  @Override
  public ByteBuf error(ByteBufAllocator alloc, int index) {
    return MockText.buffer(
        alloc,
        "data: {\"event\": \"error\", "
            + ids
            + ", \"status\": 500, \"code\": \"internal_server_error\","
            + " \"message\": \"mock overloaded\"}\n\n");
  }

  @Override
  public ByteBuf ping(ByteBufAllocator alloc) {
    return PING.duplicate();
  }

  @Override
  public long pingIntervalNanos() {
    return PING_INTERVAL_NANOS;
  }

  @Override
  public ByteBuf malformed(ByteBufAllocator alloc) {
    return MockText.buffer(
        alloc, "data: {\"event\": \"message\", " + ids + ", \"answer\": \"abc\n\n");
  }
}
