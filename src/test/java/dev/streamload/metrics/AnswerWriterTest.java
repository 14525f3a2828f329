package dev.streamload.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamload.stream.FailureClass;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnswerWriterTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir Path dir;

  private static List<Integer> chosen(AnswerWriter w, int streams) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < streams; i++) {
      if (w.select()) {
        out.add(i);
      }
    }
    return out;
  }

  @Test
  void choosesTheFirstNStreams() throws Exception {
    try (AnswerWriter w = new AnswerWriter(dir.resolve("a.jsonl"), 3, 1)) {
      assertEquals(List.of(0, 1, 2), chosen(w, 10));
    }
  }

  @Test
  void choosesEveryKthStreamUntilNAreChosen() throws Exception {
    try (AnswerWriter w = new AnswerWriter(dir.resolve("a.jsonl"), 3, 4)) {
      assertEquals(List.of(0, 4, 8), chosen(w, 40));
    }
  }

  @Test
  void writesOneJsonLinePerAnswerWithItsTextAndOutcome() throws Exception {
    Path file = dir.resolve("out/answers.jsonl");
    try (AnswerWriter w = new AnswerWriter(file, 5, 1)) {
      w.write(
          FlowAndFinishMetricsTest.withFinishReason(
              Results.ok(0, 10, 20, new long[] {1}, 2), "stop"),
          "Hello, \"world\"\nsecond line");
      w.write(Results.failed(1, 20, 30, FailureClass.CONTENT_CHECK), "short");
      w.write(Results.ok(0, 40, 20, new long[] {1}, 2), null);
      assertEquals(2, w.written());
    }
    List<String> lines = Files.readAllLines(file);
    assertEquals(2, lines.size(), "a stream without text writes no line");
    JsonNode first = MAPPER.readTree(lines.get(0));
    assertEquals("Hello, \"world\"\nsecond line", first.path("text").asText());
    assertEquals("ok", first.path("outcome").asText());
    assertEquals("stop", first.path("finish_reason").asText());
    assertTrue(first.path("failure").isNull());
    JsonNode second = MAPPER.readTree(lines.get(1));
    assertEquals("content_check", second.path("failure").asText());
    assertEquals("short", second.path("text").asText());
  }

  @Test
  void rejectsAnEmptySample() {
    assertThrows(IllegalArgumentException.class, () -> new AnswerWriter(dir.resolve("a"), 0, 1));
  }
}
