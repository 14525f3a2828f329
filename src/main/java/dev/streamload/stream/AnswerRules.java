package dev.streamload.stream;

import java.util.Set;

/**
 * What makes a complete answer a failure although the stream itself was fine: finish reasons that
 * mean truncated or filtered, and {@link ContentChecks}. Also says whether a stream keeps its
 * answer's text, and whether that text goes to the answer sample. Immutable and thread-safe.
 *
 * <p>Finish reasons are compared exactly (case matters: OpenAI says {@code length}, Gemini {@code
 * MAX_TOKENS}). The two lists must not share a value.
 *
 * @param truncatedReasons finish reasons that make a stream {@link FailureClass#TRUNCATED}
 * @param filteredReasons finish reasons that make a stream {@link FailureClass#FILTERED}
 * @param checks content checks on the whole answer
 * @param sample keep this stream's text after it finished, for the answer sample
 */
public record AnswerRules(
    Set<String> truncatedReasons,
    Set<String> filteredReasons,
    ContentChecks checks,
    boolean sample) {

  private static final AnswerRules NONE =
      new AnswerRules(Set.of(), Set.of(), ContentChecks.none(), false);

  /** Copies the sets; rejects a value in both lists. */
  public AnswerRules {
    truncatedReasons = Set.copyOf(truncatedReasons);
    filteredReasons = Set.copyOf(filteredReasons);
    if (checks == null) {
      throw new IllegalArgumentException("checks must not be null");
    }
    for (String reason : truncatedReasons) {
      if (filteredReasons.contains(reason)) {
        throw new IllegalArgumentException(
            "finish reason '" + reason + "' is in both the truncated and the filtered list");
      }
    }
  }

  /** No rules: the finish reason is only recorded, no content check, no sample. */
  public static AnswerRules none() {
    return NONE;
  }

  /** These rules for a stream whose answer goes to the answer sample. */
  public AnswerRules sampled() {
    return sample ? this : new AnswerRules(truncatedReasons, filteredReasons, checks, true);
  }

  /** True when a stream under these rules keeps its answer's text while it runs. */
  public boolean keepsText() {
    return sample || checks.needsText();
  }

  /** {@link FailureClass#TRUNCATED}, {@link FailureClass#FILTERED} or null for a finish reason. */
  public FailureClass finishClass(String finishReason) {
    if (finishReason == null) {
      return null;
    }
    if (truncatedReasons.contains(finishReason)) {
      return FailureClass.TRUNCATED;
    }
    return filteredReasons.contains(finishReason) ? FailureClass.FILTERED : null;
  }

  /**
   * Judges a complete answer.
   *
   * @param finishReason the stream's last finish reason, or {@code null}
   * @param chars the answer's length in UTF-16 chars
   * @param text the answer's text, or {@code null} when it was not kept
   */
  public AnswerFacts judge(String finishReason, long chars, CharSequence text) {
    FailureClass finish = finishClass(finishReason);
    String failed = checks.isEmpty() ? null : checks.firstFailure(chars, text).orElse(null);
    return finish == null && failed == null ? AnswerFacts.NONE : new AnswerFacts(finish, failed);
  }
}
