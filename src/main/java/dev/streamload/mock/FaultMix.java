package dev.streamload.mock;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Run-wide probabilities of each {@link Fault} per stream request; the remainder is {@link
 * Fault#NONE}.
 *
 * @param probabilities probability in [0, 1] of each fault other than NONE, summing to at most 1
 */
public record FaultMix(Map<Fault, Double> probabilities) {

  private static final double SUM_TOLERANCE = 1e-9;

  /** Validates the probabilities and keeps an unmodifiable copy in {@link Fault} order. */
  public FaultMix {
    Objects.requireNonNull(probabilities, "probabilities must not be null");
    EnumMap<Fault, Double> copy = new EnumMap<>(Fault.class);
    double sum = 0;
    for (Map.Entry<Fault, Double> entry : probabilities.entrySet()) {
      Fault fault = Objects.requireNonNull(entry.getKey(), "fault must not be null");
      Double p = entry.getValue();
      if (fault == Fault.NONE) {
        throw new IllegalArgumentException(
            "faultMix must not give a probability to 'none': it is the remainder");
      }
      if (p == null || !(p >= 0.0 && p <= 1.0)) {
        throw new IllegalArgumentException(
            "faultMix probability of " + fault.wireName() + " must be in [0, 1] but was " + p);
      }
      copy.put(fault, p);
      sum += p;
    }
    if (sum > 1.0 + SUM_TOLERANCE) {
      throw new IllegalArgumentException(
          "faultMix probabilities must sum to at most 1 but sum to " + sum + " in " + copy);
    }
    probabilities = Collections.unmodifiableMap(copy);
  }

  /** A mix that never injects a fault. */
  public static FaultMix none() {
    return new FaultMix(Map.of());
  }

  /**
   * Parses a spec such as {@code interrupt=0.05,http_429=0.02}; blank means no fault.
   *
   * @throws IllegalArgumentException naming the bad token and what is allowed
   */
  public static FaultMix parse(String spec) {
    if (spec == null || spec.isBlank()) {
      return none();
    }
    EnumMap<Fault, Double> parsed = new EnumMap<>(Fault.class);
    for (String rawToken : spec.split(",", -1)) {
      String token = rawToken.trim();
      int eq = token.indexOf('=');
      if (eq <= 0 || eq == token.length() - 1) {
        throw new IllegalArgumentException(
            "bad token '"
                + token
                + "' in fault mix '"
                + spec
                + "': expected name=probability, e.g. interrupt=0.05");
      }
      String name = token.substring(0, eq).trim();
      String value = token.substring(eq + 1).trim();
      Fault fault;
      try {
        fault = Fault.fromWireName(name);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "bad token '" + token + "' in fault mix '" + spec + "': " + e.getMessage(), e);
      }
      double p;
      try {
        p = Double.parseDouble(value);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "bad token '"
                + token
                + "' in fault mix '"
                + spec
                + "': probability '"
                + value
                + "' is not a number in [0, 1]",
            e);
      }
      if (parsed.containsKey(fault)) {
        throw new IllegalArgumentException(
            "bad token '" + token + "' in fault mix '" + spec + "': " + name + " is given twice");
      }
      if (!(p >= 0.0 && p <= 1.0)) {
        throw new IllegalArgumentException(
            "bad token '"
                + token
                + "' in fault mix '"
                + spec
                + "': probability must be in [0, 1] but was "
                + value);
      }
      parsed.put(fault, p);
    }
    return new FaultMix(parsed);
  }

  /**
   * Picks the fault for one request from a uniform number, faults taking consecutive slices of [0,
   * 1) in {@link Fault} order.
   *
   * @param uniform01 a uniformly distributed number in [0, 1)
   */
  public Fault pick(double uniform01) {
    if (!(uniform01 >= 0.0 && uniform01 < 1.0)) {
      throw new IllegalArgumentException("uniform01 must be in [0, 1) but was " + uniform01);
    }
    double cumulative = 0;
    for (Map.Entry<Fault, Double> entry : probabilities.entrySet()) {
      cumulative += entry.getValue();
      if (uniform01 < cumulative) {
        return entry.getKey();
      }
    }
    return Fault.NONE;
  }

  /** True when no fault has a probability above zero. */
  public boolean isNone() {
    return probabilities.values().stream().allMatch(p -> p == 0.0);
  }

  /** The spec form accepted by {@link #parse(String)}, empty for no fault. */
  public String toSpec() {
    return probabilities.entrySet().stream()
        .map(e -> e.getKey().wireName() + "=" + e.getValue())
        .collect(Collectors.joining(","));
  }
}
