package dev.streamload.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StreamDialectTest {

  @Test
  void projectDefaultReadsDeltaAndOutputTokens() {
    StreamDialect d = StreamDialect.projectDefault();
    assertEquals(List.of("delta"), d.textPaths());
    assertEquals("usage.output_tokens", d.usageTokensPath());
    assertEquals("error", d.errorPath());
    assertEquals("[DONE]", d.endMarker());
  }

  @Test
  void openAiReadsContentAndReasoningAndCompletionTokens() {
    StreamDialect d = StreamDialect.openAi();
    assertEquals(
        List.of("choices[0].delta.content", "choices[0].delta.reasoning_content"), d.textPaths());
    assertEquals("usage.completion_tokens", d.usageTokensPath());
  }

  @Test
  void compilesPathsIntoJsonPointers() {
    assertEquals(
        "/choices/0/delta/content", StreamDialect.openAi().textPointers().get(0).toString());
    assertEquals(
        "/usage/completion_tokens",
        StreamDialect.openAi().usageTokensPointer().orElseThrow().toString());
  }

  @Test
  void rejectsAnEmptyEndMarkerNamingTheField() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> StreamDialect.projectDefault().withEndMarker(""));
    assertTrue(e.getMessage().contains("endMarker"), e.getMessage());
  }

  @Test
  void rejectsABlankTextPathNamingFieldAndValue() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new StreamDialect(List.of(" "), null, "error", "[DONE]"));
    assertTrue(e.getMessage().contains("textPaths"), e.getMessage());
    assertTrue(e.getMessage().contains("' '"), e.getMessage());
  }

  @Test
  void rejectsAnEmptyTextPathList() {
    assertThrows(
        IllegalArgumentException.class, () -> new StreamDialect(List.of(), null, null, "[DONE]"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"a..b", ".a", "a.", "a[", "a[x]", "a[]", "a]b", "a b", "a[0]b", "a[99999]"})
  void rejectsBadPathSyntaxNamingTheValue(String path) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new StreamDialect(List.of("delta"), path, null, "[DONE]"));
    assertTrue(e.getMessage().contains("usageTokensPath"), e.getMessage());
    assertTrue(e.getMessage().contains("'" + path + "'"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"delta", "a.b.c", "choices[0].delta.content", "[1].text", "a[0][2].b"})
  void acceptsNamesAndIndexes(String path) {
    new StreamDialect(List.of(path), null, null, "[DONE]");
  }

  @Test
  void allowsNoUsageAndNoErrorPath() {
    StreamDialect d = new StreamDialect(List.of("text"), null, null, "message_stop");
    assertTrue(d.usageTokensPointer().isEmpty());
    assertTrue(d.errorPointer().isEmpty());
  }
}
