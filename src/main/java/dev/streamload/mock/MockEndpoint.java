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
