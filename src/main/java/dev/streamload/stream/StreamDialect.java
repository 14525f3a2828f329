package dev.streamload.stream;

import com.fasterxml.jackson.core.JsonPointer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where a streaming chat API puts generated text, the output-token count and errors inside each
 * event's {@code data}, and which substring marks the end of the stream.
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
 * @param endMarker substring of the raw event that marks the end of the stream, e.g. {@code [DONE]}
 */
public record StreamDialect(
    List<String> textPaths, String usageTokensPath, String errorPath, String endMarker) {

  /** Default path of an in-stream error object. */
  public static final String DEFAULT_ERROR_PATH = "error";

  /** Default end marker: OpenAI-style {@code data: [DONE]}. */
  public static final String DEFAULT_END_MARKER = "[DONE]";

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
    if (endMarker == null || endMarker.isEmpty()) {
      throw new IllegalArgumentException(
          "endMarker must not be empty, got " + (endMarker == null ? "null" : "''"));
    }
  }

  /** The project's own mock format: {@code {"delta":"..."}} and {@code usage.output_tokens}. */
  public static StreamDialect projectDefault() {
    return new StreamDialect(
        List.of("delta"), "usage.output_tokens", DEFAULT_ERROR_PATH, DEFAULT_END_MARKER);
  }

  /**
   * OpenAI chat completions: content and reasoning deltas, {@code usage.completion_tokens} (sent
   * when the request asks for {@code stream_options.include_usage}).
   */
  public static StreamDialect openAi() {
    return new StreamDialect(
        List.of("choices[0].delta.content", "choices[0].delta.reasoning_content"),
        "usage.completion_tokens",
        DEFAULT_ERROR_PATH,
        DEFAULT_END_MARKER);
  }

  /** This dialect with another end marker. */
  public StreamDialect withEndMarker(String marker) {
    return new StreamDialect(textPaths, usageTokensPath, errorPath, marker);
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
}
