package dev.streamload.api;

/**
 * Where a value (the login token, the conversation id) is read from in a response.
 *
 * @param kind body (JMESPath on the JSON body), header, cookie (a {@code Set-Cookie} of the
 *     response) or answer (a path in the streamed answer's events)
 * @param name the JMESPath, header name, cookie name or event path
 */
public record ValueSource(Kind kind, String name) {

  /** The places a value can come from. */
  public enum Kind {
    BODY,
    HEADER,
    COOKIE,
    ANSWER
  }

  public ValueSource {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException(kind.name().toLowerCase() + " source needs a name");
    }
  }

  /**
   * Parses {@code body}, {@code header:<name>} or {@code cookie:<name>}; {@code body} takes {@code
   * bodyPath}.
   *
   * @throws IllegalArgumentException naming the allowed forms
   */
  public static ValueSource parse(String text, String bodyPath) {
    String t = text.trim();
    if (t.equals("body")) {
      return new ValueSource(Kind.BODY, bodyPath);
    }
    int colon = t.indexOf(':');
    String prefix = colon < 0 ? t : t.substring(0, colon);
    String rest = colon < 0 ? "" : t.substring(colon + 1).trim();
    if (!rest.isEmpty() && prefix.equals("header")) {
      return new ValueSource(Kind.HEADER, rest);
    }
    if (!rest.isEmpty() && prefix.equals("cookie")) {
      return new ValueSource(Kind.COOKIE, rest);
    }
    throw new IllegalArgumentException(
        "body (JMESPath in the JSON body), header:<Name> or cookie:<Name>");
  }

  /** For the start line: {@code body token}, {@code header X-Token}. */
  public String describe() {
    return kind.name().toLowerCase() + " " + name;
  }
}
