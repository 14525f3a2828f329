package dev.streamload.mock;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Asserts that a text such as an error message mentions every given part. */
final class Mentions {

  private Mentions() {}

  /** Fails unless {@code text} contains each part, showing the whole text. */
  static void assertMentions(String text, String... parts) {
    for (String part : parts) {
      assertTrue(
          text != null && text.contains(part), "expected to mention <" + part + "> in: " + text);
    }
  }
}
