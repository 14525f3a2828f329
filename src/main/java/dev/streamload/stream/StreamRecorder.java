package dev.streamload.stream;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Times one stream from the events a load tool feeds it and turns them into a {@link StreamResult};
 * one per stream, not thread-safe (it lives on the stream's event loop).
 *
 * <p>All times are {@link System#nanoTime()} readings passed in by the caller, in receive order (a
 * time earlier than the previous event counts as a zero gap). Per event the recorder parses the
 * message once and updates a few fields; it allocates only when its gap array grows.
 *
 * <p>Events after the end marker are counted in {@link StreamResult#events()} but not timed and do
 * not change any flag. Calls after {@link #finish} are ignored, and {@code finish} returns the
 * first result again.
 *
 * <p>The answer's text is kept only when its {@link AnswerRules} need it (a content-check pattern,
 * or the answer sample), and only until {@link #finish} (or, for the sample, until {@link
 * #takeSampledAnswer()}); otherwise only its length is counted.
 */
public final class StreamRecorder {

  private static final int INITIAL_CAPACITY = 64;
  private static final int INITIAL_TEXT_CAPACITY = 256;
  private static final long ABSENT = StreamResult.ABSENT;

  private final String requestId;
  private final String userId;
  private final int step;
  private final long scheduledNanos;
  private final long sendNanos;
  private final StreamLimits limits;
  private final EventParser parser;
  private final AnswerRules rules;
  private final boolean cumulative;
  private final boolean endsOnClose;

  private long headersNanos = ABSENT;
  private int status = -1;
  private String contentType;
  private int headerCount;

  private long firstTextNanos = ABSENT;
  private long lastTextNanos = ABSENT;
  private long lastEventNanos = ABSENT;
  private long endMarkerNanos = ABSENT;
  private int fragments;
  private int events;
  private long textChars;
  private long usageTokens = -1;
  private long maxEventGapNanos;
  private boolean errorEvent;
  private boolean malformedEvent;
  private String errorDetail;
  private String malformedDetail;
  private String finishReason;
  private StringBuilder answer;

  /** Cumulative text: the length of the answer so far, and a buffer for the next event's text. */
  private int cumulativeChars;

  private StringBuilder scratch;

  private long[] gaps = new long[INITIAL_CAPACITY];
  private int gapCount;
  private long[] eventTimes;
  private int eventTimeCount;

  private StreamResult result;

  /**
   * Starts recording a stream that was sent at {@code sendNanos}.
   *
   * @param requestId the load tool's request id (for traces; never a header value)
   * @param userId the virtual user
   * @param step load step index
   * @param scheduledNanos when the load model meant the request to start, or -1 when unknown
   * @param sendNanos when the request was sent
   * @param limits timeouts the stream is judged against
   * @param parser parser for the API's dialect (shared between streams)
   * @param keepEventTimes keep every event's receive time for the trace (costs 8 bytes an event)
   */
  public StreamRecorder(
      String requestId,
      String userId,
      int step,
      long scheduledNanos,
      long sendNanos,
      StreamLimits limits,
      EventParser parser,
      boolean keepEventTimes) {
    this(
        requestId,
        userId,
        step,
        scheduledNanos,
        sendNanos,
        limits,
        parser,
        keepEventTimes,
        AnswerRules.none());
  }

  /**
   * Starts recording a stream whose complete answer is judged by {@code rules}.
   *
   * @param rules finish reasons that fail a stream, content checks, whether the text is kept
   * @see #StreamRecorder(String, String, int, long, long, StreamLimits, EventParser, boolean)
   */
  public StreamRecorder(
      String requestId,
      String userId,
      int step,
      long scheduledNanos,
      long sendNanos,
      StreamLimits limits,
      EventParser parser,
      boolean keepEventTimes,
      AnswerRules rules) {
    if (limits == null || parser == null || rules == null) {
      throw new IllegalArgumentException("limits, parser and rules must not be null");
    }
    this.rules = rules;
    this.answer = rules.keepsText() ? new StringBuilder(INITIAL_TEXT_CAPACITY) : null;
    this.requestId = requestId;
    this.userId = userId;
    this.step = step;
    this.scheduledNanos = scheduledNanos;
    this.sendNanos = sendNanos;
    this.limits = limits;
    this.parser = parser;
    this.eventTimes = keepEventTimes ? new long[INITIAL_CAPACITY] : null;
    this.cumulative = parser.dialect().textMode() == TextMode.CUMULATIVE;
    this.endsOnClose = parser.dialect().endRule().kind() == EndRule.Kind.CLOSE;
    this.scratch = cumulative && answer != null ? new StringBuilder(INITIAL_TEXT_CAPACITY) : null;
  }

  /**
   * Records the response status and headers. A second call means the client re-sent the request by
   * itself (Gatling reconnects a cut SSE stream); the first status is kept and the stream is
   * classified {@link FailureClass#REPLAYED}.
   *
   * @param nanos receive time
   * @param status HTTP status
   * @param contentType the {@code Content-Type} value, or {@code null} if unknown
   */
  public void onHeaders(long nanos, int status, String contentType) {
    if (result != null) {
      return;
    }
    if (headerCount++ == 0) {
      this.headersNanos = nanos;
      this.status = status;
      this.contentType = contentType;
    }
  }

  /**
   * Parses and records one event.
   *
   * @param nanos receive time
   * @param message the event as Gatling renders it ({@code {"data":...}})
   * @return the event's kind, e.g. for a check that waits for {@link EventKind#END_MARKER}; a text
   *     event that also ends the stream (an end rule by event name or condition) is recorded as
   *     text and returned as {@link EventKind#END_MARKER}
   */
  public EventKind onEvent(long nanos, String message) {
    boolean recording = result == null && endMarkerNanos == ABSENT;
    ParsedEvent event = parser.parse(message, recording ? (cumulative ? scratch : answer) : null);
    if (result != null) {
      return event.kind();
    }
    events++;
    if (endMarkerNanos != ABSENT) {
      return event.kind();
    }
    if (event.finishReason() != null) {
      finishReason = event.finishReason();
    }
    if (lastEventNanos != ABSENT) {
      long gap = Math.max(0, nanos - lastEventNanos);
      if (gap > maxEventGapNanos) {
        maxEventGapNanos = gap;
      }
    }
    lastEventNanos = nanos;
    if (eventTimes != null) {
      if (eventTimeCount == eventTimes.length) {
        eventTimes = Arrays.copyOf(eventTimes, eventTimeCount * 2);
      }
      eventTimes[eventTimeCount++] = nanos;
    }
    if (event.usageTokens() >= 0) {
      usageTokens = event.usageTokens();
    }
    EventKind kind = event.kind();
    int chars = event.textChars();
    if (cumulative && kind == EventKind.TEXT) {
      // The event holds the whole answer so far: only what it adds is a fragment.
      chars = event.textChars() - cumulativeChars;
      if (chars > 0) {
        cumulativeChars = event.textChars();
        if (scratch != null) {
          StringBuilder latest = scratch;
          scratch = answer;
          answer = latest;
        }
      } else {
        kind = EventKind.NO_TEXT;
      }
      if (scratch != null) {
        scratch.setLength(0);
      }
    }
    switch (kind) {
      case TEXT:
        if (firstTextNanos == ABSENT) {
          firstTextNanos = nanos;
        } else {
          if (gapCount == gaps.length) {
            gaps = Arrays.copyOf(gaps, gapCount * 2);
          }
          gaps[gapCount++] = Math.max(0, nanos - lastTextNanos);
        }
        lastTextNanos = nanos;
        fragments++;
        textChars += chars;
        break;
      case END_MARKER:
        endMarkerNanos = nanos;
        break;
      case ERROR:
        if (!errorEvent) {
          errorEvent = true;
          errorDetail = EventDetails.error(message, parser.dialect().errorPointer());
        }
        break;
      case MALFORMED:
        if (!malformedEvent) {
          malformedEvent = true;
          malformedDetail = EventDetails.malformed(message);
        }
        break;
      default:
        break;
    }
    if (event.ends()) {
      // A text event that also ends the stream (Gemini's last chunk, Spark's status 2 frame).
      endMarkerNanos = nanos;
    }
    return event.endsStream() ? EventKind.END_MARKER : kind;
  }

  /** True once the end marker has been recorded. */
  public boolean endMarkerReceived() {
    return endMarkerNanos != ABSENT;
  }

  /** Text events recorded so far. */
  public int fragments() {
    return fragments;
  }

  /** Events recorded so far. */
  public int events() {
    return events;
  }

  /**
   * Ends the recording and classifies the stream.
   *
   * @param nanos when the stream ended
   * @param termination how the load tool saw it end
   * @param detail explanation from the load tool (e.g. the connect error message), or {@code null};
   *     credentials are masked before it is stored
   * @return the result; the same instance on later calls
   */
  public StreamResult finish(long nanos, Termination termination, String detail) {
    if (result != null) {
      return result;
    }
    if (termination == null) {
      throw new IllegalArgumentException("termination must not be null");
    }
    if (endsOnClose
        && termination == Termination.ENDED_WITHOUT_MARKER
        && endMarkerNanos == ABSENT) {
      // stream.end=close: the server's clean end of the response is the end of the answer.
      endMarkerNanos = nanos;
      termination = Termination.END_MARKER_RECEIVED;
    }
    boolean markerSeen = endMarkerNanos != ABSENT;
    long trailing =
        !markerSeen && lastEventNanos != ABSENT ? Math.max(0, nanos - lastEventNanos) : 0;
    long longestSilence = Math.max(maxEventGapNanos, trailing);
    StreamFacts facts =
        new StreamFacts(
            headerCount > 0,
            fragments,
            events,
            errorEvent,
            malformedEvent,
            markerSeen || termination == Termination.END_MARKER_RECEIVED,
            headerCount > 1,
            longestSilence);
    // Only a stream that reached its end marker has a complete answer to judge.
    AnswerFacts judged =
        facts.endMarkerSeen() ? rules.judge(finishReason, textChars, answer) : AnswerFacts.NONE;
    Optional<FailureClass> failure =
        FailureClassifier.classify(termination, status, contentType, facts, limits, judged);
    long end = markerSeen ? endMarkerNanos : facts.endMarkerSeen() ? nanos : ABSENT;
    boolean usage = usageTokens >= 0;
    String why = detailOf(failure, detail, longestSilence, judged);
    result =
        new StreamResult(
            requestId,
            userId,
            step,
            scheduledNanos,
            sendNanos,
            headersNanos,
            firstTextNanos,
            lastTextNanos,
            end,
            nanos,
            status,
            fragments,
            events,
            textChars,
            usage ? usageTokens : fragments,
            usage ? TokenSource.USAGE : TokenSource.FRAGMENTS,
            Arrays.copyOf(gaps, gapCount),
            longestSilence,
            termination,
            failure,
            why,
            eventTimes == null ? null : Arrays.copyOf(eventTimes, eventTimeCount),
            finishReason);
    gaps = null;
    eventTimes = null;
    if (!rules.sample()) {
      answer = null;
    }
    return result;
  }

  /**
   * What the problem event said for error and malformed events (the load tool only knows that the
   * stream ended), else the load tool's detail, else a default from what was recorded.
   */
  private String detailOf(
      Optional<FailureClass> failure, String detail, long longestSilence, AnswerFacts judged) {
    if (failure.isPresent() && failure.get() == FailureClass.ERROR_EVENT && errorDetail != null) {
      return errorDetail;
    }
    if (failure.isPresent()
        && failure.get() == FailureClass.MALFORMED_EVENT
        && malformedDetail != null) {
      return malformedDetail;
    }
    return detail != null ? detail : defaultDetail(failure, longestSilence, judged);
  }

  /**
   * The finished stream's answer text for the answer sample, once: later calls, calls before {@link
   * #finish}, and streams not in the sample return {@code null}. The recorder drops the text when
   * it hands it over.
   */
  public String takeSampledAnswer() {
    if (result == null || answer == null) {
      return null;
    }
    String text = answer.toString();
    answer = null;
    return text;
  }

  private String defaultDetail(
      Optional<FailureClass> failure, long longestSilence, AnswerFacts judged) {
    if (failure.isEmpty()) {
      return null;
    }
    switch (failure.get()) {
      case HTTP_401:
      case HTTP_403:
      case HTTP_429:
      case HTTP_4XX:
      case HTTP_5XX:
        return "status " + status;
      case WRONG_CONTENT_TYPE:
        return "content type " + contentType;
      case STALLED:
        return String.format(
            Locale.ROOT,
            "silent for %.3f s, idle timeout %.3f s",
            longestSilence / 1e9,
            limits.idleTimeoutNanos() / 1e9);
      case REPLAYED:
        return "headers received " + headerCount + " times";
      case EMPTY_ANSWER:
        return events + " events, no text";
      case TRUNCATED:
      case FILTERED:
        return "finish reason '" + finishReason + "'";
      case CONTENT_CHECK:
        return judged.failedCheck();
      default:
        return null;
    }
  }
}
