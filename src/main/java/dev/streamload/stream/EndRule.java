package dev.streamload.stream;

/**
 * What ends an answer ({@code stream.end}): a data marker, an SSE event name, a condition on the
 * event's JSON, or the server ending the response cleanly.
 *
 * @param kind which rule
 * @param value the marker or the event name; {@code null} for the other kinds
 * @param condition the condition of {@link Kind#WHEN}; {@code null} for the other kinds
 */
public record EndRule(Kind kind, String value, JsonCondition condition) {

  /** The kinds of end rule, by their prefix in {@code stream.end}. */
  public enum Kind {
    /** {@code marker:[DONE]}: the event's data is (or holds) the marker. */
    MARKER,
    /**
     * {@code event:message_stop}: the SSE {@code event:} line has this name, or one of several
     * separated by commas ({@code event:response.completed,response.incomplete}).
     */
    EVENT,
    /** {@code when:event == message_end}: the condition holds on the event's JSON data. */
    WHEN,
    /**
     * {@code close}: the server ends the response cleanly (the end of a chunked response; on a
     * WebSocket, a normal close) after the answer; a cut stays a cut.
     */
    CLOSE
  }

  /** Checks that the parts fit the kind. */
  public EndRule {
    if (kind == null) {
      throw new IllegalArgumentException("kind must not be null");
    }
    boolean named = kind == Kind.MARKER || kind == Kind.EVENT;
    if (named && (value == null || value.isEmpty())) {
      throw new IllegalArgumentException(
          (kind == Kind.MARKER ? "endMarker" : "end event name")
              + " must not be empty, got "
              + (value == null ? "null" : "''"));
    }
    if (!named && value != null) {
      throw new IllegalArgumentException(kind + " takes no marker or name, got '" + value + "'");
    }
    if ((kind == Kind.WHEN) != (condition != null)) {
      throw new IllegalArgumentException(kind + " and condition " + condition + " do not fit");
    }
  }

  /** Ends at an event whose data is (or holds) {@code marker}. */
  public static EndRule marker(String marker) {
    return new EndRule(Kind.MARKER, marker, null);
  }

  /** Ends at the SSE event named {@code name}. */
  public static EndRule event(String name) {
    return new EndRule(Kind.EVENT, name, null);
  }

  /** Ends at the event whose JSON satisfies {@code condition}. */
  public static EndRule when(JsonCondition condition) {
    return new EndRule(Kind.WHEN, null, condition);
  }

  /** Ends when the server ends the response cleanly. */
  public static EndRule close() {
    return new EndRule(Kind.CLOSE, null, null);
  }

  /**
   * Parses a {@code stream.end} value: {@code marker:<text>}, {@code event:<name>}, {@code
   * when:<condition>} or {@code close}. Errors name {@code field}, the value and the four forms.
   */
  public static EndRule parse(String field, String text) {
    String t = text == null ? "" : text.strip();
    try {
      if (t.equals("close")) {
        return close();
      }
      if (t.startsWith("marker:")) {
        return marker(t.substring("marker:".length()).strip());
      }
      if (t.startsWith("event:")) {
        String names = t.substring("event:".length()).strip();
        for (String name : names.split(",", -1)) {
          String n = name.strip();
          if (n.isEmpty() || n.chars().anyMatch(c -> c == '"' || c == '\\' || c <= ' ')) {
            throw new IllegalArgumentException(
                "an event name is empty or holds quotes or spaces: '" + n + "'");
          }
        }
        return event(
            String.join(
                ",", java.util.Arrays.stream(names.split(",")).map(String::strip).toList()));
      }
      if (t.startsWith("when:")) {
        return when(JsonCondition.parse(field, t.substring("when:".length())));
      }
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          field + " '" + t + "' is not an end rule: " + e.getMessage(), e);
    }
    throw new IllegalArgumentException(
        field
            + " '"
            + t
            + "' is not an end rule; expected marker:<text> (e.g. marker:[DONE]), event:<name>"
            + " (e.g. event:message_stop), when:<condition> (e.g. when:event == message_end) or"
            + " close");
  }

  /** The event names of a {@link Kind#EVENT} rule, else none. */
  public java.util.List<String> eventNames() {
    return kind == Kind.EVENT ? java.util.List.of(value.split(",")) : java.util.List.of();
  }

  /** The marker of a {@link Kind#MARKER} rule, else {@code null}. */
  public String marker() {
    return kind == Kind.MARKER ? value : null;
  }

  /** The rule as a user writes it in {@code stream.end}. */
  public String text() {
    switch (kind) {
      case MARKER:
        return "marker:" + value;
      case EVENT:
        return "event:" + value;
      case WHEN:
        return "when:" + condition.text();
      default:
        return "close";
    }
  }
}
