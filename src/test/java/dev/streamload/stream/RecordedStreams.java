package dev.streamload.stream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Recorded event sequences for tests: each line is {@code <receive time in ms> <message as Gatling
 * renders it>}; times are relative to the send time.
 */
final class RecordedStreams {

  static final long MS = 1_000_000L;
  static final long SEND = 1_000 * MS;
  static final StreamLimits LIMITS =
      new StreamLimits(Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(60));

  /** A normal stream in the project's default dialect: 3 text deltas, usage, then [DONE]. */
  static final String DEFAULT_NORMAL =
      """
      120 {"data":{"delta":"Hel"}}
      150 {"data":{"delta":"lo, "}}
      190 {"data":{"delta":"world"}}
      200 {"data":{"usage":{"output_tokens":3}}}
      201 {"data":[DONE]}
      """;

  /**
   * An OpenAI stream: role-only first chunk, two content chunks, finish chunk, usage chunk after
   * the last text, [DONE].
   */
  static final String OPENAI_WITH_USAGE =
      """
      80 {"data":{"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}],"usage":null}}
      130 {"data":{"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":null}],"usage":null}}
      160 {"data":{"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":" there"},"finish_reason":null}],"usage":null}}
      170 {"data":{"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{},"finish_reason":"stop"}],"usage":null}}
      171 {"data":{"id":"c1","object":"chat.completion.chunk","choices":[],"usage":{"prompt_tokens":9,"completion_tokens":3,"total_tokens":12}}}
      172 {"data":[DONE]}
      """;

  /** Four fragments carrying ten tokens in all (speculative decoding or a coalescing proxy). */
  static final String MULTI_TOKEN_FRAGMENTS =
      """
      100 {"data":{"choices":[{"delta":{"content":"one two"}}]}}
      130 {"data":{"choices":[{"delta":{"content":" three four five"}}]}}
      160 {"data":{"choices":[{"delta":{"content":" six seven"}}]}}
      190 {"data":{"choices":[{"delta":{"content":" eight nine ten"}}]}}
      191 {"data":{"choices":[],"usage":{"completion_tokens":10}}}
      192 {"data":[DONE]}
      """;

  /** A reasoning model: reasoning deltas first, then content. */
  static final String REASONING =
      """
      50 {"data":{"choices":[{"delta":{"role":"assistant"}}]}}
      90 {"data":{"choices":[{"delta":{"reasoning_content":"Let me think"}}]}}
      140 {"data":{"choices":[{"delta":{"reasoning_content":" about it."}}]}}
      200 {"data":{"choices":[{"delta":{"content":"42"}}]}}
      201 {"data":[DONE]}
      """;

  /** Chunks delivered in one TCP read: identical receive times. */
  static final String BURST =
      """
      100 {"data":{"delta":"a"}}
      100 {"data":{"delta":"b"}}
      100 {"data":{"delta":"c"}}
      140 {"data":{"delta":"d"}}
      140 {"data":[DONE]}
      """;

  private RecordedStreams() {}

  /** One recorded event. */
  record Event(long nanos, String message) {}

  /** Parses a recorded sequence; times become absolute nanos after {@link #SEND}. */
  static List<Event> events(String recording) {
    List<Event> out = new ArrayList<>();
    for (String line : recording.strip().split("\n")) {
      String l = line.strip();
      if (l.isEmpty()) {
        continue;
      }
      int space = l.indexOf(' ');
      out.add(new Event(SEND + Long.parseLong(l.substring(0, space)) * MS, l.substring(space + 1)));
    }
    return out;
  }

  /** A recorder for a stream sent at {@link #SEND}, scheduled 5 ms earlier. */
  static StreamRecorder recorder(StreamDialect dialect) {
    return new StreamRecorder(
        "req-1", "user-1", 0, SEND - 5 * MS, SEND, LIMITS, new EventParser(dialect), true);
  }

  /** Feeds 200 text/event-stream headers at +60 ms and every event of the recording. */
  static StreamRecorder replay(StreamDialect dialect, String recording) {
    StreamRecorder r = recorder(dialect);
    r.onHeaders(SEND + 60 * MS, 200, "text/event-stream; charset=utf-8");
    for (Event e : events(recording)) {
      r.onEvent(e.nanos(), e.message());
    }
    return r;
  }

  /** Absolute time of {@code ms} after send. */
  static long at(long ms) {
    return SEND + ms * MS;
  }
}
