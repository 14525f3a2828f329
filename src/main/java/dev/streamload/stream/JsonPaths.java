package dev.streamload.stream;

import com.fasterxml.jackson.core.JsonPointer;

/**
 * Compiles the simple dotted paths of a {@link StreamDialect} ({@code choices[0].delta.content})
 * into Jackson {@link JsonPointer}s ({@code /choices/0/delta/content}).
 */
final class JsonPaths {

  /** Largest array index a path may use; keeps the matcher's index tables small. */
  static final int MAX_INDEX = 1024;

  private JsonPaths() {}

  /**
   * Parses {@code path} into a pointer, or throws an {@link IllegalArgumentException} that names
   * {@code field} and the rejected value.
   */
  static JsonPointer compile(String field, String path) {
    if (path == null || path.isBlank()) {
      throw invalid(field, path, "must not be blank");
    }
    JsonPointer pointer = JsonPointer.empty();
    int i = 0;
    int n = path.length();
    boolean expectName = true;
    while (i < n) {
      char c = path.charAt(i);
      if (c == '[') {
        int close = path.indexOf(']', i);
        if (close < 0) {
          throw invalid(field, path, "unclosed '[' at " + i);
        }
        String digits = path.substring(i + 1, close);
        if (digits.isEmpty() || !digits.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
          throw invalid(field, path, "array index must be digits, got '[" + digits + "]'");
        }
        if (digits.length() > 4 || Integer.parseInt(digits) > MAX_INDEX) {
          throw invalid(field, path, "array index above " + MAX_INDEX);
        }
        pointer = pointer.appendIndex(Integer.parseInt(digits));
        i = close + 1;
        expectName = false;
      } else if (c == '.') {
        if (expectName) {
          throw invalid(field, path, "empty name at " + i);
        }
        i++;
        expectName = true;
        if (i == n) {
          throw invalid(field, path, "ends with '.'");
        }
      } else if (c == ']' || Character.isWhitespace(c)) {
        throw invalid(field, path, "unexpected '" + c + "' at " + i);
      } else {
        if (!expectName) {
          throw invalid(field, path, "missing '.' before name at " + i);
        }
        int end = i;
        while (end < n && path.charAt(end) != '.' && path.charAt(end) != '[') {
          char e = path.charAt(end);
          if (e == ']' || Character.isWhitespace(e)) {
            throw invalid(field, path, "unexpected '" + e + "' at " + end);
          }
          end++;
        }
        pointer = pointer.appendProperty(path.substring(i, end));
        i = end;
        expectName = false;
      }
    }
    return pointer;
  }

  private static IllegalArgumentException invalid(String field, String path, String why) {
    String shown = path == null ? "null" : "'" + path + "'";
    return new IllegalArgumentException(
        field
            + " "
            + shown
            + " is not a valid path ("
            + why
            + "); expected names and [index] joined by dots, e.g. choices[0].delta.content");
  }
}
