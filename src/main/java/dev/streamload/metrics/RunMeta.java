package dev.streamload.metrics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Describes a run for the reports: which simulation, which profile and a few safe facts about the
 * target (base URL, model, dialect). Keys and values that look like credentials are rejected, so a
 * secret cannot reach {@code summary.json} by accident.
 *
 * @param simulation simulation class or name
 * @param profile load profile name ({@code smoke}, {@code staircase}, {@code concurrency})
 * @param profileDescription the profile's parameters in one line, e.g. {@code "staircase: 2.00 ->
 *     4.00 new streams/s in 2 level(s) of 30s"}
 * @param target safe facts about the target, in insertion order
 * @param injectors which load generators the result comes from
 */
public record RunMeta(
    String simulation,
    String profile,
    String profileDescription,
    Map<String, String> target,
    Injectors injectors) {

  private static final Pattern SECRET_KEY =
      Pattern.compile(
          "(?i)(^|[_.\\-])(authorization|auth|api[_-]?key|apikey|key|password|passwd|secret"
              + "|cookie|bearer|token|access[_-]?token|credentials?|session)($|[_.\\-])");
  private static final Pattern SECRET_VALUE =
      Pattern.compile(
          "(?i)^(bearer|basic)\\s|\\b(sk|pk|rk)-[A-Za-z0-9_-]{8,}|://[^/@\\s]+:[^/@\\s]+@"
              + "|[?&](api[_-]?key|key|token|access_token|sig|signature)=");

  /** Copies the target map and rejects credential-like keys or values. */
  public RunMeta {
    simulation = simulation == null ? "" : simulation;
    profile = profile == null ? "" : profile;
    profileDescription = profileDescription == null ? "" : profileDescription;
    Map<String, String> copy = new LinkedHashMap<>();
    if (target != null) {
      for (Map.Entry<String, String> e : target.entrySet()) {
        String key = e.getKey();
        String value = e.getValue() == null ? "" : e.getValue();
        if (key == null || SECRET_KEY.matcher(key).find()) {
          throw new IllegalArgumentException(
              "target key '" + key + "' looks like a credential; pass only safe fields");
        }
        if (SECRET_VALUE.matcher(value).find()) {
          throw new IllegalArgumentException(
              "target value of '" + key + "' looks like a credential; pass only safe fields");
        }
        copy.put(key, value);
      }
    }
    target = Collections.unmodifiableMap(copy);
    injectors = injectors == null ? Injectors.alone() : injectors;
  }

  /** A run of one load generator alone. */
  public RunMeta(
      String simulation, String profile, String profileDescription, Map<String, String> target) {
    this(simulation, profile, profileDescription, target, Injectors.alone());
  }

  /** A run of one load generator alone whose profile has no separate description. */
  public RunMeta(String simulation, String profile, Map<String, String> target) {
    this(simulation, profile, "", target, Injectors.alone());
  }

  /** A run without description. */
  public static RunMeta unnamed() {
    return new RunMeta("", "", "", Map.of());
  }
}
