package dev.streamload.ws;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a message template: the value itself, or with a leading {@code @} a file, looked up on the
 * classpath first and then on the filesystem ({@code @templates/spark.json}). The text is a Gatling
 * EL string ({@code #{prompt.jsonStringify()}}, {@code #{requestId}}, {@code #{token}}).
 *
 * <p>The WebSocket side's own tiny loader until {@code dev.streamload.api.Template} is on main; the
 * lead swaps it at merge (this is its only caller's one place).
 */
final class WsTemplates {

  private WsTemplates() {}

  /**
   * The template text of {@code value}.
   *
   * @throws IllegalArgumentException naming {@code property} when the file cannot be read
   */
  static String load(String property, String value) {
    if (!value.startsWith("@")) {
      return value;
    }
    String name = value.substring(1).strip();
    try (InputStream in = WsTemplates.class.getClassLoader().getResourceAsStream(name)) {
      if (in != null) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
      }
    } catch (IOException e) {
      throw new IllegalArgumentException(
          property + " = '" + value + "': cannot read it from the classpath: " + e.getMessage());
    }
    Path file = Path.of(name);
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(
          property
              + " = '"
              + value
              + "': no such file on the classpath or at "
              + file.toAbsolutePath());
    }
    try {
      return Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new IllegalArgumentException(
          property + " = '" + value + "': cannot read " + file + ": " + e.getMessage());
    }
  }
}
