package dev.streamload.mock;

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
 */
record StreamPlan(
    String requestId,
    Fault fault,
    long ttftNanos,
    int fragments,
    long gapNanos,
    long jitterNanos,
    long retryMillis,
    boolean keepAlive) {

  /** Text fragments actually written before the fault, if any, acts. */
  int textFragments() {
    return switch (fault) {
      case EMPTY_ANSWER, FIRST_FRAGMENT_TIMEOUT -> 0;
      case STALL, INTERRUPT, ERROR_EVENT, MALFORMED_EVENT -> partialFragments();
      default -> fragments;
    };
  }

  /** "Some fragments": half the answer rounded up, at least one when the answer has any. */
  private int partialFragments() {
    return fragments == 0 ? 0 : Math.max(1, (fragments + 1) / 2);
  }
}
