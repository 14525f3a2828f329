package dev.streamload.config;

import java.util.List;

/** Thrown before any load starts when one or more settings are invalid; lists every problem. */
public final class ConfigException extends RuntimeException {

  private final List<String> problems;

  public ConfigException(List<String> problems) {
    super(format(problems));
    this.problems = List.copyOf(problems);
  }

  public ConfigException(String problem) {
    this(List.of(problem));
  }

  /** Each problem names the property (or file), the value it got and what is allowed. */
  public List<String> problems() {
    return problems;
  }

  private static String format(List<String> problems) {
    StringBuilder sb = new StringBuilder("Invalid configuration (nothing was sent):");
    for (String p : problems) {
      sb.append(System.lineSeparator()).append("  - ").append(p);
    }
    sb.append(System.lineSeparator())
        .append("  Set a property with -Dname=value on the mvn command line, or with the")
        .append(" environment variable STREAMLOAD_NAME (upper case, dots as underscores).")
        .append(" See the configuration table in README.md.");
    return sb.toString();
  }
}
