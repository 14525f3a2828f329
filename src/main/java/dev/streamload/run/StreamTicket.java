package dev.streamload.run;

import dev.streamload.stream.AnswerRules;
import dev.streamload.stream.StreamLimits;

/**
 * What a stream of another transport than SSE (a WebSocket turn) gets from the run when it starts:
 * its ids, its load step and how it is judged; it ends with {@link StreamloadRun#closeStream}.
 *
 * @param requestId the stream's unique request id (also in the session under {@link
 *     StreamloadRun#REQUEST_ID})
 * @param userId the virtual user
 * @param step the load step the stream counts in
 * @param startNanos when the user reached the stream step ({@link System#nanoTime()})
 * @param limits the timeouts the stream is judged against
 * @param keepEventTimes keep every event's receive time for the trace
 * @param rules finish reasons, content checks and answer sample for this stream
 */
public record StreamTicket(
    String requestId,
    String userId,
    int step,
    long startNanos,
    StreamLimits limits,
    boolean keepEventTimes,
    AnswerRules rules) {}
