package dev.streamload.mock;

import java.util.List;

/**
 * What one stream will do, resolved from settings, overrides and the fault draw.
 *
 * @param requestId the request id ({@code X-Request-Id} or generated)
 * @param fault the fault to inject, {@link Fault#NONE} for a normal answer
 * @param ttftNanos delay from headers to the first text fragment in nanoseconds
 * @param fragments text fragments in a full answer
 * @param gapNanos nominal delay between fragments in nanoseconds
 * @param jitterNanos each gap varies uniformly by up to this many nanoseconds
 * @param retryMillis SSE {@code retry:} value in milliseconds for the first event, -1 for none
 * @param keepAlive whether the connection stays open after the response
 * @param words the answer's words from {@code X-Mock-Text} (one fragment each, {@code fragments} of
 *     them), or {@code null} for the mock's own words
 * @param finishReason finish reason of a complete answer unless the fault sets one ({@code stop},
 *     or {@code X-Mock-Finish-Reason})
 * @param pingNanos interval of keep-alive pings in nanoseconds for an API that sends them ({@code
 *     X-Mock-Ping-Ms}, 0 for none), -1 for the API's own interval
 */
record StreamPlan(
    String requestId,
    Fault fault,
    long ttftNanos,
    int fragments,
    long gapNanos,
    long jitterNanos,
    long retryMillis,
    boolean keepAlive,
    List<String> words,
    String finishReason,
    long pingNanos) {

  /** Copies the words; a null finish reason is {@code stop}. */
  StreamPlan {
    words = words == null ? null : List.copyOf(words);
    finishReason = finishReason == null ? MockText.STOP : finishReason;
  }

  /** This plan with another fault. */
  StreamPlan withFault(Fault other) {
    return new StreamPlan(
        requestId,
        other,
        ttftNanos,
        fragments,
        gapNanos,
        jitterNanos,
        retryMillis,
        keepAlive,
        words,
        finishReason,
        pingNanos);
  }

  /** Text fragments actually written before the fault, if any, acts. */
  int textFragments() {
    return switch (fault) {
      case EMPTY_ANSWER, FIRST_FRAGMENT_TIMEOUT -> 0;
      case STALL, INTERRUPT, CLOSE_ERROR, ERROR_EVENT, MALFORMED_EVENT -> partialFragments();
      case SHORT_ANSWER -> Math.min(1, fragments);
      default -> fragments;
    };
  }

  /**
   * The text of fragment {@code index} when it is not one of the mock's pre-encoded words ({@code
   * X-Mock-Text}, or the forbidden word), else {@code null}.
   */
  String customFragment(int index) {
    if (fault == Fault.FORBIDDEN_TEXT && index == textFragments() / 2) {
      return MockText.FORBIDDEN_WORD + " ";
    }
    return words == null ? null : words.get(index) + " ";
  }

  /** The text of fragment {@code index}, whatever its source. */
  String fragmentText(int index) {
    String custom = customFragment(index);
    return custom != null ? custom : MockText.fragment(index);
  }

  /** The whole text this plan writes. */
  String answerText() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < textFragments(); i++) {
      text.append(fragmentText(i));
    }
    return text.toString();
  }

  /** The finish reason a complete answer ends with: the fault's, else {@link #finishReason}. */
  String finishReasonSent() {
    return switch (fault) {
      case FINISH_LENGTH -> "length";
      case FINISH_CONTENT_FILTER -> "content_filter";
      default -> finishReason;
    };
  }

  /** "Some fragments": half the answer rounded up, at least one when the answer has any. */
  private int partialFragments() {
    return fragments == 0 ? 0 : Math.max(1, (fragments + 1) / 2);
  }
}
