package dev.streamload.ws;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A condition on one JSON message, in the syntax of {@code stream.end=when:...} and {@code
 * stream.errorWhen}: {@code path} (present and not null), {@code path == value} or {@code path !=
 * value}, where path is the dotted syntax of {@code stream.textPaths} ({@code header.status},
 * {@code choices[0].finish_reason}) and value a bare word, number, {@code true}, {@code false},
 * {@code null} or a quoted string ({@code 'a b'}, {@code "a b"}).
 *
 * <p>The WebSocket side's own copy until {@code dev.streamload.stream.JsonCondition} is on main;
 * the lead swaps it at merge. Immutable and thread-safe.
 */
public final class MessageCondition {

  private static final Pattern SHAPE =
      Pattern.compile("^\\s*([^=!\\s]+)\\s*(?:(==|!=)\\s*(.+?))?\\s*$");
  private static final Pattern STEP = Pattern.compile("([^.\\[\\]]+)((?:\\[\\d+])*)");
  private static final Pattern INDEX = Pattern.compile("\\[(\\d+)]");

  private final String text;
  private final JsonPointer pointer;
  private final String operator;
  private final String value;
  private final boolean quoted;

  private MessageCondition(
      String text, JsonPointer pointer, String operator, String value, boolean quoted) {
    this.text = text;
    this.pointer = pointer;
    this.operator = operator;
    this.value = value;
    this.quoted = quoted;
  }

  /**
   * Parses a condition.
   *
   * @param property the property it came from, for the error message
   * @throws IllegalArgumentException naming the property, the value and the syntax
   */
  public static MessageCondition parse(String property, String condition) {
    Matcher m = condition == null ? null : SHAPE.matcher(condition);
    if (m == null || !m.matches()) {
      throw bad(property, condition);
    }
    JsonPointer pointer = pointer(m.group(1));
    if (pointer == null) {
      throw bad(property, condition);
    }
    String value = m.group(3);
    boolean quoted = false;
    if (value != null
        && value.length() >= 2
        && (value.charAt(0) == '\'' || value.charAt(0) == '"')
        && value.charAt(value.length() - 1) == value.charAt(0)) {
      value = value.substring(1, value.length() - 1);
      quoted = true;
    }
    return new MessageCondition(condition.strip(), pointer, m.group(2), value, quoted);
  }

  private static IllegalArgumentException bad(String property, String condition) {
    return new IllegalArgumentException(
        property
            + " = '"
            + condition
            + "': expected 'path', 'path == value' or 'path != value', e.g. 'type == done' or"
            + " 'header.status == 2'");
  }

  /** The dotted path as a JSON pointer, or null when it is not one. */
  static JsonPointer pointer(String path) {
    StringBuilder pointer = new StringBuilder();
    for (String step : path.split("\\.", -1)) {
      Matcher m = STEP.matcher(step);
      if (!m.matches()) {
        return null;
      }
      pointer.append('/').append(m.group(1).replace("~", "~0").replace("/", "~1"));
      Matcher index = INDEX.matcher(m.group(2));
      while (index.find()) {
        pointer.append('/').append(index.group(1));
      }
    }
    return JsonPointer.compile(pointer.toString());
  }

  /** True when the message satisfies the condition. */
  public boolean test(JsonNode message) {
    JsonNode node = message.at(pointer);
    boolean present = !node.isMissingNode() && !node.isNull();
    if (operator == null) {
      return present;
    }
    boolean equal = equalsValue(node);
    return operator.equals("==") ? equal : !equal;
  }

  private boolean equalsValue(JsonNode node) {
    if (!quoted && value.equals("null")) {
      return node.isMissingNode() || node.isNull();
    }
    if (node.isMissingNode() || node.isNull() || node.isContainerNode()) {
      return false;
    }
    if (!quoted && node.isNumber()) {
      try {
        return node.decimalValue().compareTo(new java.math.BigDecimal(value)) == 0;
      } catch (NumberFormatException e) {
        return false;
      }
    }
    if (!quoted && node.isBoolean()) {
      return value.equals(Boolean.toString(node.booleanValue()));
    }
    return node.asText().equals(value);
  }

  @Override
  public String toString() {
    return text;
  }
}
