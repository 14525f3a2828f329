package dev.streamload.stream;

import java.util.Locale;

/** How the text of an answer is spread over its events ({@code stream.text}). */
public enum TextMode {
  /** Each event's text adds to the answer (OpenAI, Anthropic, Gemini, Dify, the project). */
  DELTA,
  /**
   * Each event holds the whole answer so far; only what an event adds to the previous one is a
   * fragment, so text length and tokens are not counted twice.
   */
  CUMULATIVE,
  /**
   * The event's data line itself is the text ({@code data:Hello}), as a Spring WebFlux {@code
   * Flux<String>} sends it; no JSON, no text paths.
   */
  PLAIN;

  /** The property value ({@code delta}, {@code cumulative}, {@code plain}). */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
