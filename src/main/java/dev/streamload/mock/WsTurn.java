package dev.streamload.mock;

import java.util.List;

/**
 * What the WebSocket mock ({@code dev.streamload.mock.ws}) writes for one chat message: the same
 * plan as an SSE stream (settings, {@code X-Mock-*} overrides of the upgrade request, the fault
 * draw), in a form that package can read.
 *
 * @param requestId the message's request id
 * @param fault the fault to inject, {@link Fault#NONE} for a normal answer
 * @param ttftNanos delay from the message to the first text fragment, nanoseconds
 * @param gapNanos nominal delay between fragments, nanoseconds
 * @param jitterNanos each gap varies uniformly by up to this many nanoseconds
 * @param fragments the text of each fragment written before the fault acts, in order
 * @param fullFragments fragments of the complete answer (the usage count of a complete answer)
 * @param finishReason finish reason of the answer's end ({@code stop}, {@code length}, ...)
 */
public record WsTurn(
    String requestId,
    Fault fault,
    long ttftNanos,
    long gapNanos,
    long jitterNanos,
    List<String> fragments,
    int fullFragments,
    String finishReason) {

  /** Copies the fragments. */
  public WsTurn {
    fragments = List.copyOf(fragments);
  }

  static WsTurn of(StreamPlan plan) {
    String[] texts = new String[plan.textFragments()];
    for (int i = 0; i < texts.length; i++) {
      texts[i] = plan.fragmentText(i);
    }
    return new WsTurn(
        plan.requestId(),
        plan.fault(),
        plan.ttftNanos(),
        plan.gapNanos(),
        plan.jitterNanos(),
        List.of(texts),
        plan.fragments(),
        plan.finishReasonSent());
  }
}
