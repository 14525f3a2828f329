package dev.streamload.stream;

/** What one SSE event means for the stream, as decided by {@link EventParser}. */
public enum EventKind {
  /** Carries generated text (content, reasoning or tool-call arguments), at least one char. */
  TEXT,
  /** A valid event without generated text: role-only delta, empty content, finish chunk, ping. */
  NO_TEXT,
  /** Carries the server's output-token count and no text. */
  USAGE,
  /** The end marker (by default {@code [DONE]}). */
  END_MARKER,
  /** The data holds the dialect's error path (an in-stream error event). */
  ERROR,
  /** Not parseable: broken JSON, or not a JSON object. */
  MALFORMED
}
