package dev.streamload.stream;

import java.util.Locale;
import java.util.Optional;

/**
 * Decides whether a stream succeeded and, if not, which single {@link FailureClass} it gets; a pure
 * function of how the stream ended and what was observed.
 *
 * <p>A stream succeeds only when it got a 2xx {@code text/event-stream} response, the end marker,
 * at least one text fragment, no error or malformed event, was not replayed, never went silent for
 * the idle timeout or longer, and its answer (judged by {@link AnswerRules} into {@link
 * AnswerFacts}) was neither truncated nor filtered by the server's finish reason and passed every
 * content check. Otherwise the first matching rule wins:
 *
 * <ol>
 *   <li>{@code connect_failure}: termination {@link Termination#CONNECT_FAILED}.
 *   <li>{@code http_401}, {@code http_403}, {@code http_429}, {@code http_5xx}, {@code http_4xx}: a
 *       known status (&gt; 0) outside 200..299; {@code http_4xx} also takes unexpected 1xx/3xx.
 *   <li>{@code wrong_content_type}: status 2xx and a content type that is not {@code
 *       text/event-stream} (a {@code null} content type means unknown and is not judged).
 *   <li>{@code error_event}: an event carried the error member.
 *   <li>{@code malformed_event}: an event could not be parsed.
 *   <li>{@code closed_with_error}: termination {@link Termination#CLOSED_WITH_ERROR} before the end
 *       (a WebSocket closed by the server with an error close code).
 *   <li>{@code replayed}: termination {@link Termination#REPLAY_DETECTED}, or headers arrived more
 *       than once.
 *   <li>{@code first_fragment_timeout}: termination {@link Termination#FIRST_FRAGMENT_TIMEOUT}.
 *   <li>{@code stalled}: termination {@link Termination#IDLE_TIMEOUT}, or the longest silence
 *       between events (including the trailing silence when the stream did not end with the marker)
 *       is at least the idle timeout. A silence of exactly {@code timeout.idle} is a stall, the
 *       same rule as the watch that ends a silent stream. Streams stalled and then timed out or cut
 *       land here; a stream that stalled and still finished does too.
 *   <li>{@code interrupted}: termination {@link Termination#CONNECTION_CUT} or {@link
 *       Termination#ABORTED} before the end marker.
 *   <li>{@code stream_timeout}: termination {@link Termination#STREAM_TIMEOUT} before the end
 *       marker.
 *   <li>{@code no_end_marker}: no end marker (e.g. {@link Termination#ENDED_WITHOUT_MARKER}).
 *   <li>{@code filtered}: end marker, and the finish reason is in the filtered list (the server
 *       says why the answer is missing or short, so this wins over {@code empty_answer}).
 *   <li>{@code truncated}: end marker, and the finish reason is in the truncated list (a reasoning
 *       model that spent its token budget before any answer text lands here too).
 *   <li>{@code empty_answer}: end marker but no text fragment.
 *   <li>{@code content_check}: the complete answer failed a content check.
 * </ol>
 *
 * <p>{@code login_failed} and {@code conversation_failed} are never produced here: they belong to
 * steps before the stream and are recorded with {@link StreamResult#failedBeforeStream}.
 */
public final class FailureClassifier {

  private static final String EVENT_STREAM = "text/event-stream";

  private FailureClassifier() {}

  /**
   * Classifies one finished stream whose answer is not judged ({@link AnswerFacts#NONE}); empty
   * means success.
   *
   * @param termination how the load tool saw the stream end
   * @param status HTTP status, or a value &le; 0 when no response arrived
   * @param contentType response content type, or {@code null} when unknown
   * @param facts what the recorder observed
   * @param limits the timeouts the stream is judged against
   */
  public static Optional<FailureClass> classify(
      Termination termination,
      int status,
      String contentType,
      StreamFacts facts,
      StreamLimits limits) {
    return classify(termination, status, contentType, facts, limits, AnswerFacts.NONE);
  }

  /**
   * Classifies one finished stream; empty means success.
   *
   * @param termination how the load tool saw the stream end
   * @param status HTTP status, or a value &le; 0 when no response arrived
   * @param contentType response content type, or {@code null} when unknown
   * @param facts what the recorder observed
   * @param limits the timeouts the stream is judged against
   * @param answer how the complete answer was judged (finish reason, content checks)
   */
  public static Optional<FailureClass> classify(
      Termination termination,
      int status,
      String contentType,
      StreamFacts facts,
      StreamLimits limits,
      AnswerFacts answer) {
    if (termination == null || facts == null || limits == null || answer == null) {
      throw new IllegalArgumentException("termination, facts, limits and answer must not be null");
    }
    if (termination == Termination.CONNECT_FAILED) {
      return Optional.of(FailureClass.CONNECT_FAILURE);
    }
    if (status > 0 && (status < 200 || status > 299)) {
      return Optional.of(statusClass(status));
    }
    if (status > 0 && contentType != null && !isEventStream(contentType)) {
      return Optional.of(FailureClass.WRONG_CONTENT_TYPE);
    }
    if (facts.errorEvent()) {
      return Optional.of(FailureClass.ERROR_EVENT);
    }
    if (facts.malformedEvent()) {
      return Optional.of(FailureClass.MALFORMED_EVENT);
    }
    if (termination == Termination.CLOSED_WITH_ERROR && !facts.endMarkerSeen()) {
      return Optional.of(FailureClass.CLOSED_WITH_ERROR);
    }
    if (termination == Termination.REPLAY_DETECTED || facts.replayed()) {
      return Optional.of(FailureClass.REPLAYED);
    }
    if (termination == Termination.FIRST_FRAGMENT_TIMEOUT) {
      return Optional.of(FailureClass.FIRST_FRAGMENT_TIMEOUT);
    }
    if (termination == Termination.IDLE_TIMEOUT
        || facts.longestSilenceNanos() >= limits.idleTimeoutNanos()) {
      return Optional.of(FailureClass.STALLED);
    }
    boolean marker = facts.endMarkerSeen() || termination == Termination.END_MARKER_RECEIVED;
    if (!marker
        && (termination == Termination.CONNECTION_CUT || termination == Termination.ABORTED)) {
      return Optional.of(FailureClass.INTERRUPTED);
    }
    if (!marker && termination == Termination.STREAM_TIMEOUT) {
      return Optional.of(FailureClass.STREAM_TIMEOUT);
    }
    if (!marker) {
      return Optional.of(FailureClass.NO_END_MARKER);
    }
    if (answer.finishClass() == FailureClass.FILTERED) {
      return Optional.of(FailureClass.FILTERED);
    }
    if (answer.finishClass() == FailureClass.TRUNCATED) {
      return Optional.of(FailureClass.TRUNCATED);
    }
    if (facts.textFragments() == 0) {
      return Optional.of(FailureClass.EMPTY_ANSWER);
    }
    if (answer.failedCheck() != null) {
      return Optional.of(FailureClass.CONTENT_CHECK);
    }
    return Optional.empty();
  }

  /** The class of a non-2xx status. */
  public static FailureClass statusClass(int status) {
    switch (status) {
      case 401:
        return FailureClass.HTTP_401;
      case 403:
        return FailureClass.HTTP_403;
      case 429:
        return FailureClass.HTTP_429;
      default:
        return status >= 500 ? FailureClass.HTTP_5XX : FailureClass.HTTP_4XX;
    }
  }

  /** True for {@code text/event-stream}, ignoring case, spaces and parameters. */
  public static boolean isEventStream(String contentType) {
    String t = contentType.strip();
    int semi = t.indexOf(';');
    if (semi >= 0) {
      t = t.substring(0, semi).strip();
    }
    return t.toLowerCase(Locale.ROOT).equals(EVENT_STREAM);
  }
}
