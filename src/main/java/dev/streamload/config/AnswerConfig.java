package dev.streamload.config;

import dev.streamload.stream.AnswerRules;
import dev.streamload.stream.ContentChecks;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * How a complete answer is judged and sampled: which finish reasons make a stream {@code truncated}
 * or {@code filtered}, the content checks, and the opt-in sample of answer texts.
 *
 * @param truncatedReasons finish reasons counted as {@code truncated}; empty disables the class
 * @param filteredReasons finish reasons counted as {@code filtered}; empty disables the class
 * @param checks content checks on the whole answer
 * @param sampleAnswers most answers written to {@code answers.jsonl}; 0: no sample, no file
 * @param sampleEvery every k-th stream (in start order) goes to the sample, until it is full
 */
public record AnswerConfig(
    Set<String> truncatedReasons,
    Set<String> filteredReasons,
    ContentChecks checks,
    int sampleAnswers,
    int sampleEvery) {

  /** Default truncated reasons: OpenAI, Anthropic and Gemini spellings. */
  public static final String DEFAULT_TRUNCATED =
      "length,max_tokens,MAX_TOKENS,max_output_tokens,model_context_window_exceeded";

  /** Default filtered reasons: OpenAI, Anthropic and Gemini spellings. */
  public static final String DEFAULT_FILTERED =
      "content_filter,refusal,SAFETY,RECITATION,BLOCKLIST,PROHIBITED_CONTENT,SPII";

  static final int MAX_MIN_CHARS = 100_000_000;
  static final int MAX_SAMPLE = 1_000_000;

  /** Copies the sets. */
  public AnswerConfig {
    truncatedReasons = Set.copyOf(truncatedReasons);
    filteredReasons = Set.copyOf(filteredReasons);
  }

  /**
   * Reads the settings; {@code simulation} holds the content checks a simulation sets in code, and
   * each {@code check.*} property replaces its check (an empty value removes it).
   */
  public static AnswerConfig read(Settings s, ContentChecks simulation) {
    Set<String> truncated = reasons(s, "stream.truncatedReasons", DEFAULT_TRUNCATED);
    Set<String> filtered = reasons(s, "stream.filteredReasons", DEFAULT_FILTERED);
    for (String reason : truncated) {
      if (filtered.contains(reason)) {
        s.problem(
            "stream.truncatedReasons and stream.filteredReasons both list '"
                + reason
                + "': a finish reason can mean only one class");
      }
    }
    ContentChecks checks =
        simulation.withMinChars(
            s.integer("check.minChars", simulation.minChars(), 0, MAX_MIN_CHARS));
    checks = pattern(s, ContentChecks.MUST_MATCH, checks);
    checks = pattern(s, ContentChecks.MUST_NOT_MATCH, checks);
    int answers = s.integer("trace.answers", 0, 0, MAX_SAMPLE);
    int every = s.integer("trace.answersEvery", 1, 1, MAX_SAMPLE);
    if (answers == 0 && s.raw("trace.answersEvery").isPresent()) {
      s.problem(
          "trace.answersEvery",
          s.raw("trace.answersEvery").get(),
          "trace.answers > 0 as well (trace.answers is how many answers to write; 0 writes none)");
    }
    return new AnswerConfig(truncated, filtered, checks, answers, every);
  }

  /** The rules every stream of the run is judged by (no stream in the sample yet). */
  public AnswerRules rules() {
    return new AnswerRules(truncatedReasons, filteredReasons, checks, false);
  }

  /** True when answers are sampled into {@code answers.jsonl}. */
  public boolean samples() {
    return sampleAnswers > 0;
  }

  private static Set<String> reasons(Settings s, String name, String def) {
    String raw = s.string(name, def);
    Set<String> out = new LinkedHashSet<>();
    for (String part : Arrays.asList(raw.split(","))) {
      String reason = part.trim();
      if (reason.isEmpty()) {
        continue;
      }
      if (reason.chars().anyMatch(Character::isWhitespace)) {
        s.problem(name, raw, "finish reasons separated by commas, without spaces inside one");
        continue;
      }
      out.add(reason);
    }
    return out;
  }

  /** The check of property {@code name} replaced by the property's regex, when it is set. */
  private static ContentChecks pattern(Settings s, String name, ContentChecks checks) {
    if (s.raw(name).isEmpty()) {
      return checks;
    }
    String regex = s.raw(name).get();
    try {
      return name.equals(ContentChecks.MUST_MATCH)
          ? checks.withMustMatch(regex)
          : checks.withMustNotMatch(regex);
    } catch (IllegalArgumentException e) {
      s.problem(e.getMessage());
      return checks;
    }
  }
}
