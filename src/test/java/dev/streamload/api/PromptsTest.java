package dev.streamload.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromptsTest {

  @TempDir Path dir;

  @Test
  void jsonLinesGiveOnePromptPerObjectOrStringLineWithTheOtherMembersAsColumns() {
    List<Map<String, Object>> rows = Prompts.read("prompts.jsonl", Prompts.Format.JSONL);

    assertEquals(3, rows.size());
    assertEquals("What is SSE?", rows.get(0).get("prompt"));
    assertEquals("web", rows.get(0).get("topic"));
    assertEquals("Why is the sky blue?", rows.get(1).get("prompt"));
    assertEquals("Say \"hi\"\nthen stop", rows.get(2).get("prompt"));
  }

  @Test
  void aJsonLineWithoutAPromptIsRefusedNamingTheFileAndLine() throws Exception {
    Path file = dir.resolve("bad.jsonl");
    Files.writeString(file, "{\"prompt\":\"ok\"}\n{\"text\":\"no prompt\"}\n");

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Prompts.read(file.toString(), Prompts.Format.JSONL));

    assertTrue(e.getMessage().contains("line 2"), e.getMessage());
  }

  @Test
  void shareGptGivesEachConversationsFirstHumanTurn() {
    List<Map<String, Object>> rows = Prompts.read("prompts-sharegpt.json", Prompts.Format.SHAREGPT);

    assertEquals(
        List.of("Explain TCP slow start.", "Name three rivers."),
        rows.stream().map(r -> r.get("prompt")).toList());
  }

  @Test
  void theFormatFollowsTheFileName() {
    assertEquals(Prompts.Format.JSONL, Prompts.Format.of("a/b.JSONL"));
    assertEquals(Prompts.Format.SHAREGPT, Prompts.Format.of("sharegpt_v3.json"));
    assertEquals(Prompts.Format.CSV, Prompts.Format.of("prompts.csv"));
  }

  @Test
  void generatedPromptsAreTheSameForTheSameSeedAndDifferForAnother() {
    Prompts.Lengths lengths = Prompts.Lengths.parse("uniform:10-200");

    List<Map<String, Object>> a = Prompts.generate(lengths, 7, 50);
    List<Map<String, Object>> b = Prompts.generate(lengths, 7, 50);
    List<Map<String, Object>> c = Prompts.generate(lengths, 8, 50);

    assertEquals(a, b);
    assertNotEquals(a, c);
  }

  @Test
  void generatedPromptsHaveTheDrawnNumberOfWordsWithinTheUniformBounds() {
    List<Map<String, Object>> rows =
        Prompts.generate(Prompts.Lengths.parse("uniform:10-200"), 1, 500);

    int min = Integer.MAX_VALUE;
    int max = 0;
    for (Map<String, Object> row : rows) {
      int words = Integer.parseInt((String) row.get("promptWords"));
      assertEquals(words, ((String) row.get("prompt")).split(" ").length);
      min = Math.min(min, words);
      max = Math.max(max, words);
    }
    assertTrue(min >= 10 && max <= 200, min + ".." + max);
    // 500 uniform draws cover most of the range.
    assertTrue(min < 30 && max > 180, min + ".." + max);
  }

  @Test
  void aFixedLengthGivesPromptsOfExactlyThatManyWords() {
    for (Map<String, Object> row : Prompts.generate(Prompts.Lengths.parse("fixed:64"), 3, 20)) {
      assertEquals(64, ((String) row.get("prompt")).split(" ").length);
    }
  }

  @Test
  void aNormalLengthCentresOnItsMean() {
    List<Map<String, Object>> rows =
        Prompts.generate(Prompts.Lengths.parse("normal:300,30"), 5, 2_000);

    double mean =
        rows.stream()
            .mapToInt(r -> Integer.parseInt((String) r.get("promptWords")))
            .average()
            .orElseThrow();

    assertTrue(Math.abs(mean - 300) < 5, "mean " + mean);
  }

  @Test
  void anUnknownDistributionIsRefusedNamingTheAllowedForms() {
    for (String bad : List.of("zipf:3", "uniform:200-10", "fixed:0", "normal:abc,3", "fixed")) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> Prompts.Lengths.parse(bad), bad);
      assertTrue(e.getMessage().startsWith("fixed:N, uniform:MIN-MAX or normal:MEAN,SD"), bad);
    }
  }
}
