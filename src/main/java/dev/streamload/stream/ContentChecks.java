package dev.streamload.stream;

import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Checks on the whole text of a complete answer: a minimum length, a pattern it must contain and a
 * pattern it must not contain. Immutable and thread-safe; one instance serves every stream.
 *
 * <p>The length check needs only the char count every stream keeps; the two patterns need the text,
 * so a stream keeps its text (for its own life only) when {@link #needsText()} is true. Patterns
 * are Java regular expressions searched anywhere in the answer ({@link
 * java.util.regex.Matcher#find()}); add {@code (?s)}, {@code (?i)} or anchors as needed. A failed
 * check is described by its name and numbers only, never by the answer's text.
 *
 * @param minChars least number of UTF-16 chars the answer must have; 0 disables the check
 * @param mustMatch pattern the answer must contain, or {@code null}
 * @param mustNotMatch pattern the answer must not contain, or {@code null}
 */
public record ContentChecks(int minChars, Pattern mustMatch, Pattern mustNotMatch) {

  /** Name of the minimum-length check, as in its property. */
  public static final String MIN_CHARS = "check.minChars";

  /** Name of the must-match check, as in its property. */
  public static final String MUST_MATCH = "check.mustMatch";

  /** Name of the must-not-match check, as in its property. */
  public static final String MUST_NOT_MATCH = "check.mustNotMatch";

  private static final ContentChecks NONE = new ContentChecks(0, null, null);

  /** Rejects a negative length. */
  public ContentChecks {
    if (minChars < 0) {
      throw new IllegalArgumentException(MIN_CHARS + " must be 0 or more, got " + minChars);
    }
  }

  /** No checks: every answer passes. */
  public static ContentChecks none() {
    return NONE;
  }

  /** These checks with a minimum answer length in UTF-16 chars (0 disables it). */
  public ContentChecks withMinChars(int chars) {
    return new ContentChecks(chars, mustMatch, mustNotMatch);
  }

  /**
   * These checks with a pattern the answer must contain; a blank regex removes the check.
   *
   * @throws IllegalArgumentException naming the check and the regex problem
   */
  public ContentChecks withMustMatch(String regex) {
    return new ContentChecks(minChars, compile(MUST_MATCH, regex).orElse(null), mustNotMatch);
  }

  /**
   * These checks with a pattern the answer must not contain; a blank regex removes the check.
   *
   * @throws IllegalArgumentException naming the check and the regex problem
   */
  public ContentChecks withMustNotMatch(String regex) {
    return new ContentChecks(minChars, mustMatch, compile(MUST_NOT_MATCH, regex).orElse(null));
  }

  /**
   * Compiles a check's regex; blank means no check.
   *
   * @throws IllegalArgumentException {@code "<check> '<regex>' is not a valid regular expression:
   *     <problem>"}
   */
  public static Optional<Pattern> compile(String check, String regex) {
    if (regex == null || regex.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Pattern.compile(regex));
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(
          check
              + " '"
              + regex
              + "' is not a valid regular expression: "
              + e.getDescription()
              + (e.getIndex() >= 0 ? " near index " + e.getIndex() : ""),
          e);
    }
  }

  /** True when no check is set. */
  public boolean isEmpty() {
    return minChars == 0 && mustMatch == null && mustNotMatch == null;
  }

  /** True when a check reads the answer's text (a pattern), not only its length. */
  public boolean needsText() {
    return mustMatch != null || mustNotMatch != null;
  }

  /**
   * The first check the answer fails, described by the check's name and counts only, or empty when
   * it passes every check.
   *
   * @param chars the answer's length in UTF-16 chars
   * @param text the answer's text; may be {@code null} only when {@link #needsText()} is false
   */
  public Optional<String> firstFailure(long chars, CharSequence text) {
    if (minChars > 0 && chars < minChars) {
      return Optional.of(
          MIN_CHARS + ": the answer has " + chars + " chars, at least " + minChars + " required");
    }
    if (mustMatch != null && (text == null || !mustMatch.matcher(text).find())) {
      return Optional.of(MUST_MATCH + ": the pattern was not found in the answer");
    }
    if (mustNotMatch != null && text != null && mustNotMatch.matcher(text).find()) {
      return Optional.of(MUST_NOT_MATCH + ": the pattern was found in the answer");
    }
    return Optional.empty();
  }

  /**
   * The checks that are set, for the console: names and the length, not the patterns (they may
   * quote the text an answer is expected to hold); empty string when none.
   */
  public String describe() {
    StringBuilder b = new StringBuilder();
    if (minChars > 0) {
      b.append(MIN_CHARS).append('=').append(minChars);
    }
    if (mustMatch != null) {
      b.append(b.length() > 0 ? ", " : "").append(MUST_MATCH);
    }
    if (mustNotMatch != null) {
      b.append(b.length() > 0 ? ", " : "").append(MUST_NOT_MATCH);
    }
    return b.toString();
  }
}
