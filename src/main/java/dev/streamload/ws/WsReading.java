package dev.streamload.ws;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamload.stream.EventKind;
import dev.streamload.stream.EventParser;
import dev.streamload.stream.StreamDialect;
import dev.streamload.stream.StreamRecorder;
import java.io.IOException;

/**
 * How the WebSocket messages of one answer are read: each message is the JSON the dialect's paths
 * ({@code stream.textPaths}, {@code stream.usagePath}, {@code stream.finishReasonPath}) apply to;
 * {@code stream.end} says which message ends the answer ({@code when:<condition>}, {@code
 * marker:<text>}) or that the server's clean close does ({@code close}); {@code stream.errorWhen}
 * and {@code stream.errorPath} mark an error message. Thread-safe, one per run.
 *
 * <p>Until {@code EventParser.forMessages(dialect)} is on main, each message is handed to the
 * project's SSE {@link EventParser} in the {@code {"data":<message>}} form it reads, with an end
 * marker and an error member of its own; a message that ends the answer and carries text (a
 * Spark-style last frame) is recorded as its text event followed by an end event, so such an answer
 * counts one event more than it had messages. This class is the one place that changes when the
 * lead's message framing lands.
 */
public final class WsReading {

  /** How the end of an answer is recognised. */
  public enum EndRule {
    /** A message satisfies a condition ({@code when:type == done}). */
    WHEN,
    /** A message contains a text ({@code marker:[DONE]}). */
    MARKER,
    /** The server closes the socket cleanly after text ({@code close}). */
    CLOSE
  }

  static final String END = "[streamload:end]";
  static final String ERROR_MEMBER = "streamload_error";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final EventParser parser;
  private final EndRule endRule;
  private final MessageCondition endWhen;
  private final String marker;
  private final MessageCondition errorWhen;
  private final JsonPointer errorPath;
  private final String endText;

  private WsReading(
      StreamDialect dialect,
      EndRule endRule,
      MessageCondition endWhen,
      String marker,
      MessageCondition errorWhen,
      String endText) {
    this.parser =
        new EventParser(
            new StreamDialect(
                dialect.textPaths(),
                dialect.usageTokensPath(),
                ERROR_MEMBER,
                END,
                dialect.finishReasonPath()));
    this.endRule = endRule;
    this.endWhen = endWhen;
    this.marker = marker;
    this.errorWhen = errorWhen;
    this.errorPath =
        dialect.errorPath() == null ? null : MessageCondition.pointer(dialect.errorPath());
    this.endText = endText;
  }

  /**
   * Reads the rules.
   *
   * @param dialect text, usage, error and finish-reason paths
   * @param end {@code when:<condition>}, {@code marker:<text>} or {@code close}
   * @param errorWhen a condition that marks an error message, or empty for none
   * @throws IllegalArgumentException naming {@code stream.end} or {@code stream.errorWhen}
   */
  public static WsReading of(StreamDialect dialect, String end, String errorWhen) {
    String rule = end == null ? "" : end.strip();
    MessageCondition error =
        errorWhen == null || errorWhen.isBlank()
            ? null
            : MessageCondition.parse("stream.errorWhen", errorWhen);
    if (rule.startsWith("when:")) {
      return new WsReading(
          dialect,
          EndRule.WHEN,
          MessageCondition.parse("stream.end", rule.substring(5)),
          null,
          error,
          rule);
    }
    if (rule.startsWith("marker:") && rule.length() > 7) {
      return new WsReading(dialect, EndRule.MARKER, null, rule.substring(7), error, rule);
    }
    if (rule.equals("close")) {
      return new WsReading(dialect, EndRule.CLOSE, null, null, error, rule);
    }
    throw new IllegalArgumentException(
        "stream.end = '"
            + end
            + "': expected when:<condition> (e.g. 'when:type == done'), marker:<text> or close");
  }

  /** The parser every recorder of this run's answers is built with. */
  public EventParser parser() {
    return parser;
  }

  public EndRule endRule() {
    return endRule;
  }

  /** The rule as configured, e.g. {@code when:type == done}, for the summary. */
  public String describe() {
    return endText;
  }

  /**
   * Records one message and returns its kind: {@link EventKind#END_MARKER} for the message that
   * ends the answer, {@link EventKind#ERROR} for an error message, else what its JSON holds.
   */
  public EventKind feed(StreamRecorder recorder, long nanos, String message) {
    JsonNode tree = tree(message);
    if (tree == null) {
      if (endRule == EndRule.MARKER && message != null && message.contains(marker)) {
        return recorder.onEvent(nanos, "{\"data\":" + END + "}");
      }
      return recorder.onEvent(nanos, "{\"data\":" + message + "}");
    }
    if (isError(tree)) {
      return recorder.onEvent(nanos, "{\"data\":{\"" + ERROR_MEMBER + "\":" + message + "}}");
    }
    if (!ends(tree, message)) {
      return recorder.onEvent(nanos, "{\"data\":" + message + "}");
    }
    EventKind kind = recorder.onEvent(nanos, "{\"data\":" + message + ",\"e\":\"" + END + "\"}");
    if (kind == EventKind.TEXT) {
      return recorder.onEvent(nanos, "{\"data\":" + END + "}");
    }
    return kind;
  }

  private boolean isError(JsonNode tree) {
    if (errorPath != null) {
      JsonNode node = tree.at(errorPath);
      if (!node.isMissingNode() && !node.isNull()) {
        return true;
      }
    }
    return errorWhen != null && errorWhen.test(tree);
  }

  private boolean ends(JsonNode tree, String message) {
    return switch (endRule) {
      case WHEN -> endWhen.test(tree);
      case MARKER -> message.contains(marker);
      case CLOSE -> false;
    };
  }

  private static JsonNode tree(String message) {
    if (message == null || message.isEmpty()) {
      return null;
    }
    try {
      JsonNode node = JSON.readTree(message);
      return node != null && node.isObject() ? node : null;
    } catch (IOException e) {
      return null;
    }
  }
}
