package dev.streamload.metrics;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Which load generators a result comes from: one injector alone, one injector's share of a load
 * split over several, or several injectors' results merged into one.
 *
 * @param count injectors the load was split over (1: alone)
 * @param merged true for a merged result
 * @param included the injectors (0-based) whose streams this result counts
 * @param missing injectors of the load that are not in this merged result (empty unless merged)
 * @param failed included injectors whose share is not clean, with the reasons
 * @param startAt the common instant the injectors started their steps at, if one was set
 */
public record Injectors(
    int count,
    boolean merged,
    List<Integer> included,
    List<Integer> missing,
    Map<Integer, List<String>> failed,
    Optional<Instant> startAt) {

  /** Copies the collections (failed in index order). */
  public Injectors {
    included = List.copyOf(included);
    missing = List.copyOf(missing);
    TreeMap<Integer, List<String>> f = new TreeMap<>();
    failed.forEach((i, reasons) -> f.put(i, List.copyOf(reasons)));
    failed = Collections.unmodifiableMap(f);
    startAt = startAt == null ? Optional.empty() : startAt;
  }

  /** One load generator, alone. */
  public static Injectors alone() {
    return new Injectors(1, false, List.of(0), List.of(), Map.of(), Optional.empty());
  }

  /** True when every injector of the load is included and none failed. */
  public boolean complete() {
    return missing.isEmpty() && failed.isEmpty() && included.size() == count;
  }
}
