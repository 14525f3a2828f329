package dev.streamload.stream;

/**
 * Why a stream did not succeed; each class has a stable lowercase {@link #wireName()} used in
 * reports, {@code summary.json} and {@code streams.jsonl}. {@link FailureClassifier} documents the
 * precedence when several apply.
 */
public enum FailureClass {
  /** No HTTP response: connection refused, DNS, TLS handshake or connect timeout. */
  CONNECT_FAILURE("connect_failure"),
  /** HTTP 401: missing or rejected credentials. */
  HTTP_401("http_401"),
  /** HTTP 403: credentials accepted but not allowed. */
  HTTP_403("http_403"),
  /** HTTP 429: rate limited by the server or a gateway. */
  HTTP_429("http_429"),
  /** Any other non-2xx status below 500 (other 4xx, and unexpected 1xx/3xx). */
  HTTP_4XX("http_4xx"),
  /** HTTP 5xx: server or gateway error. */
  HTTP_5XX("http_5xx"),
  /** Status 2xx but the body is not {@code text/event-stream} (e.g. a JSON error body). */
  WRONG_CONTENT_TYPE("wrong_content_type"),
  /** No text fragment arrived within the first-fragment timeout. */
  FIRST_FRAGMENT_TIMEOUT("first_fragment_timeout"),
  /** A silence between events (or before giving up) longer than the idle timeout. */
  STALLED("stalled"),
  /** The connection was cut mid-stream before the end marker, or the client aborted. */
  INTERRUPTED("interrupted"),
  /** The server closed the stream cleanly without sending the end marker. */
  NO_END_MARKER("no_end_marker"),
  /** The end marker arrived but no event carried any generated text. */
  EMPTY_ANSWER("empty_answer"),
  /**
   * The server ended the answer early by its own account: a finish reason in the configured
   * truncated list, e.g. OpenAI {@code length}, Anthropic {@code max_tokens}, Gemini {@code
   * MAX_TOKENS}.
   */
  TRUNCATED("truncated"),
  /**
   * The server withheld or cut the answer by its own account: a finish reason in the configured
   * filtered list, e.g. OpenAI {@code content_filter}, Anthropic {@code refusal}, Gemini {@code
   * SAFETY}.
   */
  FILTERED("filtered"),
  /**
   * The complete answer failed a content check (minimum length, a pattern it must or must not
   * match).
   */
  CONTENT_CHECK("content_check"),
  /** An event carried the dialect's error member ({@code data: {"error": ...}}). */
  ERROR_EVENT("error_event"),
  /** An event could not be parsed (broken JSON). */
  MALFORMED_EVENT("malformed_event"),
  /** The end marker did not arrive within the whole-stream timeout although events kept flowing. */
  STREAM_TIMEOUT("stream_timeout"),
  /** The login step before the stream failed, so no stream was sent. */
  LOGIN_FAILED("login_failed"),
  /** Creating or loading the conversation before the stream failed, so no stream was sent. */
  CONVERSATION_FAILED("conversation_failed"),
  /**
   * The client library re-sent the request on its own (Gatling reconnects an SSE stream cut
   * mid-way): a duplicate, billed generation the load tool would otherwise hide.
   */
  REPLAYED("replayed");

  private final String wireName;

  FailureClass(String wireName) {
    this.wireName = wireName;
  }

  /** Stable lowercase name for reports and files; never changes once released. */
  public String wireName() {
    return wireName;
  }

  /** The class whose {@link #wireName()} is {@code name}. */
  public static FailureClass fromWireName(String name) {
    for (FailureClass c : values()) {
      if (c.wireName.equals(name)) {
        return c;
      }
    }
    throw new IllegalArgumentException("unknown failure class wire name '" + name + "'");
  }
}
