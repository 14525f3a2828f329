package dev.streamload.stream;

/**
 * How {@link AnswerRules} judged a complete answer, as {@link FailureClassifier} needs it.
 *
 * @param finishClass {@link FailureClass#TRUNCATED} or {@link FailureClass#FILTERED} when the
 *     stream's finish reason is in that class's list, else {@code null}
 * @param failedCheck the first content check the answer failed, by name and counts (never the
 *     answer's text), or {@code null} when it passed them all
 */
public record AnswerFacts(FailureClass finishClass, String failedCheck) {

  /** Nothing against the answer. */
  public static final AnswerFacts NONE = new AnswerFacts(null, null);

  /** Only truncated and filtered may come from a finish reason. */
  public AnswerFacts {
    if (finishClass != null
        && finishClass != FailureClass.TRUNCATED
        && finishClass != FailureClass.FILTERED) {
      throw new IllegalArgumentException(
          "finishClass must be truncated, filtered or null, got " + finishClass.wireName());
    }
  }
}
