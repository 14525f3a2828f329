package dev.streamload.stream;

import java.util.Optional;

/**
 * Everything measured about one finished stream. Times are {@link System#nanoTime()} readings
 * (monotonic, nanoseconds); a time that did not happen is {@link #ABSENT} (-1).
 *
 * <p>Output tokens: the server's usage count when the stream carried one ({@link
 * TokenSource#USAGE}), else the number of text fragments ({@link TokenSource#FRAGMENTS}), which
 * undercounts when a fragment carries several tokens.
 *
 * @param requestId the load tool's id for this request (joins with server logs)
 * @param userId the virtual user
 * @param step load step index the stream was started in
 * @param scheduledNanos when the load model meant the request to start (-1 when unknown)
 * @param sendNanos when the request was sent
 * @param headersNanos when status and headers arrived
 * @param firstTextNanos first event that carried text
 * @param lastTextNanos last event that carried text (before the end marker)
 * @param endNanos when the end marker arrived (or, if the load tool reported the marker the
 *     recorder did not see, the finish time); -1 without a marker
 * @param finishNanos when {@link StreamRecorder#finish} was called (the stream's end, whatever it
 *     was)
 * @param status HTTP status, -1 when none arrived
 * @param fragments events that carried text
 * @param events all events, including those after the end marker
 * @param textChars generated text in UTF-16 chars
 * @param outputTokens output tokens, see {@code tokenSource}
 * @param tokenSource where {@code outputTokens} comes from
 * @param gapsNanos gaps in nanoseconds between consecutive text events, in arrival order
 * @param maxGapNanos longest silence in nanoseconds between consecutive events, including the
 *     trailing silence of a stream that did not end with the marker (stall detection)
 * @param termination how the load tool saw the stream end
 * @param failure why the stream failed; empty on success
 * @param detail short human explanation, secrets masked; may be null on success
 * @param eventNanos receive time of every event up to the end marker when the recorder kept them,
 *     else {@code null}
 * @param finishReason the last finish reason the server sent before the end marker (e.g. {@code
 *     stop}, {@code length}), or {@code null} when it sent none or the dialect reads none
 * @param promptChars length of the prompt sent (UTF-16 chars, the feeder's {@code prompt}), or -1
 *     when unknown; with generated prompts of several lengths it lets TTFT be read against input
 *     length
 */
public record StreamResult(
    String requestId,
    String userId,
    int step,
    long scheduledNanos,
    long sendNanos,
    long headersNanos,
    long firstTextNanos,
    long lastTextNanos,
    long endNanos,
    long finishNanos,
    int status,
    int fragments,
    int events,
    long textChars,
    long outputTokens,
    TokenSource tokenSource,
    long[] gapsNanos,
    long maxGapNanos,
    Termination termination,
    Optional<FailureClass> failure,
    String detail,
    long[] eventNanos,
    String finishReason,
    int promptChars) {

  /**
   * Marks a time that did not happen. Any other value is a valid {@code nanoTime} reading, which
   * may be negative on some platforms, so compare with this constant, never with {@code < 0}.
   */
  public static final long ABSENT = -1;

  private static final long[] NO_GAPS = new long[0];

  /** This result with another failure detail (masked and cut like any detail). */
  public StreamResult withDetail(String newDetail) {
    return copy(newDetail, promptChars);
  }

  /** This result with the length of the prompt that was sent. */
  public StreamResult withPromptChars(int chars) {
    return copy(detail, chars);
  }

  private StreamResult copy(String newDetail, int newPromptChars) {
    return new StreamResult(
        requestId,
        userId,
        step,
        scheduledNanos,
        sendNanos,
        headersNanos,
        firstTextNanos,
        lastTextNanos,
        endNanos,
        finishNanos,
        status,
        fragments,
        events,
        textChars,
        outputTokens,
        tokenSource,
        gapsNanos,
        maxGapNanos,
        termination,
        failure,
        newDetail,
        eventNanos,
        finishReason,
        newPromptChars);
  }

  /** A result whose prompt length is unknown. */
  public StreamResult(
      String requestId,
      String userId,
      int step,
      long scheduledNanos,
      long sendNanos,
      long headersNanos,
      long firstTextNanos,
      long lastTextNanos,
      long endNanos,
      long finishNanos,
      int status,
      int fragments,
      int events,
      long textChars,
      long outputTokens,
      TokenSource tokenSource,
      long[] gapsNanos,
      long maxGapNanos,
      Termination termination,
      Optional<FailureClass> failure,
      String detail,
      long[] eventNanos,
      String finishReason) {
    this(
        requestId,
        userId,
        step,
        scheduledNanos,
        sendNanos,
        headersNanos,
        firstTextNanos,
        lastTextNanos,
        endNanos,
        finishNanos,
        status,
        fragments,
        events,
        textChars,
        outputTokens,
        tokenSource,
        gapsNanos,
        maxGapNanos,
        termination,
        failure,
        detail,
        eventNanos,
        finishReason,
        -1);
  }

  /** A result without a finish reason. */
  public StreamResult(
      String requestId,
      String userId,
      int step,
      long scheduledNanos,
      long sendNanos,
      long headersNanos,
      long firstTextNanos,
      long lastTextNanos,
      long endNanos,
      long finishNanos,
      int status,
      int fragments,
      int events,
      long textChars,
      long outputTokens,
      TokenSource tokenSource,
      long[] gapsNanos,
      long maxGapNanos,
      Termination termination,
      Optional<FailureClass> failure,
      String detail,
      long[] eventNanos) {
    this(
        requestId,
        userId,
        step,
        scheduledNanos,
        sendNanos,
        headersNanos,
        firstTextNanos,
        lastTextNanos,
        endNanos,
        finishNanos,
        status,
        fragments,
        events,
        textChars,
        outputTokens,
        tokenSource,
        gapsNanos,
        maxGapNanos,
        termination,
        failure,
        detail,
        eventNanos,
        null);
  }

  /**
   * Normalises nulls (no gaps is an empty array, failure is never null) and masks credentials in
   * the detail, so no result can carry a secret into a report.
   */
  public StreamResult {
    gapsNanos = gapsNanos == null ? NO_GAPS : gapsNanos;
    failure = failure == null ? Optional.empty() : failure;
    detail = Details.sanitize(detail);
    if (tokenSource == null) {
      throw new IllegalArgumentException("tokenSource must not be null");
    }
    if (termination == null) {
      throw new IllegalArgumentException("termination must not be null");
    }
  }

  /**
   * A stream attempt that failed before any request was sent, e.g. {@link
   * FailureClass#LOGIN_FAILED} or {@link FailureClass#CONVERSATION_FAILED}.
   *
   * @param nanos when the failure was noticed ({@link System#nanoTime()})
   */
  public static StreamResult failedBeforeStream(
      String requestId,
      String userId,
      int step,
      long scheduledNanos,
      long nanos,
      FailureClass failure,
      String detail) {
    if (failure == null) {
      throw new IllegalArgumentException("failure must not be null");
    }
    return new StreamResult(
        requestId,
        userId,
        step,
        scheduledNanos,
        ABSENT,
        ABSENT,
        ABSENT,
        ABSENT,
        ABSENT,
        nanos,
        -1,
        0,
        0,
        0,
        0,
        TokenSource.FRAGMENTS,
        NO_GAPS,
        0,
        Termination.ABORTED,
        Optional.of(failure),
        detail,
        null);
  }

  /** True when the stream succeeded. */
  public boolean ok() {
    return failure.isEmpty();
  }

  /** True when event receive times were kept. */
  public boolean hasEventTimes() {
    return eventNanos != null;
  }

  /** Time to first token in nanoseconds: first text − send; -1 if either is missing. */
  public long ttftNanos() {
    return between(sendNanos, firstTextNanos);
  }

  /** Time to headers in nanoseconds: headers − send; -1 if either is missing. */
  public long timeToHeadersNanos() {
    return between(sendNanos, headersNanos);
  }

  /** End to end in nanoseconds: end marker − send; -1 without a marker. */
  public long e2eNanos() {
    return between(sendNanos, endNanos);
  }

  /** Schedule lag in nanoseconds: send − scheduled; -1 if either is missing. */
  public long scheduleLagNanos() {
    return between(scheduledNanos, sendNanos);
  }

  /** TTFT from schedule in nanoseconds: first text − scheduled; -1 if either is missing. */
  public long ttftFromScheduleNanos() {
    return between(scheduledNanos, firstTextNanos);
  }

  /**
   * Time per output token in nanoseconds: (last text − first text) / (output tokens − 1); -1 with
   * fewer than 2 output tokens or no text.
   */
  public long tpotNanos() {
    long decode = between(firstTextNanos, lastTextNanos);
    if (decode == -1 || outputTokens < 2) {
      return -1;
    }
    return decode / (outputTokens - 1);
  }

  /**
   * Per-stream output rate in tokens per second: output tokens / (end − first text); -1 without a
   * marker, without text, or when the two coincide. It counts the first token in the numerator but
   * not its wait, so it reads slightly above 1 / TPOT.
   */
  public double outputTokensPerSecond() {
    long span = between(firstTextNanos, endNanos);
    if (span <= 0 || outputTokens <= 0) { // -1: a time is missing; 0: no time elapsed
      return -1;
    }
    return outputTokens * 1e9 / span;
  }

  private static long between(long from, long to) {
    if (from == ABSENT || to == ABSENT) {
      return -1;
    }
    return Math.max(0, to - from);
  }
}
