package dev.streamload.config;

import dev.streamload.stream.EndRule;
import dev.streamload.stream.JsonCondition;
import dev.streamload.stream.StreamDialect;
import dev.streamload.stream.StreamLimits;
import dev.streamload.stream.TextMode;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * How a stream is read and judged: where the text is in each event and how it is spread over them,
 * what ends the stream, what marks an error, and the timeouts that turn a slow or silent stream
 * into a named failure. The same rules read WebSocket messages.
 *
 * @param textPaths paths (e.g. {@code choices[0].delta.content}) of generated text in an event's
 *     data
 * @param usagePath path of the server's output-token count, if it sends one
 * @param errorPath path whose presence makes an event an in-stream error
 * @param end what ends the stream ({@code stream.end}; {@code stream.endMarker} is its shorthand)
 * @param firstFragmentTimeout max time from connect to the first text fragment
 * @param idleTimeout max gap between two events before the stream counts as stalled
 * @param streamTimeout max time from connect to the end marker
 * @param keepEventTimes write the receive time of every fragment into the trace file
 * @param gapRows which inter-fragment gap rows the report gets
 * @param finishReasonPath path of the server's finish reason in an event's data; empty: not read
 * @param text delta, cumulative or plain-text data ({@code stream.text})
 * @param errorEvents SSE event names that mark an in-stream error ({@code stream.errorEvents})
 * @param errorWhen condition that marks an in-stream error, or null ({@code stream.errorWhen})
 */
public record StreamConfig(
    List<String> textPaths,
    String usagePath,
    String errorPath,
    EndRule end,
    Duration firstFragmentTimeout,
    Duration idleTimeout,
    Duration streamTimeout,
    boolean keepEventTimes,
    GapRows gapRows,
    String finishReasonPath,
    TextMode text,
    List<String> errorEvents,
    JsonCondition errorWhen) {

  /** The three timeouts as the stream watch and classifier use them. */
  public StreamLimits limits() {
    return new StreamLimits(firstFragmentTimeout, idleTimeout, streamTimeout);
  }

  static final Duration MIN_TIMEOUT = Duration.ofMillis(10);
  static final Duration MAX_TIMEOUT = Duration.ofHours(1);

  /** Reads the settings; defaults for text and usage paths depend on the API dialect. */
  public static StreamConfig read(Settings s, boolean openAi) {
    String textDefault =
        openAi ? "choices[0].delta.content,choices[0].delta.reasoning_content" : "delta";
    String usageDefault = openAi ? "usage.completion_tokens" : "usage.output_tokens";
    String finishDefault =
        openAi ? StreamDialect.OPENAI_FINISH_REASON_PATH : StreamDialect.DEFAULT_FINISH_REASON_PATH;
    List<String> text =
        Arrays.stream(s.nonBlank("stream.textPaths", textDefault).split(","))
            .map(String::trim)
            .filter(p -> !p.isEmpty())
            .toList();
    Duration first =
        s.duration("timeout.firstFragment", Duration.ofSeconds(30), MIN_TIMEOUT, MAX_TIMEOUT);
    Duration idle = s.duration("timeout.idle", Duration.ofSeconds(30), MIN_TIMEOUT, MAX_TIMEOUT);
    Duration stream = s.duration("timeout.stream", Duration.ofMinutes(3), MIN_TIMEOUT, MAX_TIMEOUT);
    if (stream.compareTo(first) < 0) {
      s.problem(
          "timeout.stream",
          Settings.human(stream),
          "a duration not shorter than timeout.firstFragment (" + Settings.human(first) + ")");
    }
    StreamConfig config =
        new StreamConfig(
            text,
            s.string("stream.usagePath", usageDefault),
            s.string("stream.errorPath", "error"),
            end(s),
            first,
            idle,
            stream,
            s.bool("trace.eventTimes", false),
            s.choice("report.gapRows", GapRows.MAX, GapRows.class),
            s.string("stream.finishReasonPath", finishDefault),
            s.choice("stream.text", TextMode.DELTA, TextMode.class),
            Arrays.stream(s.string("stream.errorEvents", "").split(","))
                .map(String::trim)
                .filter(n -> !n.isEmpty())
                .toList(),
            errorWhen(s));
    try {
      config.dialect();
    } catch (IllegalArgumentException e) {
      s.problem(
          "stream.textPaths / stream.usagePath / stream.errorPath / stream.finishReasonPath /"
              + " stream.errorEvents: "
              + e.getMessage());
    }
    return config;
  }

  /** {@code stream.end}, or its shorthand {@code stream.endMarker}; not both. */
  private static EndRule end(Settings s) {
    java.util.Optional<String> rule = s.raw("stream.end");
    java.util.Optional<String> marker = s.raw("stream.endMarker");
    if (rule.isPresent() && marker.isPresent()) {
      s.problem(
          "stream.end and stream.endMarker are both set ('"
              + rule.get()
              + "', '"
              + marker.get()
              + "'): stream.endMarker=X is short for stream.end=marker:X, set one of them");
    }
    if (rule.isEmpty()) {
      String m = s.nonBlank("stream.endMarker", "[DONE]");
      return EndRule.marker(m.isBlank() ? "[DONE]" : m);
    }
    try {
      return EndRule.parse("stream.end", rule.get());
    } catch (IllegalArgumentException e) {
      s.problem(e.getMessage());
      return EndRule.marker("[DONE]");
    }
  }

  private static JsonCondition errorWhen(Settings s) {
    String raw = s.string("stream.errorWhen", "");
    if (raw.isBlank()) {
      return null;
    }
    try {
      return JsonCondition.parse("stream.errorWhen", raw);
    } catch (IllegalArgumentException e) {
      s.problem(e.getMessage());
      return null;
    }
  }

  /** The end marker of a marker end rule ({@code [DONE]}), else null. */
  public String endMarker() {
    return end.marker();
  }

  /** The paths and marker as the stream parser takes them. */
  public StreamDialect dialect() {
    return new StreamDialect(
        textPaths,
        usagePath.isBlank() ? null : usagePath,
        errorPath.isBlank() ? null : errorPath,
        end,
        finishReasonPath.isBlank() ? null : finishReasonPath,
        text,
        errorEvents,
        errorWhen);
  }
}
