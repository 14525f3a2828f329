package dev.streamload.ws;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigValue;
import dev.streamload.config.Settings;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The WebSocket presets ({@code ws-json}, {@code ws-spark}): HOCON files under {@code
 * streamload/presets/} read with Typesafe Config, laid under the {@code -D} flags and {@code
 * STREAMLOAD_*} variables (any of which overrides a preset value).
 *
 * <p>The WebSocket side's own loader until the project-wide {@code -Dpreset} layer is on main; the
 * files are named and placed as that layer expects.
 */
public final class WsPresets {

  /** The presets of the WebSocket simulation. */
  public static final List<String> NAMES = List.of("ws-json", "ws-spark");

  /** The preset used when {@code preset} is not set. */
  public static final String DEFAULT = "ws-json";

  private WsPresets() {}

  /** The values of one preset, keyed by property name; empty when there is no such preset. */
  public static Optional<Map<String, String>> values(String name) {
    if (!NAMES.contains(name)) {
      return Optional.empty();
    }
    Config config;
    try {
      config =
          ConfigFactory.parseResources(
              WsPresets.class.getClassLoader(),
              "streamload/presets/" + name + ".conf",
              ConfigParseOptions.defaults().setAllowMissing(false));
    } catch (ConfigException e) {
      throw new IllegalStateException("preset " + name + " cannot be read: " + e.getMessage(), e);
    }
    Map<String, String> values = new HashMap<>();
    for (Map.Entry<String, ConfigValue> e : config.entrySet()) {
      values.put(e.getKey(), String.valueOf(e.getValue().unwrapped()));
    }
    return Optional.of(values);
  }

  /** This JVM's system properties and environment with the chosen preset laid under them. */
  public static Settings layered() {
    Map<String, String> props = new HashMap<>();
    System.getProperties().stringPropertyNames().forEach(k -> props.put(k, System.getProperty(k)));
    return layered(props, System.getenv());
  }

  /**
   * {@code properties} and {@code environment} with the preset named by {@code preset} (default
   * {@value #DEFAULT}) laid under them; an unknown name is a problem of the returned settings.
   */
  public static Settings layered(Map<String, String> properties, Map<String, String> environment) {
    Settings given = new Settings(properties, environment);
    String name = given.string("preset", DEFAULT);
    Optional<Map<String, String>> preset = values(name);
    Map<String, String> props = new HashMap<>();
    preset.ifPresent(
        values ->
            values.forEach(
                (k, v) -> {
                  if (given.raw(k).isEmpty()) {
                    props.put(k, v);
                  }
                }));
    props.putAll(properties);
    Settings layered = new Settings(props, environment);
    if (preset.isEmpty()) {
      layered.problem("preset", name, "one of " + String.join(", ", NAMES));
    }
    return layered;
  }
}
