package dev.streamload.stream;

import java.util.regex.Pattern;

/**
 * Makes a failure detail safe for files: credentials that error messages sometimes echo (bearer
 * tokens, {@code key=} query parameters, {@code sk-} keys) are masked and the text is shortened.
 */
final class Details {

  /** Longest detail kept, in chars. */
  static final int MAX_CHARS = 300;

  private static final Pattern BEARER =
      Pattern.compile("(?i)(bearer|basic)\\s+[A-Za-z0-9._~+/=-]+");
  private static final Pattern SECRET_PARAM =
      Pattern.compile(
          "(?i)((?:api[_-]?key|key|token|access_token|secret|password|auth|sig|signature)"
              + "\\s*[=:]\\s*)[^\\s&\"',;]+");
  private static final Pattern KEY_LIKE = Pattern.compile("\\b(sk|pk|rk)-[A-Za-z0-9_-]{8,}");
  private static final Pattern CONTROL = Pattern.compile("[\\r\\n\\t]+");

  private Details() {}

  /** The detail with secrets masked and at most {@link #MAX_CHARS} chars; null stays null. */
  static String sanitize(String detail) {
    if (detail == null) {
      return null;
    }
    String s = CONTROL.matcher(detail).replaceAll(" ");
    s = BEARER.matcher(s).replaceAll("$1 ***");
    s = SECRET_PARAM.matcher(s).replaceAll("$1***");
    s = KEY_LIKE.matcher(s).replaceAll("$1-***");
    if (s.length() > MAX_CHARS) {
      s = s.substring(0, MAX_CHARS - 3) + "...";
    }
    return s;
  }
}
