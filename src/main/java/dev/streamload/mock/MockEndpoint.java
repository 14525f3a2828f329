package dev.streamload.mock;

/** The groups of requests the mock counts separately, named as in the statistics JSON. */
public enum MockEndpoint {
  /** {@code POST /api/auth/login}. */
  LOGIN("login"),
  /** {@code POST /api/conversations}. */
  CONVERSATION("conversation"),
  /** {@code POST /api/chat/stream}, the project's default dialect. */
  STREAM_DEFAULT("stream_default"),
  /** {@code POST /v1/chat/completions}, the OpenAI dialect. */
  STREAM_OPENAI("stream_openai"),
  /** {@code POST /v1/messages}, Anthropic Messages. */
  STREAM_ANTHROPIC("stream_anthropic"),
  /** {@code POST /v1/responses}, OpenAI Responses. */
  STREAM_RESPONSES("stream_responses"),
  /** {@code POST /v1beta/models/<model>:streamGenerateContent?alt=sse}, Gemini. */
  STREAM_GEMINI("stream_gemini"),
  /** {@code POST /v1/chat-messages}, Dify chat apps. */
  STREAM_DIFY("stream_dify"),
  /**
   * {@code GET} or {@code POST /flux/chat}, plain-text SSE (Spring WebFlux {@code Flux<String>}).
   */
  STREAM_PLAIN("stream_plain"),
  /**
   * {@code GET /chat/stream?q=..}, EventSource-style with the whole answer so far in each event.
   */
  STREAM_CUMULATIVE("stream_cumulative"),
  /**
   * {@code GET /ws/chat} and {@code GET /ws/spark}: WebSocket upgrades (dev.streamload.mock.ws).
   */
  STREAM_WS("stream_ws"),
  /** {@code GET /admin/stats} and {@code POST /admin/reset}. */
  ADMIN("admin"),
  /** Any other method and path. */
  NOT_FOUND("not_found");

  private final String statName;

  MockEndpoint(String statName) {
    this.statName = statName;
  }

  /** The key of this endpoint in the statistics JSON. */
  public String statName() {
    return statName;
  }
}
