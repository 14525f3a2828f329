package dev.streamload.config;

import dev.streamload.api.Presets;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads raw settings with one precedence, {@code -Dname} system property, then environment variable
 * {@code STREAMLOAD_NAME}, then the old name of a renamed property ({@link #ALIASES}), then the
 * preset ({@code -Dpreset=<name>}, see {@link Presets}), then the default, and converts them to
 * typed values.
 *
 * <p>Conversion problems are collected rather than thrown one at a time, so a user with three typos
 * sees all three at once; call {@link #throwIfInvalid()} after reading everything.
 */
public final class Settings {

  private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)");

  /** Renamed properties: new name to the old name, which still works when the new one is unset. */
  public static final Map<String, String> ALIASES =
      Map.of(
          "chat.path", "openai.path",
          "model", "openai.model",
          "maxTokens", "openai.maxTokens",
          "includeUsage", "openai.includeUsage",
          "apiKey.env", "openai.apiKeyEnv");

  /**
   * Pairs of properties that say the same thing: a flag for one hides the preset's value of the
   * other ({@code -Dstream.endMarker=X} overrides a preset's {@code stream.end}).
   */
  static final Map<String, String> SAME_THING =
      Map.of("stream.end", "stream.endMarker", "stream.endMarker", "stream.end");

  /** The property that picks the preset. */
  public static final String PRESET = "preset";

  private final Map<String, String> properties;
  private final Map<String, String> environment;
  private final Map<String, String> preset;
  private final Optional<String> presetName;
  private final List<String> problems = new ArrayList<>();

  /** Settings without a preset unless {@code preset} is set. */
  public Settings(Map<String, String> properties, Map<String, String> environment) {
    this(properties, environment, null);
  }

  /**
   * Settings whose preset layer is {@code -Dpreset}, else {@code defaultPreset} (a simulation's
   * own; null: none). An unknown preset is a problem of this settings.
   */
  public Settings(
      Map<String, String> properties, Map<String, String> environment, String defaultPreset) {
    this.properties = Map.copyOf(properties);
    this.environment = Map.copyOf(environment);
    Optional<String> chosen = direct(PRESET).or(() -> Optional.ofNullable(defaultPreset));
    Map<String, String> layer = Map.of();
    if (chosen.isPresent()) {
      try {
        layer = Presets.load(chosen.get());
      } catch (IllegalArgumentException e) {
        problem(PRESET, chosen.get(), e.getMessage());
      }
    }
    this.preset = layer;
    this.presetName = chosen;
  }

  /** Settings from this JVM's system properties and environment. */
  public static Settings fromSystem() {
    return fromSystem(null);
  }

  /** As {@link #fromSystem()}, with a simulation's own preset under {@code -Dpreset}. */
  public static Settings fromSystem(String defaultPreset) {
    Map<String, String> props = new java.util.HashMap<>();
    System.getProperties().stringPropertyNames().forEach(k -> props.put(k, System.getProperty(k)));
    return new Settings(props, System.getenv(), defaultPreset);
  }

  /**
   * These settings with {@code name} as the preset when none is chosen yet (a simulation's own
   * preset); {@code this} when one is.
   */
  public Settings withDefaultPreset(String name) {
    return presetName.isPresent() ? this : new Settings(properties, environment, name);
  }

  /** The preset in use, if any. */
  public Optional<String> presetName() {
    return presetName;
  }

  /** The names set with -D and the STREAMLOAD_* environment variables set, as given. */
  public java.util.Set<String> givenNames() {
    java.util.Set<String> names = new java.util.TreeSet<>(properties.keySet());
    environment.keySet().stream().filter(k -> k.startsWith("STREAMLOAD_")).forEach(names::add);
    return names;
  }

  /**
   * Every property below {@code prefix} (e.g. {@code chat.header.}), from -D, the environment (only
   * names without dots can be given there) and the preset, by the rest of its name; -D wins.
   */
  public Map<String, String> below(String prefix) {
    Map<String, String> out = new java.util.TreeMap<>();
    preset.forEach((k, v) -> put(out, prefix, k, v));
    String envPrefix = envName(prefix);
    environment.forEach(
        (k, v) -> {
          if (k.startsWith(envPrefix) && k.length() > envPrefix.length()) {
            out.put(k.substring(envPrefix.length()), v.trim());
          }
        });
    properties.forEach((k, v) -> put(out, prefix, k, v));
    return out;
  }

  private static void put(Map<String, String> out, String prefix, String key, String value) {
    if (key.startsWith(prefix) && key.length() > prefix.length()) {
      out.put(key.substring(prefix.length()), value.trim());
    }
  }

  private Optional<String> direct(String name) {
    String v = properties.get(name);
    if (v == null) {
      v = environment.get(envName(name));
    }
    return v == null ? Optional.empty() : Optional.of(v.trim());
  }

  /**
   * The environment variable that can set {@code name}, e.g. target.url → STREAMLOAD_TARGET_URL.
   */
  public static String envName(String name) {
    return "STREAMLOAD_" + name.toUpperCase(Locale.ROOT).replace('.', '_');
  }

  /** The raw value, or empty when neither a flag, the environment nor the preset sets it. */
  public Optional<String> raw(String name) {
    Optional<String> v = direct(name);
    if (v.isEmpty() && ALIASES.containsKey(name)) {
      v = direct(ALIASES.get(name));
    }
    if (v.isEmpty()
        && preset.containsKey(name)
        && !(SAME_THING.containsKey(name) && direct(SAME_THING.get(name)).isPresent())) {
      v = Optional.of(preset.get(name).trim());
    }
    return v;
  }

  /** True when a flag or environment variable (not the preset) sets {@code name}. */
  public boolean given(String name) {
    return direct(name).isPresent()
        || (ALIASES.containsKey(name) && direct(ALIASES.get(name)).isPresent());
  }

  /** Reads an environment variable by its exact name (used for secrets such as API keys). */
  public Optional<String> env(String exactName) {
    String v = environment.get(exactName);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
  }

  public String string(String name, String def) {
    return raw(name).orElse(def);
  }

  /** A string that must not be blank. */
  public String nonBlank(String name, String def) {
    String v = string(name, def);
    if (v.isBlank()) {
      problem(name, v, "a non-empty value");
    }
    return v;
  }

  public int integer(String name, int def, int min, int max) {
    return parse(name, def, Integer::parseInt, "a whole number", min, max);
  }

  public double decimal(String name, double def, double min, double max) {
    return parse(name, def, Double::parseDouble, "a number", min, max);
  }

  public boolean bool(String name, boolean def) {
    Optional<String> v = raw(name);
    if (v.isEmpty()) {
      return def;
    }
    switch (v.get().toLowerCase(Locale.ROOT)) {
      case "true":
        return true;
      case "false":
        return false;
      default:
        problem(name, v.get(), "true or false");
        return def;
    }
  }

  /** A duration such as 500ms, 10s, 1.5m, 1h; must lie in [min, max]. */
  public Duration duration(String name, Duration def, Duration min, Duration max) {
    Optional<String> v = raw(name);
    if (v.isEmpty()) {
      return def;
    }
    Optional<Duration> d = parseDuration(v.get());
    String allowed =
        "a duration with a unit (ms, s, m, h) between " + human(min) + " and " + human(max);
    if (d.isEmpty() || d.get().compareTo(min) < 0 || d.get().compareTo(max) > 0) {
      problem(name, v.get(), allowed);
      return def;
    }
    return d.get();
  }

  /**
   * An optional duration (absent = empty), with the same syntax and bounds as {@link #duration}.
   */
  public Optional<Duration> optionalDuration(String name, Duration min, Duration max) {
    return raw(name).isEmpty() ? Optional.empty() : Optional.of(duration(name, min, min, max));
  }

  /** An optional number (absent = empty) within bounds. */
  public Optional<Double> optionalDecimal(String name, double min, double max) {
    return raw(name).isEmpty() ? Optional.empty() : Optional.of(decimal(name, min, min, max));
  }

  /** One of the names of an enum, case-insensitive, '-' and '_' alike. */
  public <E extends Enum<E>> E choice(String name, E def, Class<E> type) {
    Optional<String> v = raw(name);
    if (v.isEmpty()) {
      return def;
    }
    String wanted = v.get().toUpperCase(Locale.ROOT).replace('-', '_');
    for (E e : type.getEnumConstants()) {
      if (e.name().equals(wanted)) {
        return e;
      }
    }
    List<String> allowed = new ArrayList<>();
    for (E e : type.getEnumConstants()) {
      allowed.add(e.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }
    problem(name, v.get(), "one of " + String.join(", ", allowed));
    return def;
  }

  /** An absolute http(s) URL without a trailing slash. */
  public Optional<String> url(String name) {
    Optional<String> v = raw(name).filter(s -> !s.isEmpty());
    if (v.isEmpty()) {
      return Optional.empty();
    }
    try {
      URI uri = new URI(v.get());
      boolean http =
          "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
      if (!http || uri.getHost() == null) {
        problem(
            name,
            v.get(),
            "an absolute http:// or https:// URL with a host, e.g. http://127.0.0.1:8089");
        return Optional.empty();
      }
    } catch (java.net.URISyntaxException e) {
      problem(name, v.get(), "a valid URL (" + e.getReason() + ")");
      return Optional.empty();
    }
    String s = v.get();
    return Optional.of(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
  }

  /** A path that starts with '/'. */
  public String path(String name, String def) {
    String v = string(name, def);
    if (!v.startsWith("/")) {
      problem(name, v, "a path starting with '/'");
    }
    return v;
  }

  /** Records a problem found by a caller's own validation. */
  public void problem(String name, String value, String allowed) {
    problems.add(name + " = '" + value + "': expected " + allowed);
  }

  /** Records a free-form problem (e.g. with a file). */
  public void problem(String message) {
    problems.add(message);
  }

  public List<String> problems() {
    return Collections.unmodifiableList(problems);
  }

  /** Throws one {@link ConfigException} listing every problem seen so far, if any. */
  public void throwIfInvalid() {
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
  }

  static Optional<Duration> parseDuration(String text) {
    Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      return Optional.empty();
    }
    double amount = Double.parseDouble(m.group(1));
    double millis;
    switch (m.group(2)) {
      case "ms":
        millis = amount;
        break;
      case "s":
        millis = amount * 1_000;
        break;
      case "m":
        millis = amount * 60_000;
        break;
      default:
        millis = amount * 3_600_000;
    }
    return Optional.of(Duration.ofNanos(Math.round(millis * 1_000_000)));
  }

  static String human(Duration d) {
    long ms = d.toMillis();
    if (ms % 3_600_000 == 0 && ms > 0) {
      return ms / 3_600_000 + "h";
    }
    if (ms % 60_000 == 0 && ms > 0) {
      return ms / 60_000 + "m";
    }
    if (ms % 1_000 == 0 && ms > 0) {
      return ms / 1_000 + "s";
    }
    return ms + "ms";
  }

  private <T extends Comparable<T>> T parse(
      String name, T def, Function<String, T> parser, String kind, T min, T max) {
    Optional<String> v = raw(name);
    if (v.isEmpty()) {
      return def;
    }
    T value;
    try {
      value = parser.apply(v.get());
    } catch (NumberFormatException e) {
      problem(name, v.get(), kind + " between " + min + " and " + max);
      return def;
    }
    if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      problem(name, v.get(), kind + " between " + min + " and " + max);
      return def;
    }
    return value;
  }
}
