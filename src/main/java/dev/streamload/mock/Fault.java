package dev.streamload.mock;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** A misbehaviour the mock can inject into a stream request, named on the wire in lowercase. */
public enum Fault {
  /** Normal, well-formed stream. */
  NONE("none"),
  /** 401 Unauthorized with a JSON error body. */
  HTTP_401("http_401"),
  /** 403 Forbidden with a JSON error body. */
  HTTP_403("http_403"),
  /** 429 Too Many Requests with a JSON error body and {@code Retry-After: 1} (seconds). */
  HTTP_429("http_429"),
  /** 400 Bad Request with a JSON error body. */
  HTTP_400("http_400"),
  /** 500 Internal Server Error with a JSON error body. */
  HTTP_500("http_500"),
  /** 503 Service Unavailable with a JSON error body and {@code Retry-After: 1} (seconds). */
  HTTP_503("http_503"),
  /** 200 OK whose body is a JSON error with {@code Content-Type: application/json}. */
  WRONG_CONTENT_TYPE("wrong_content_type"),
  /** Stream headers (and the OpenAI role chunk) then silence until the client closes. */
  FIRST_FRAGMENT_TIMEOUT("first_fragment_timeout"),
  /** Some text fragments then silence until the client closes. */
  STALL("stall"),
  /** Some text fragments then a TCP close without the terminating chunk. */
  INTERRUPT("interrupt"),
  /** All text fragments then a clean end of the response without a terminal marker. */
  NO_DONE("no_done"),
  /** A terminal {@code [DONE]} without any text fragment. */
  EMPTY_ANSWER("empty_answer"),
  /** Some text fragments, an in-stream {@code {"error": ...}} event, then the end. */
  ERROR_EVENT("error_event"),
  /** Some text fragments, an event whose data is broken JSON, then {@code [DONE]}. */
  MALFORMED_EVENT("malformed_event"),
  /** Connection reset right after the request is read, without any response byte. */
  CONNECTION_RESET("connection_reset"),
  /**
   * WebSocket: some text fragments, then a close frame with an error code (1011, or {@code
   * X-Mock-Close-Code}); an SSE stream is cut like {@link #INTERRUPT}.
   */
  CLOSE_ERROR("close_error"),
  /** A complete answer whose finish reason is {@code length} (the token limit cut it). */
  FINISH_LENGTH("finish_length"),
  /** A complete answer whose finish reason is {@code content_filter}. */
  FINISH_CONTENT_FILTER("finish_content_filter"),
  /** A complete, well-formed answer of one fragment only (fails a minimum-length check). */
  SHORT_ANSWER("short_answer"),
  /**
   * A complete, well-formed answer whose middle fragment is the word {@value
   * MockText#FORBIDDEN_WORD} (fails a must-not-match check).
   */
  FORBIDDEN_TEXT("forbidden_text");

  private final String wireName;

  Fault(String wireName) {
    this.wireName = wireName;
  }

  /** The stable lowercase name used in headers, fault mixes and statistics. */
  public String wireName() {
    return wireName;
  }

  /** True for the faults answered with an HTTP error status instead of a stream. */
  public boolean isHttpStatus() {
    return switch (this) {
      case HTTP_401, HTTP_403, HTTP_429, HTTP_400, HTTP_500, HTTP_503 -> true;
      default -> false;
    };
  }

  /** The HTTP status of an {@link #isHttpStatus()} fault, else 200. */
  public int httpStatus() {
    return switch (this) {
      case HTTP_401 -> 401;
      case HTTP_403 -> 403;
      case HTTP_429 -> 429;
      case HTTP_400 -> 400;
      case HTTP_500 -> 500;
      case HTTP_503 -> 503;
      default -> 200;
    };
  }

  /**
   * Looks up a fault by its wire name, ignoring case and surrounding blanks.
   *
   * @throws IllegalArgumentException naming the bad value and every allowed name
   */
  public static Fault fromWireName(String name) {
    if (name != null) {
      String wanted = name.trim().toLowerCase(Locale.ROOT);
      for (Fault fault : values()) {
        if (fault.wireName.equals(wanted)) {
          return fault;
        }
      }
    }
    throw new IllegalArgumentException(
        "unknown fault '" + name + "': allowed are " + allowedNames());
  }

  /** Every wire name, comma separated, for error messages. */
  static String allowedNames() {
    return Arrays.stream(values()).map(Fault::wireName).collect(Collectors.joining(", "));
  }
}
