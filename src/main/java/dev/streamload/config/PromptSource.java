package dev.streamload.config;

import dev.streamload.api.Prompts;
import dev.streamload.api.Values;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where the prompts come from: a CSV file (read by Gatling's {@code csv()} feeder), a JSONL or
 * ShareGPT file, or generated prompts ({@code prompts.generate}); the last three are read here,
 * once, into {@code rows}.
 *
 * @param describe for the start line, e.g. {@code prompts.csv} or {@code generated uniform:50-500,
 *     seed 1}
 * @param csv the CSV feeder's name, when the prompts are a CSV file
 * @param rows the prompts otherwise
 * @param columns the feeder columns a template can read
 */
public record PromptSource(
    String describe, Optional<String> csv, List<Map<String, Object>> rows, Set<String> columns) {

  /** Most generated prompts. */
  static final int MAX_GENERATED = 1_000_000;

  public PromptSource {
    rows = List.copyOf(rows);
    columns = Set.copyOf(columns);
  }

  /** Reads {@code feeder.prompts}, {@code feeder.promptsFormat} and {@code prompts.*}. */
  static PromptSource read(Settings s, String file) {
    Optional<String> generate = s.raw("prompts.generate").filter(v -> !v.isBlank());
    long seed = s.integer("prompts.seed", 1, 0, Integer.MAX_VALUE);
    int count = s.integer("prompts.count", 1_000, 1, MAX_GENERATED);
    if (generate.isPresent()) {
      try {
        Prompts.Lengths lengths = Prompts.Lengths.parse(generate.get());
        return new PromptSource(
            "generated " + generate.get() + " words, seed " + seed + ", " + count + " prompts",
            Optional.empty(),
            Prompts.generate(lengths, seed, count),
            Set.of(Values.PROMPT, "promptWords"));
      } catch (IllegalArgumentException e) {
        s.problem("prompts.generate", generate.get(), e.getMessage());
        return empty(file);
      }
    }
    Prompts.Format format =
        s.choice("feeder.promptsFormat", Prompts.Format.of(file), Prompts.Format.class);
    if (format == Prompts.Format.CSV) {
      FeederFiles.validate(s, "feeder.prompts", file, List.of("prompt"), List.of("prompt"));
      return new PromptSource(file, Optional.of(file), List.of(), FeederFiles.columns(file));
    }
    try {
      List<Map<String, Object>> rows = Prompts.read(file, format);
      Set<String> columns = new TreeSet<>();
      rows.forEach(r -> columns.addAll(r.keySet()));
      return new PromptSource(
          file + " (" + format.name().toLowerCase() + ", " + rows.size() + " prompts)",
          Optional.empty(),
          rows,
          columns);
    } catch (IllegalArgumentException e) {
      s.problem("feeder.prompts = '" + file + "': " + e.getMessage());
      return empty(file);
    }
  }

  private static PromptSource empty(String file) {
    return new PromptSource(file, Optional.of(file), List.of(), Set.of(Values.PROMPT));
  }
}
