package dev.streamload.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamload.config.RunConfig.Dialect;
import dev.streamload.stream.ContentChecks;
import dev.streamload.stream.FailureClass;
import dev.streamload.stream.StreamDialect;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Finish-reason path and classes, content checks and the answer sample, read and validated. */
class AnswerConfigTest {

  private static RunConfig read(Map<String, String> props, Dialect dialect) {
    return RunConfig.read(new Settings(props, Map.of()), dialect);
  }

  private static String problems(Map<String, String> props) {
    return assertThrows(ConfigException.class, () -> read(props, Dialect.CHAT)).getMessage();
  }

  @Test
  void eachDialectReadsItsOwnFinishReasonPathByDefault() {
    assertEquals(
        StreamDialect.DEFAULT_FINISH_REASON_PATH,
        read(Map.of(), Dialect.CHAT).stream().dialect().finishReasonPath());
    assertEquals(
        "choices[0].finish_reason",
        read(Map.of(), Dialect.OPENAI).stream().dialect().finishReasonPath());
    assertEquals(
        "delta.stop_reason",
        read(Map.of("stream.finishReasonPath", "delta.stop_reason"), Dialect.CHAT).stream()
            .dialect()
            .finishReasonPath());
  }

  @Test
  void anEmptyFinishReasonPathReadsNone() {
    assertNull(
        read(Map.of("stream.finishReasonPath", ""), Dialect.OPENAI).stream()
            .dialect()
            .finishReasonPath());
  }

  @Test
  void anInvalidFinishReasonPathIsAConfigErrorNamingTheProperty() {
    String message = problems(Map.of("stream.finishReasonPath", "choices[x].finish_reason"));
    assertTrue(message.contains("stream.finishReasonPath"), message);
    assertTrue(message.contains("'choices[x].finish_reason'"), message);
  }

  @Test
  void theDefaultsCoverOpenAiAnthropicAndGeminiFinishReasons() {
    AnswerConfig answers = read(Map.of(), Dialect.CHAT).answers();
    for (String truncated : new String[] {"length", "max_tokens", "MAX_TOKENS"}) {
      assertEquals(FailureClass.TRUNCATED, answers.rules().finishClass(truncated), truncated);
    }
    for (String filtered : new String[] {"content_filter", "refusal", "SAFETY"}) {
      assertEquals(FailureClass.FILTERED, answers.rules().finishClass(filtered), filtered);
    }
    for (String fine : new String[] {"stop", "end_turn", "STOP", "tool_calls"}) {
      assertNull(answers.rules().finishClass(fine), fine);
    }
    assertTrue(answers.checks().isEmpty());
    assertFalse(answers.samples());
  }

  @Test
  void reasonListsAreCommaSeparatedAndAnEmptyValueDisablesTheClass() {
    AnswerConfig answers =
        read(
                Map.of(
                    "stream.truncatedReasons", " length , MAX_TOKENS,",
                    "stream.filteredReasons", ""),
                Dialect.CHAT)
            .answers();
    assertEquals(Set.of("length", "MAX_TOKENS"), answers.truncatedReasons());
    assertEquals(Set.of(), answers.filteredReasons());
    assertNull(answers.rules().finishClass("content_filter"));
  }

  @Test
  void aReasonInBothListsIsAConfigErrorNamingBothProperties() {
    String message =
        problems(
            Map.of("stream.truncatedReasons", "length", "stream.filteredReasons", "length,SAFETY"));
    assertTrue(
        message.contains("stream.truncatedReasons and stream.filteredReasons both list 'length'"),
        message);
  }

  @Test
  void aReasonWithASpaceInsideIsAConfigError() {
    String message = problems(Map.of("stream.filteredReasons", "content filter"));
    assertTrue(message.contains("stream.filteredReasons = 'content filter'"), message);
  }

  @Test
  void readsTheContentChecks() {
    ContentChecks checks =
        read(
                Map.of(
                    "check.minChars", "40",
                    "check.mustMatch", "(?i)paris",
                    "check.mustNotMatch", "sorry"),
                Dialect.CHAT)
            .answers()
            .checks();
    assertEquals(40, checks.minChars());
    assertEquals("(?i)paris", checks.mustMatch().pattern());
    assertEquals("sorry", checks.mustNotMatch().pattern());
  }

  @Test
  void anInvalidRegexIsAConfigErrorNamingThePropertyAndTheProblem() {
    String message = problems(Map.of("check.mustNotMatch", "[a-"));
    assertTrue(message.contains("check.mustNotMatch '[a-'"), message);
    assertTrue(message.contains("is not a valid regular expression"), message);
    assertTrue(message.contains("near index"), message);
  }

  @Test
  void aNegativeMinimumLengthIsAConfigError() {
    String message = problems(Map.of("check.minChars", "-3"));
    assertTrue(message.contains("check.minChars = '-3'"), message);
  }

  @Test
  void propertiesReplaceASimulationsChecksOneByOne() {
    ContentChecks simulation = ContentChecks.none().withMinChars(10).withMustMatch("Paris");
    ContentChecks checks =
        RunConfig.read(
                new Settings(Map.of("check.mustMatch", "", "check.mustNotMatch", "x"), Map.of()),
                Dialect.CHAT,
                simulation)
            .answers()
            .checks();
    assertEquals(10, checks.minChars(), "kept from the simulation");
    assertNull(checks.mustMatch(), "an empty property removes the simulation's check");
    assertEquals("x", checks.mustNotMatch().pattern());
  }

  @Test
  void readsTheAnswerSample() {
    AnswerConfig answers =
        read(Map.of("trace.answers", "20", "trace.answersEvery", "5"), Dialect.CHAT).answers();
    assertTrue(answers.samples());
    assertEquals(20, answers.sampleAnswers());
    assertEquals(5, answers.sampleEvery());
  }

  @Test
  void anAnswerIntervalWithoutASampleSizeIsAConfigError() {
    String message = problems(Map.of("trace.answersEvery", "10"));
    assertTrue(message.contains("trace.answersEvery = '10'"), message);
    assertTrue(message.contains("trace.answers > 0"), message);
  }
}
