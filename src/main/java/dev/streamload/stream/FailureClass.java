package dev.streamload.stream;

/**
 * Why a stream did not succeed; each class has a stable lowercase {@link #wireName()} used in
 * reports, {@code summary.json} and {@code streams.jsonl}. {@link FailureClassifier} documents the
 * precedence when several apply.
 */
public enum FailureClass {
  /** No HTTP response: connection refused, DNS, TLS handshake or connect timeout. */
  CONNECT_FAILURE("connect_failure", "no connection (refused, DNS, TLS or connect timeout)"),
  /** HTTP 401: missing or rejected credentials. */
  HTTP_401("http_401", "status 401, credentials missing or rejected"),
  /** HTTP 403: credentials accepted but not allowed. */
  HTTP_403("http_403", "status 403, credentials not allowed"),
  /** HTTP 429: rate limited by the server or a gateway. */
  HTTP_429("http_429", "status 429, rate limited"),
  /** Any other non-2xx status below 500 (other 4xx, and unexpected 1xx/3xx). */
  HTTP_4XX("http_4xx", "other non-2xx status below 500"),
  /** HTTP 5xx: server or gateway error. */
  HTTP_5XX("http_5xx", "status 5xx, server or gateway error"),
  /** Status 2xx but the body is not {@code text/event-stream} (e.g. a JSON error body). */
  WRONG_CONTENT_TYPE("wrong_content_type", "status 2xx but not text/event-stream"),
  /** No text fragment arrived within the first-fragment timeout. */
  FIRST_FRAGMENT_TIMEOUT("first_fragment_timeout", "no text within timeout.firstFragment"),
  /** A silence between events (or before giving up) longer than the idle timeout. */
  STALLED("stalled", "silence between events longer than timeout.idle"),
  /** The connection was cut mid-stream before the end marker, or the client aborted. */
  INTERRUPTED("interrupted", "connection cut before the end marker"),
  /** The server closed the stream cleanly without sending the end marker. */
  NO_END_MARKER("no_end_marker", "stream closed cleanly without the end marker"),
  /** The end marker arrived but no event carried any generated text. */
  EMPTY_ANSWER("empty_answer", "end marker but no text"),
  /**
   * The server ended the answer early by its own account: a finish reason in the configured
   * truncated list, e.g. OpenAI {@code length}, Anthropic {@code max_tokens}, Gemini {@code
   * MAX_TOKENS}.
   */
  TRUNCATED("truncated", "the server says it cut the answer short (finish reason)"),
  /**
   * The server withheld or cut the answer by its own account: a finish reason in the configured
   * filtered list, e.g. OpenAI {@code content_filter}, Anthropic {@code refusal}, Gemini {@code
   * SAFETY}.
   */
  FILTERED("filtered", "the server says it withheld or cut the answer (finish reason)"),
  /**
   * The complete answer failed a content check (minimum length, a pattern it must or must not
   * match).
   */
  CONTENT_CHECK("content_check", "the answer failed a content check"),
  /** An event carried the dialect's error member ({@code data: {"error": ...}}). */
  ERROR_EVENT("error_event", "the server sent an error event"),
  /** An event could not be parsed (broken JSON). */
  MALFORMED_EVENT("malformed_event", "an event that is not valid JSON"),
  /**
   * WebSocket: the server closed the socket with an error close code (1011, 4000-4999, or any other
   * code but 1000, 1001, 1005 and 1006) before the end of the answer; the detail names the code and
   * its reason.
   */
  CLOSED_WITH_ERROR("closed_with_error", "the server closed the WebSocket with an error code"),
  /** The end marker did not arrive within the whole-stream timeout although events kept flowing. */
  STREAM_TIMEOUT("stream_timeout", "no end marker within timeout.stream"),
  /** The login step before the stream failed, so no stream was sent. */
  LOGIN_FAILED("login_failed", "login failed, no stream sent"),
  /** Creating or loading the conversation before the stream failed, so no stream was sent. */
  CONVERSATION_FAILED("conversation_failed", "conversation step failed, no stream sent"),
  /**
   * The client library re-sent the request on its own (Gatling reconnects an SSE stream cut
   * mid-way): a duplicate, billed generation the load tool would otherwise hide.
   */
  REPLAYED("replayed", "the client re-sent the request on its own");

  private final String wireName;
  private final String explanation;

  FailureClass(String wireName, String explanation) {
    this.wireName = wireName;
    this.explanation = explanation;
  }

  /**
   * A short fixed explanation (no request ids, sizes or server text), so that a report row whose
   * message is {@link #reportMessage()} groups every stream of this class into one line.
   */
  public String explanation() {
    return explanation;
  }

  /** {@code wireName: explanation}, the KO message of this class in Gatling's errors table. */
  public String reportMessage() {
    return wireName + ": " + explanation;
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
