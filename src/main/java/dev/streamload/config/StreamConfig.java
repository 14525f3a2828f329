package dev.streamload.config;

import dev.streamload.stream.StreamDialect;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * How a stream is read and judged: where the text is in each event, the end marker, and the
 * timeouts that turn a slow or silent stream into a named failure.
 *
 * @param textPaths paths (e.g. {@code choices[0].delta.content}) of generated text in an event's
 *     data
 * @param usagePath path of the server's output-token count, if it sends one
 * @param errorPath path whose presence makes an event an in-stream error
 * @param endMarker data of the terminal event, e.g. {@code [DONE]}
 * @param firstFragmentTimeout max time from connect to the first text fragment
 * @param idleTimeout max gap between two events before the stream counts as stalled
 * @param streamTimeout max time from connect to the end marker
 * @param keepEventTimes write the receive time of every fragment into the trace file
 * @param gapRows which inter-fragment gap rows the report gets
 * @param finishReasonPath path of the server's finish reason in an event's data; empty: not read
 */
public record StreamConfig(
    List<String> textPaths,
    String usagePath,
    String errorPath,
    String endMarker,
    Duration firstFragmentTimeout,
    Duration idleTimeout,
    Duration streamTimeout,
    boolean keepEventTimes,
    GapRows gapRows,
    String finishReasonPath) {

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
            s.nonBlank("stream.endMarker", "[DONE]"),
            first,
            idle,
            stream,
            s.bool("trace.eventTimes", false),
            s.choice("report.gapRows", GapRows.MAX, GapRows.class),
            s.string("stream.finishReasonPath", finishDefault));
    try {
      config.dialect();
    } catch (IllegalArgumentException e) {
      s.problem(
          "stream.textPaths / stream.usagePath / stream.errorPath / stream.finishReasonPath: "
              + e.getMessage());
    }
    return config;
  }

  /** The paths and marker as the stream parser takes them. */
  public StreamDialect dialect() {
    return new StreamDialect(
        textPaths,
        usagePath,
        errorPath,
        endMarker,
        finishReasonPath.isBlank() ? null : finishReasonPath);
  }
}
