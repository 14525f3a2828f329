package dev.streamload.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Prompt sources other than CSV (which Gatling's own {@code csv()} feeder reads): JSON Lines (one
 * object per line with a {@code prompt} member; every other member becomes a feeder column too, or
 * one JSON string per line), ShareGPT JSON (an array of {@code {"conversations":[{"from":"human",
 * "value":..},..]}}: each conversation's first human turn is a prompt), and generated prompts whose
 * length in words follows a distribution, reproducible with a seed, so that TTFT can be compared
 * with the input length.
 */
public final class Prompts {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** How a prompt file is read. */
  public enum Format {
    CSV,
    JSONL,
    SHAREGPT;

    /** The format of a file by its name: .jsonl, .json (ShareGPT), else CSV. */
    public static Format of(String name) {
      String n = name.toLowerCase(Locale.ROOT);
      if (n.endsWith(".jsonl")) {
        return JSONL;
      }
      return n.endsWith(".json") ? SHAREGPT : CSV;
    }
  }

  private Prompts() {}

  /**
   * The rows of a JSONL or ShareGPT file (a path, or a name on the classpath).
   *
   * @throws IllegalArgumentException naming the file and the line when it cannot be read
   */
  public static List<Map<String, Object>> read(String name, Format format) {
    String text = text(name);
    List<Map<String, Object>> rows =
        format == Format.JSONL ? jsonl(name, text) : shareGpt(name, text);
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("'" + name + "' holds no prompt");
    }
    return rows;
  }

  private static String text(String name) {
    try {
      Path path = Path.of(name);
      if (Files.isRegularFile(path)) {
        return Files.readString(path, StandardCharsets.UTF_8);
      }
      try (InputStream in = Prompts.class.getClassLoader().getResourceAsStream(name)) {
        if (in != null) {
          return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("'" + name + "' cannot be read (" + e + ")", e);
    }
    throw new IllegalArgumentException(
        "'"
            + name
            + "': file not found (looked for it as a path from "
            + Path.of("").toAbsolutePath()
            + " and in src/test/resources)");
  }

  private static List<Map<String, Object>> jsonl(String name, String text) {
    List<Map<String, Object>> rows = new ArrayList<>();
    String[] lines = text.split("\r?\n");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty()) {
        continue;
      }
      JsonNode node;
      try {
        node = JSON.readTree(line);
      } catch (IOException e) {
        throw new IllegalArgumentException(
            "'" + name + "' line " + (i + 1) + " is not JSON (" + firstLine(e) + ")");
      }
      Map<String, Object> row = new LinkedHashMap<>();
      if (node.isTextual()) {
        row.put(Values.PROMPT, node.asText());
      } else if (node.isObject() && node.path(Values.PROMPT).isTextual()) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> f = it.next();
          row.put(
              f.getKey(),
              f.getValue().isValueNode() ? f.getValue().asText() : f.getValue().toString());
        }
      } else {
        throw new IllegalArgumentException(
            "'"
                + name
                + "' line "
                + (i + 1)
                + ": expected a JSON string or an object with a string \"prompt\"");
      }
      if (row.get(Values.PROMPT).toString().isEmpty()) {
        throw new IllegalArgumentException(
            "'" + name + "' line " + (i + 1) + " has an empty prompt");
      }
      rows.add(row);
    }
    return rows;
  }

  private static String firstLine(IOException e) {
    String m = String.valueOf(e.getMessage());
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }

  private static List<Map<String, Object>> shareGpt(String name, String text) {
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (IOException e) {
      throw new IllegalArgumentException("'" + name + "' is not JSON (" + firstLine(e) + ")");
    }
    if (root == null || !root.isArray()) {
      throw new IllegalArgumentException(
          "'"
              + name
              + "': expected a ShareGPT array [{\"conversations\":[{\"from\":\"human\",..}]}]");
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    for (JsonNode conversation : root) {
      for (JsonNode turn : conversation.path("conversations")) {
        String from = turn.path("from").asText("");
        if ((from.equals("human") || from.equals("user")) && turn.path("value").isTextual()) {
          String prompt = turn.get("value").asText();
          if (!prompt.isBlank()) {
            rows.add(Map.of(Values.PROMPT, prompt));
          }
          break;
        }
      }
    }
    return rows;
  }

  /** A prompt length distribution, in words. */
  public record Lengths(String kind, double a, double b) {

    /**
     * Parses {@code fixed:N}, {@code uniform:MIN-MAX} or {@code normal:MEAN,SD} (lengths below 1
     * word become 1).
     *
     * @throws IllegalArgumentException naming the allowed forms
     */
    public static Lengths parse(String text) {
      String t = text.trim().toLowerCase(Locale.ROOT);
      Lengths parsed = null;
      try {
        if (t.startsWith("fixed:")) {
          double n = Double.parseDouble(t.substring(6));
          parsed = new Lengths("fixed", n, 0);
        } else if (t.startsWith("uniform:") && t.indexOf('-', 8) > 0) {
          String[] p = t.substring(8).split("-", 2);
          parsed = new Lengths("uniform", Double.parseDouble(p[0]), Double.parseDouble(p[1]));
        } else if (t.startsWith("normal:") && t.contains(",")) {
          String[] p = t.substring(7).split(",", 2);
          parsed = new Lengths("normal", Double.parseDouble(p[0]), Double.parseDouble(p[1]));
        }
      } catch (NumberFormatException e) {
        parsed = null;
      }
      if (parsed != null && parsed.valid()) {
        return parsed;
      }
      throw new IllegalArgumentException(
          "fixed:N, uniform:MIN-MAX or normal:MEAN,SD (words, 1 to " + MAX_WORDS + ")");
    }

    private boolean valid() {
      return a >= 1
          && a <= MAX_WORDS
          && b >= 0
          && b <= MAX_WORDS
          && !(kind.equals("uniform") && b < a);
    }

    int draw(Random random) {
      double n;
      switch (kind) {
        case "uniform":
          n = a + random.nextDouble() * (b - a);
          break;
        case "normal":
          n = a + random.nextGaussian() * b;
          break;
        default:
          n = a;
      }
      return (int) Math.max(1, Math.min(MAX_WORDS, Math.round(n)));
    }
  }

  /** Longest generated prompt, in words. */
  public static final int MAX_WORDS = 100_000;

  private static final String[] WORDS =
      ("the a of to and in is that for it on with as was at by an be this from or are which"
              + " stream token answer latency server model prompt question system user load test"
              + " time first word gap chat api event data text length input output request")
          .split(" ");

  /**
   * {@code count} generated prompts, their lengths drawn from {@code lengths} with {@code seed}:
   * the same seed gives the same prompts. Each row also has {@code promptWords}.
   */
  public static List<Map<String, Object>> generate(Lengths lengths, long seed, int count) {
    Random random = new Random(seed);
    List<Map<String, Object>> rows = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int words = lengths.draw(random);
      StringBuilder sb = new StringBuilder(words * 6);
      for (int w = 0; w < words; w++) {
        if (w > 0) {
          sb.append(' ');
        }
        sb.append(WORDS[random.nextInt(WORDS.length)]);
      }
      rows.add(Map.of(Values.PROMPT, sb.toString(), "promptWords", Integer.toString(words)));
    }
    return rows;
  }
}
