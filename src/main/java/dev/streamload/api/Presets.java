package dev.streamload.api;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The presets: one HOCON file per API shape under {@code streamload/presets/<name>.conf} on the
 * classpath, read with Typesafe Config (Gatling ships it) into flat property names and values. A
 * preset is a layer of defaults: a {@code -D} flag or environment variable wins over it, and it
 * wins over the built-in defaults. A preset may also be a file of the user's, named by its path
 * ({@code -Dpreset=perf/my-api.conf}).
 */
public final class Presets {

  /** The presets that ship with streamload. */
  public static final List<String> BUILT_IN =
      List.of(
          "chat",
          "openai-chat",
          "openai-responses",
          "anthropic",
          "gemini",
          "dify",
          "plain-text",
          "ws-json",
          "ws-spark");

  /** Where the built-in presets are on the classpath. */
  static final String FOLDER = "streamload/presets/";

  private Presets() {}

  /**
   * The properties of preset {@code name} (a built-in name, or the path of a {@code .conf} file),
   * e.g. {@code chat.path -> /v1/messages}; lists are joined with commas.
   *
   * @throws IllegalArgumentException naming the preset and what is allowed when it is unknown or
   *     not valid HOCON
   */
  public static Map<String, String> load(String name) {
    Config config;
    try {
      // Any preset file on the classpath counts (other transports add their own), not only these.
      if (name.matches("[a-z0-9-]+")
          && Presets.class.getClassLoader().getResource(FOLDER + name + ".conf") != null) {
        config =
            ConfigFactory.parseResources(
                Presets.class.getClassLoader(),
                FOLDER + name + ".conf",
                ConfigParseOptions.defaults().setAllowMissing(false));
      } else if (name.endsWith(".conf") && Files.isRegularFile(Path.of(name))) {
        config =
            ConfigFactory.parseFile(
                Path.of(name).toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
      } else {
        throw new IllegalArgumentException(
            "one of "
                + String.join(", ", BUILT_IN)
                + ", or the path of a .conf file (looked for '"
                + name
                + "' from "
                + Path.of("").toAbsolutePath()
                + ")");
      }
      return flatten(config.resolve());
    } catch (ConfigException e) {
      throw new IllegalArgumentException("a valid HOCON file (" + e.getMessage() + ")", e);
    }
  }

  private static Map<String, String> flatten(Config config) {
    Map<String, String> out = new TreeMap<>();
    for (Map.Entry<String, ConfigValue> e : config.entrySet()) {
      ConfigValue v = e.getValue();
      String key = String.join(".", com.typesafe.config.ConfigUtil.splitPath(e.getKey()));
      if (v.valueType() == ConfigValueType.LIST) {
        out.put(
            key,
            ((List<?>) v.unwrapped())
                .stream().map(String::valueOf).collect(Collectors.joining(",")));
      } else {
        out.put(key, v.unwrapped() == null ? "" : String.valueOf(v.unwrapped()));
      }
    }
    return out;
  }
}
