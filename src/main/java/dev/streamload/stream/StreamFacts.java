package dev.streamload.stream;

/**
 * What a {@link StreamRecorder} observed about a stream, as {@link FailureClassifier} needs it.
 *
 * @param headersReceived status and headers arrived at least once
 * @param textFragments events that carried generated text
 * @param events all events received
 * @param errorEvent an event carried the dialect's error member
 * @param malformedEvent an event could not be parsed
 * @param endMarkerSeen the end marker arrived (seen by the recorder or reported by the load tool)
 * @param replayed headers arrived more than once: the client re-sent the request by itself
 * @param longestSilenceNanos longest silence in nanoseconds between consecutive events, and, when
 *     the stream did not end with the marker, from the last event to the end; 0 with no events
 */
public record StreamFacts(
    boolean headersReceived,
    int textFragments,
    int events,
    boolean errorEvent,
    boolean malformedEvent,
    boolean endMarkerSeen,
    boolean replayed,
    long longestSilenceNanos) {}
