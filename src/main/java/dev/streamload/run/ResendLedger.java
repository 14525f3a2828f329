package dev.streamload.run;

import dev.streamload.stream.FailureClass;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which streams Gatling tried to re-send on its own (each attempt blocked by the replay guard) and
 * which of those streams ended {@code interrupted}; thread-safe.
 *
 * <p>Only those are worth a line on the console: Gatling cut the stream and tried to replay it. A
 * blocked re-send of a stream that completed or failed in another class is not a lost answer (for
 * example Gatling retrying a request on a pooled keep-alive connection the server had already
 * closed, or reconnecting a stream the project's own watch had ended as {@code stalled}). A re-send
 * can be attempted before or after the stream is accounted for, so both are kept until the end.
 */
final class ResendLedger {

  private final Set<String> resent = ConcurrentHashMap.newKeySet();
  private final Set<String> interrupted = ConcurrentHashMap.newKeySet();

  /** A re-send of {@code requestId} was blocked (called from the request signer). */
  void resendBlocked(String requestId) {
    resent.add(requestId);
  }

  /** The stream {@code requestId} ended with {@code failure} (empty: completed). */
  void streamEnded(String requestId, Optional<FailureClass> failure) {
    if (failure.isPresent() && failure.get() == FailureClass.INTERRUPTED) {
      interrupted.add(requestId);
    }
  }

  /** Streams that ended {@code interrupted} and had at least one blocked re-send. */
  long interruptedWithBlockedResend() {
    return resent.stream().filter(interrupted::contains).count();
  }

  /** Streams with a blocked re-send that did not end {@code interrupted}. */
  long otherStreamsWithBlockedResend() {
    return resent.size() - interruptedWithBlockedResend();
  }
}
