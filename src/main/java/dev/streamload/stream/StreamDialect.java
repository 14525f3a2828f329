package dev.streamload.stream;

import com.fasterxml.jackson.core.JsonPointer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a streaming chat API puts generated text, the output-token count, errors and the finish
 * reason inside each event's {@code data}, how its text is spread over the events, and what ends
 * the stream.
 *
 * <p>Paths are dotted names with optional {@code [index]} steps ({@code choices[0].delta.content}),
 * evaluated on the event's {@code data}; they are validated here and compiled once into Jackson
 * {@link JsonPointer}s by {@link EventParser}.
 *
 * @param textPaths paths whose string values are generated text (content, reasoning, tool-call
 *     arguments); at least one
 * @param usageTokensPath path of the server's output-token count, or {@code null} when the API
 *     never sends one
 * @param errorPath path whose presence (non-null) marks an in-stream error event, or {@code null}
 *     to disable
 * @param endRule what ends the stream: a data marker ({@code [DONE]}), an event name, a condition
 *     on the data, or the server's clean end of the response
 * @param finishReasonPath path of the server's reason for ending the answer ({@code
 *     choices[0].finish_reason}: {@code stop}, {@code length}, {@code content_filter}), or {@code
 *     null} when not read
 * @param textMode whether each event's text is a delta, the whole answer so far, or the plain data
 * @param errorEvents SSE event names that mark an in-stream error (Anthropic's {@code error}); may
 *     be empty
 * @param errorWhen a condition on the data that marks an in-stream error ({@code event == error}),
 *     or {@code null}
 */
public record StreamDialect(
    List<String> textPaths,
    String usageTokensPath,
    String errorPath,
    EndRule endRule,
    String finishReasonPath,
    TextMode textMode,
    List<String> errorEvents,
    JsonCondition errorWhen) {

  /** Default path of an in-stream error object. */
  public static final String DEFAULT_ERROR_PATH = "error";

  /** Default end marker: OpenAI-style {@code data: [DONE]}. */
  public static final String DEFAULT_END_MARKER = "[DONE]";

  /** Default finish-reason path of the project dialect ({@code {"finish_reason":"stop"}}). */
  public static final String DEFAULT_FINISH_REASON_PATH = "finish_reason";

  /** Finish-reason path of OpenAI chat completions. */
  public static final String OPENAI_FINISH_REASON_PATH = "choices[0].finish_reason";

  /** A delta dialect that ends at {@code endMarker} and does not read a finish reason. */
  public StreamDialect(
      List<String> textPaths, String usageTokensPath, String errorPath, String endMarker) {
    this(textPaths, usageTokensPath, errorPath, endMarker, null);
  }

  /** A delta dialect that ends at {@code endMarker}, with errors only by {@code errorPath}. */
  public StreamDialect(
      List<String> textPaths,
      String usageTokensPath,
      String errorPath,
      String endMarker,
      String finishReasonPath) {
    this(
        textPaths,
        usageTokensPath,
        errorPath,
        EndRule.marker(endMarker),
        finishReasonPath,
        TextMode.DELTA,
        List.of(),
        null);
  }

  /** Validates every path and the marker; errors name the field and the rejected value. */
  public StreamDialect {
    if (textPaths == null || textPaths.isEmpty()) {
      throw new IllegalArgumentException("textPaths must name at least one path, got " + textPaths);
    }
    List<String> copy = new ArrayList<>(textPaths.size());
    for (String path : textPaths) {
      JsonPaths.compile("textPaths entry", path);
      copy.add(path);
    }
    textPaths = List.copyOf(copy);
    if (usageTokensPath != null) {
      JsonPaths.compile("usageTokensPath", usageTokensPath);
    }
    if (errorPath != null) {
      JsonPaths.compile("errorPath", errorPath);
    }
    if (finishReasonPath != null) {
      JsonPaths.compile("finishReasonPath", finishReasonPath);
    }
    Objects.requireNonNull(endRule, "endRule");
    Objects.requireNonNull(textMode, "textMode");
    errorEvents = List.copyOf(errorEvents);
    for (String name : errorEvents) {
      if (name.isBlank() || endRule.eventNames().contains(name)) {
        throw new IllegalArgumentException(
            "errorEvents entry '" + name + "' is blank or also the end event");
      }
    }
  }

  /**
   * The project's own mock format: {@code {"delta":"..."}}, {@code usage.output_tokens} and {@code
   * finish_reason}.
   */
  public static StreamDialect projectDefault() {
    return new StreamDialect(
        List.of("delta"),
        "usage.output_tokens",
        DEFAULT_ERROR_PATH,
        DEFAULT_END_MARKER,
        DEFAULT_FINISH_REASON_PATH);
  }

  /**
   * OpenAI chat completions: content and reasoning deltas, {@code usage.completion_tokens} (sent
   * when the request asks for {@code stream_options.include_usage}), {@code
   * choices[0].finish_reason}.
   */
  public static StreamDialect openAi() {
    return new StreamDialect(
        List.of("choices[0].delta.content", "choices[0].delta.reasoning_content"),
        "usage.completion_tokens",
        DEFAULT_ERROR_PATH,
        DEFAULT_END_MARKER,
        OPENAI_FINISH_REASON_PATH);
  }

  /** The marker of a marker end rule ({@code [DONE]}), else {@code null}. */
  public String endMarker() {
    return endRule.marker();
  }

  /** This dialect with another end marker. */
  public StreamDialect withEndMarker(String marker) {
    return withEndRule(EndRule.marker(marker));
  }

  /** This dialect with another end rule. */
  public StreamDialect withEndRule(EndRule rule) {
    return new StreamDialect(
        textPaths,
        usageTokensPath,
        errorPath,
        rule,
        finishReasonPath,
        textMode,
        errorEvents,
        errorWhen);
  }

  /** This dialect with another text mode. */
  public StreamDialect withTextMode(TextMode mode) {
    return new StreamDialect(
        textPaths,
        usageTokensPath,
        errorPath,
        endRule,
        finishReasonPath,
        mode,
        errorEvents,
        errorWhen);
  }

  /** This dialect with in-stream errors also marked by event names and by a condition. */
  public StreamDialect withErrors(List<String> names, JsonCondition when) {
    return new StreamDialect(
        textPaths, usageTokensPath, errorPath, endRule, finishReasonPath, textMode, names, when);
  }

  /** The text paths as JSON pointers relative to the event's {@code data}. */
  public List<JsonPointer> textPointers() {
    return textPaths.stream().map(p -> JsonPaths.compile("textPaths entry", p)).toList();
  }

  /** The usage path as a JSON pointer relative to {@code data}, if the dialect has one. */
  public Optional<JsonPointer> usageTokensPointer() {
    return Optional.ofNullable(usageTokensPath).map(p -> JsonPaths.compile("usageTokensPath", p));
  }

  /** The error path as a JSON pointer relative to {@code data}, if the dialect has one. */
  public Optional<JsonPointer> errorPointer() {
    return Optional.ofNullable(errorPath).map(p -> JsonPaths.compile("errorPath", p));
  }

  /** The finish-reason path as a JSON pointer relative to {@code data}, if the dialect has one. */
  public Optional<JsonPointer> finishReasonPointer() {
    return Optional.ofNullable(finishReasonPath).map(p -> JsonPaths.compile("finishReasonPath", p));
  }
}
