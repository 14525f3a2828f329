package dev.streamload.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamload.simulations.ChatStreamSimulation;
import dev.streamload.simulations.OpenAiChatSimulation;
import dev.streamload.testing.GatlingRun;
import dev.streamload.testing.LogCapture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs against the embedded mock with answer-level faults in the mix (finish reasons that mean cut
 * or filtered, short and forbidden answers) and content checks on: every truncated, filtered and
 * content_check failure must equal what the mock injected, finish reasons must be counted per
 * value, the answer sample must hold exactly the chosen streams' text, and no answer text may reach
 * the logs, streams.jsonl or the reports.
 */
class AnswerAccountingTest {

  static final String MIX =
      "finish_length=0.12,finish_content_filter=0.12,short_answer=0.12,forbidden_text=0.12";

  /** The mock's first word, at the start of every answer in the chat run. */
  static final String MOCK_WORDS = "Streaming answers";

  /**
   * The answer every stream of the OpenAI run gets (X-Mock-Text); 6 words, "France" in the middle.
   */
  static final String CAPITAL = "The capital of France is Paris";

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  LogCapture logs;

  @BeforeEach
  void captureLogs() throws Exception {
    logs = LogCapture.start(org.slf4j.Logger.ROOT_LOGGER_NAME, "dev.streamload", Level.DEBUG);
  }

  @AfterEach
  void stopCapture() {
    logs.close();
  }

  private static Map<String, String> common() {
    Map<String, String> settings = new HashMap<>();
    settings.put("profile", "smoke");
    settings.put("chat.turns", "2");
    settings.put("timeout.firstFragment", "2s");
    settings.put("timeout.idle", "2s");
    settings.put("timeout.stream", "10s");
    settings.put("mock.ttftMs", "30");
    settings.put("mock.gapMs", "5");
    settings.put("mock.faults", MIX);
    return settings;
  }

  @Test
  void everyCutFilteredShortOrForbiddenAnswerIsCountedOnceUnderItsClass() throws IOException {
    Map<String, String> settings = common();
    settings.put("smoke.users", "60");
    settings.put("mock.fragments", "8");
    settings.put("check.minChars", "20");
    settings.put("check.mustNotMatch", "(?i)\\bforbidden\\b");
    settings.put("trace.answers", "12");
    settings.put("trace.answersEvery", "10");

    GatlingRun.Result run = GatlingRun.run(ChatStreamSimulation.class, settings, dir);

    JsonNode injected = run.mock().path("faultsInjected");
    long length = injected.path("finish_length").asLong();
    long filter = injected.path("finish_content_filter").asLong();
    long shortAnswers = injected.path("short_answer").asLong();
    long forbidden = injected.path("forbidden_text").asLong();
    assertTrue(
        length > 0 && filter > 0 && shortAnswers > 0 && forbidden > 0,
        "each answer fault injected at least once: " + injected);
    long started = run.streams("started");
    assertEquals(120, started, "60 users x 2 turns");
    assertEquals(length, run.failures("truncated"), run.summary().toString());
    assertEquals(filter, run.failures("filtered"));
    assertEquals(shortAnswers + forbidden, run.failures("content_check"));
    assertEquals(length + filter + shortAnswers + forbidden, run.streams("failed"), "no other");
    assertEquals(started - run.streams("failed"), run.streams("completed"));

    JsonNode reasons = run.summary().path("totals").path("finish_reasons");
    assertEquals(length, reasons.path("length").asLong());
    assertEquals(filter, reasons.path("content_filter").asLong());
    assertEquals(started - length - filter, reasons.path("stop").asLong());
    assertEquals(3, reasons.size(), reasons.toString());

    Map<String, Long> checkDetails = new HashMap<>();
    for (JsonNode line : run.streams()) {
      String failure = line.path("failure").asText("");
      if (failure.equals("content_check")) {
        String detail = line.path("detail").asText();
        checkDetails.merge(detail.substring(0, detail.indexOf(':')), 1L, Long::sum);
      } else if (failure.equals("truncated")) {
        assertEquals("finish reason 'length'", line.path("detail").asText());
        assertEquals("length", line.path("finish_reason").asText());
      }
    }
    assertEquals(
        Map.of("check.minChars", shortAnswers, "check.mustNotMatch", forbidden), checkDetails);

    JsonNode totals = run.summary().path("totals");
    long completed = run.streams("completed");
    assertEquals(completed, totals.path("output_tokens_per_s_per_stream").path("count").asLong());
    assertEquals(completed, totals.path("fragments").path("count").asLong());
    assertTrue(totals.path("output_tokens_per_s_per_stream").path("p50").asDouble() > 0);

    List<JsonNode> answers = answers(run);
    assertEquals(12, answers.size(), "every 10th of 120 streams");
    Map<String, JsonNode> byId = new HashMap<>();
    run.streams().forEach(l -> byId.put(l.path("request_id").asText(), l));
    for (JsonNode answer : answers) {
      JsonNode line = byId.get(answer.path("request_id").asText());
      assertEquals(line.path("outcome").asText(), answer.path("outcome").asText());
      assertEquals(line.path("text_chars").asLong(), answer.path("text").asText().length());
      assertTrue(answer.path("text").asText().startsWith("Streaming "), answer.toString());
    }
    assertTrue(
        Files.readString(run.dir().resolve("dashboard.html")).contains("<td>content_filter</td>"));
    assertNoAnswerTextOutsideTheSample(run, MOCK_WORDS);
  }

  @Test
  void theOpenAiDialectReadsItsFinishReasonAndChecksTheWholeAnswer() throws IOException {
    Map<String, String> settings = common();
    settings.put("smoke.users", "25");
    settings.put("target.headers", "X-Mock-Text: " + CAPITAL);
    settings.put("check.minChars", "10");
    settings.put("check.mustMatch", "(?i)capital of france is paris");
    settings.put("trace.answers", "5");

    GatlingRun.Result run = GatlingRun.run(OpenAiChatSimulation.class, settings, dir);

    JsonNode injected = run.mock().path("faultsInjected");
    long length = injected.path("finish_length").asLong();
    long filter = injected.path("finish_content_filter").asLong();
    long shortAnswers = injected.path("short_answer").asLong();
    long forbidden = injected.path("forbidden_text").asLong();
    assertEquals(50, run.streams("started"));
    assertEquals(length, run.failures("truncated"), run.summary().toString());
    assertEquals(filter, run.failures("filtered"));
    assertEquals(shortAnswers + forbidden, run.failures("content_check"));
    assertEquals(length + filter + shortAnswers + forbidden, run.streams("failed"));
    long mustMatchFailures =
        run.streams().stream()
            .filter(l -> l.path("detail").asText("").startsWith("check.mustMatch:"))
            .count();
    assertEquals(forbidden, mustMatchFailures, "the forbidden word replaced 'France'");
    assertEquals(
        run.streams("started") - length - filter,
        run.summary().path("totals").path("finish_reasons").path("stop").asLong());

    List<JsonNode> answers = answers(run);
    assertEquals(5, answers.size());
    for (JsonNode answer : answers) {
      String text = answer.path("text").asText();
      assertTrue(
          text.equals(CAPITAL + " ")
              || text.equals("The ")
              || text.equals("The capital of forbidden is Paris "),
          text);
    }
    assertNoAnswerTextOutsideTheSample(run, "capital of");
  }

  private static List<JsonNode> answers(GatlingRun.Result run) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (String line : Files.readAllLines(run.dir().resolve("answers.jsonl"))) {
      out.add(JSON.readTree(line));
    }
    return out;
  }

  /** {@code text} of the answers appears in answers.jsonl only: not in logs or other outputs. */
  private void assertNoAnswerTextOutsideTheSample(GatlingRun.Result run, String text)
      throws IOException {
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        if (Files.isRegularFile(file) && !file.getFileName().toString().equals("answers.jsonl")) {
          String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
          if (content.contains(text)) {
            found.add(dir.relativize(file).toString());
          }
        }
      }
    }
    for (ILoggingEvent event : logs.events()) {
      if (event.getFormattedMessage().contains(text)) {
        found.add("log: " + event.getLoggerName());
      }
    }
    assertTrue(found.isEmpty(), "answer text in " + found);
    assertFalse(logs.events().isEmpty(), "the capture saw the run's log lines");
    assertTrue(Files.exists(run.dir().resolve("answers.jsonl")));
  }
}
