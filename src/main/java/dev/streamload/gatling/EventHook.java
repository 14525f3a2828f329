package dev.streamload.gatling;

import io.gatling.commons.validation.Failure;
import io.gatling.commons.validation.Validation;
import io.gatling.core.check.Check;
import io.gatling.core.check.CheckResult;
import io.gatling.core.session.Session;
import io.gatling.http.check.sse.SseCheck;
import io.gatling.javaapi.http.SseMessageCheck;
import io.netty.util.concurrent.FastThreadLocal;
import java.util.Map;
import scala.Function1;
import scala.Function2;
import scala.Option;

/**
 * The per-event hook of a stream's await sequence as one Gatling check of our own: it hands the
 * event, timed at the arrival of its chunk, to the session's {@link LiveStream} and matches when
 * the event ends the sequence. Gatling runs the matching conditions of the pending sequence for
 * every event; written with the DSL ({@code bodyString().transformWithSession(..).is(true)}) the
 * hook went through Gatling's extractor, transformer and validator layers and built a failure
 * message for every event that does not end the sequence (most of them), about as much work as the
 * hook itself. This check answers with two constant results instead (docs/benchmark.md).
 *
 * <p>Internal API of Gatling 3.16.0 ({@code Check}, {@code SseCheck}, the Scala {@code
 * SseMessageCheck}), tested by {@code EventHookTest} and every end-to-end test.
 */
public final class EventHook implements Check<String> {

  private static final Validation<CheckResult> MATCH = CheckResult.NoopCheckResultSuccess();

  /** One instance: Gatling only tests that a condition failed, never reads its message. */
  @SuppressWarnings("unchecked")
  private static final Validation<CheckResult> NO_MATCH =
      (Validation<CheckResult>) (Validation<?>) Failure.apply("event does not end this sequence");

  /**
   * The stream whose chunk {@link StreamListener} is handing to Gatling's decoder on this event
   * loop, or null. Gatling decodes the chunk's events and runs this hook for each within that call,
   * so the hook finds its stream here instead of in the session's attribute map: that lookup, a
   * Scala hash-trie walk over every attribute of the user, cost about as much as recording the
   * event (docs/benchmark.md). Outside a chunk (a test, an event Gatling delivers later) the hook
   * falls back to the session.
   */
  private static final FastThreadLocal<LiveStream> DECODING = new FastThreadLocal<>();

  private final boolean firstSequence;

  private EventHook(boolean firstSequence) {
    this.firstSequence = firstSequence;
  }

  /**
   * {@code sse.checkMessage(name)} whose only matching condition is the hook.
   *
   * @param firstSequence the sequence waits for the first text (else for the end marker)
   */
  public static SseMessageCheck awaiting(SseMessageCheck named, boolean firstSequence) {
    io.gatling.http.check.sse.SseMessageCheck check = named.asScala();
    return new SseMessageCheck(
        check.copy(
            check.name(),
            scala.collection.immutable.List$.MODULE$
                .<SseCheck>empty()
                .$colon$colon(new SseCheck(new EventHook(firstSequence))),
            check.checks(),
            check.postChecks()));
  }

  /** Marks {@code stream} as the one whose chunk this thread is decoding ({@code null}: none). */
  static void decoding(LiveStream stream) {
    DECODING.set(stream);
  }

  @Override
  public Validation<CheckResult> check(
      String message, Session session, Map<Object, Object> preparedCache) {
    LiveStream stream = DECODING.get();
    if (stream == null) {
      Option<Object> live = session.attributes().get(LiveStream.KEY);
      if (live.isEmpty()) {
        return NO_MATCH;
      }
      stream = (LiveStream) live.get();
    }
    return stream.onEvent(stream.receiveNanos(), message, firstSequence) ? MATCH : NO_MATCH;
  }

  @Override
  public Check<String> checkIf(Function1<Session, Validation<Object>> condition) {
    throw new UnsupportedOperationException("the stream hook has no condition");
  }

  @Override
  public Check<String> checkIf(Function2<String, Session, Validation<Object>> condition) {
    throw new UnsupportedOperationException("the stream hook has no condition");
  }
}
