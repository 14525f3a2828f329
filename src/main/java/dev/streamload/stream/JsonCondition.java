package dev.streamload.stream;

import com.fasterxml.jackson.core.JsonPointer;
import java.math.BigDecimal;

/**
 * A test on one JSON value of an event, written as a user types it in a property: {@code path} (the
 * path holds a non-null value), {@code path == value} or {@code path != value}.
 *
 * <p>The path uses the syntax of {@code stream.textPaths} ({@code choices[0].delta.content}). The
 * value is a bare word, number, {@code true}, {@code false} or {@code null}, or a quoted string
 * ({@code 'a b'} or {@code "a b"}) when it holds spaces or operators. Values compare as text (a
 * JSON string's content, a number's digits, {@code true}/{@code false}/{@code null}); two numbers
 * also compare by value ({@code 2 == 2.0}).
 *
 * <ul>
 *   <li>{@code path}: true when the path holds a value that is not JSON {@code null}.
 *   <li>{@code path == v}: true when the path holds a value equal to {@code v}.
 *   <li>{@code path != v}: true when the path holds a non-null value not equal to {@code v}; an
 *       absent path is not "different", so {@code header.code != 0} is false on a message without a
 *       header.
 * </ul>
 *
 * <p>{@link EventParser} evaluates conditions while it streams over an event, so a condition costs
 * no tree and no string unless its path is present.
 *
 * @param text the condition as written (for messages)
 * @param path the path, as written
 * @param op how the value is compared
 * @param value the literal compared against (unquoted), or {@code null} for {@link Op#PRESENT}
 */
public record JsonCondition(String text, String path, Op op, String value) {

  /** How a condition compares the value at its path. */
  public enum Op {
    /** The path holds a non-null value. */
    PRESENT,
    /** The path holds a value equal to the literal. */
    EQUALS,
    /** The path holds a non-null value not equal to the literal. */
    DIFFERS
  }

  /** Checks the parts; use {@link #parse} to read a condition a user wrote. */
  public JsonCondition {
    JsonPaths.compile("condition path", path);
    if (op == null || (op == Op.PRESENT) != (value == null)) {
      throw new IllegalArgumentException(
          "condition '" + text + "' has op " + op + " and value " + value);
    }
  }

  /**
   * Parses {@code text}; errors name {@code field} and the rejected text, and show the syntax.
   *
   * @param field the property the condition came from (e.g. {@code stream.errorWhen})
   */
  public static JsonCondition parse(String field, String text) {
    if (text == null || text.isBlank()) {
      throw invalid(field, text, "it is empty");
    }
    String t = text.strip();
    int eq = t.indexOf("==");
    int ne = t.indexOf("!=");
    if (eq < 0 && ne < 0) {
      return new JsonCondition(t, checkedPath(field, text, t), Op.PRESENT, null);
    }
    boolean equals = ne < 0 || (eq >= 0 && eq < ne);
    int at = equals ? eq : ne;
    String path = checkedPath(field, text, t.substring(0, at).strip());
    String literal = literal(field, text, t.substring(at + 2).strip());
    return new JsonCondition(t, path, equals ? Op.EQUALS : Op.DIFFERS, literal);
  }

  /** The path as a JSON pointer relative to the value the condition is evaluated on. */
  public JsonPointer pointer() {
    return JsonPaths.compile("condition path", path);
  }

  /**
   * The outcome for the scalar found at the path: its text ({@code null} for JSON null), and
   * whether it was a number.
   */
  boolean testScalar(String found, boolean number) {
    switch (op) {
      case PRESENT:
        return found != null;
      case EQUALS:
        return same(found, number);
      default:
        return found != null && !same(found, number);
    }
  }

  /** The outcome for an object or array found at the path (never equal to a scalar literal). */
  boolean testStructure() {
    return op != Op.EQUALS;
  }

  private boolean same(String found, boolean number) {
    if (found == null) {
      return "null".equals(value);
    }
    if (found.equals(value)) {
      return true;
    }
    if (number) {
      try {
        return new BigDecimal(found).compareTo(new BigDecimal(value)) == 0;
      } catch (NumberFormatException e) {
        return false;
      }
    }
    return false;
  }

  private static String checkedPath(String field, String text, String path) {
    try {
      JsonPaths.compile(field, path);
      return path;
    } catch (IllegalArgumentException e) {
      throw invalid(field, text, e.getMessage());
    }
  }

  private static String literal(String field, String text, String raw) {
    if (raw.isEmpty()) {
      throw invalid(field, text, "the value after the operator is missing");
    }
    char first = raw.charAt(0);
    if (first == '\'' || first == '"') {
      if (raw.length() < 2 || raw.charAt(raw.length() - 1) != first) {
        throw invalid(field, text, "the quoted value is not closed");
      }
      return raw.substring(1, raw.length() - 1);
    }
    if (raw.contains("==") || raw.contains("!=") || raw.chars().anyMatch(Character::isWhitespace)) {
      throw invalid(field, text, "a value with spaces or operators must be quoted");
    }
    return raw;
  }

  private static IllegalArgumentException invalid(String field, String text, String why) {
    return new IllegalArgumentException(
        field
            + " '"
            + (text == null ? "" : text.strip())
            + "' is not a condition ("
            + why
            + "); expected 'path', 'path == value' or 'path != value', e.g. 'event == message_end'"
            + " or 'header.status == 2'");
  }

  @Override
  public String toString() {
    return text;
  }
}
