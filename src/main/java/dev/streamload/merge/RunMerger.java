package dev.streamload.merge;

import dev.streamload.injector.InjectorFiles;
import dev.streamload.injector.InjectorReport;
import dev.streamload.metrics.Injectors;
import dev.streamload.metrics.RunMeta;
import dev.streamload.metrics.RunState;
import dev.streamload.metrics.StepPlan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Merges the run folders of injectors that shared one load into one result, as if one client had
 * run the whole load: counts and sums add up exactly, distributions come from the injectors'
 * histograms added bucket by bucket (see {@link RunState#merge}), each step's offered rate and
 * users are the sums of the injectors' shares, and the result says which injectors took part, which
 * are missing and which failed.
 *
 * <p>Folders that cannot belong to one run are refused with a message naming them: another
 * simulation, another step plan or start instant, another injector count, the same injector twice,
 * or a missing or truncated file.
 */
public final class RunMerger {

  private RunMerger() {}

  /** Reads and merges the folders. */
  public static Merged merge(List<Path> folders) throws MergeException {
    if (folders.isEmpty()) {
      throw new MergeException("no run folder given");
    }
    Map<Integer, Path> folderOf = new TreeMap<>();
    Map<Integer, InjectorReport> byIndex = new TreeMap<>();
    InjectorReport first = null;
    Path firstFolder = null;
    for (Path folder : folders) {
      InjectorReport r;
      try {
        r = InjectorFiles.read(folder);
      } catch (InjectorFiles.InvalidFolder e) {
        throw new MergeException("refused: " + e.getMessage(), e);
      }
      requireShareOfPlan(folder, r);
      if (first == null) {
        first = r;
        firstFolder = folder;
      } else {
        requireSameRun(firstFolder, first, folder, r);
      }
      Path other = folderOf.putIfAbsent(r.index(), folder);
      if (other != null) {
        throw new MergeException(
            "refused: "
                + other
                + " and "
                + folder
                + " are both injector "
                + r.index()
                + " (the same folder twice, or two runs mixed up)");
      }
      byIndex.put(r.index(), r);
    }
    List<RunState> states = new ArrayList<>();
    Map<Integer, List<String>> failed = new TreeMap<>();
    for (InjectorReport r : byIndex.values()) {
      states.add(r.state());
      if (!r.ok()) {
        failed.put(r.index(), r.problems());
      }
    }
    List<Integer> missing = new ArrayList<>();
    for (int i = 0; i < first.count(); i++) {
      if (!byIndex.containsKey(i)) {
        missing.add(i);
      }
    }
    Injectors injectors =
        new Injectors(
            first.count(), true, List.copyOf(byIndex.keySet()), missing, failed, first.startAt());
    RunMeta meta =
        new RunMeta(first.simulation(), first.profile(), "", target(byIndex.values()), injectors);
    return new Merged(
        RunState.merge(states).summary(plan(first.wholePlan(), byIndex.values())).withMeta(meta),
        List.copyOf(folderOf.values()));
  }

  private static void requireSameRun(Path aFolder, InjectorReport a, Path bFolder, InjectorReport b)
      throws MergeException {
    if (!a.simulation().equals(b.simulation())) {
      throw different(aFolder, bFolder, "simulation", a.simulation(), b.simulation());
    }
    if (a.count() != b.count()) {
      throw different(
          aFolder,
          bFolder,
          "injector count",
          Integer.toString(a.count()),
          Integer.toString(b.count()));
    }
    if (!a.wholePlan().equals(b.wholePlan()) || !a.profile().equals(b.profile())) {
      throw different(aFolder, bFolder, "step plan", a.profile(), b.profile());
    }
    if (!a.startAt().equals(b.startAt())) {
      throw different(
          aFolder,
          bFolder,
          "start instant (injector.startAt)",
          a.startAt().map(Object::toString).orElse("none"),
          b.startAt().map(Object::toString).orElse("none"));
    }
  }

  /** The injector's share must have the steps of its whole plan, with their times. */
  private static void requireShareOfPlan(Path folder, InjectorReport r) throws MergeException {
    boolean same = r.plan().size() == r.wholePlan().size();
    for (int i = 0; same && i < r.plan().size(); i++) {
      StepPlan share = r.plan().get(i);
      StepPlan whole = r.wholePlan().get(i);
      same =
          share.index() == whole.index()
              && share.startOffset().equals(whole.startOffset())
              && share.duration().equals(whole.duration());
    }
    if (!same) {
      throw new MergeException(
          "refused: " + folder + ": its share of the steps does not match its whole step plan");
    }
  }

  private static MergeException different(
      Path aFolder, Path bFolder, String what, String aValue, String bValue) {
    return new MergeException(
        "refused: "
            + bFolder
            + " is not from the same run as "
            + aFolder
            + ": its "
            + what
            + " is '"
            + bValue
            + "', not '"
            + aValue
            + "'");
  }

  /**
   * The whole plan with each step's offered rate and users summed over the injectors' shares (the
   * planned load of the injectors that took part).
   */
  private static List<StepPlan> plan(List<StepPlan> whole, Iterable<InjectorReport> reports) {
    List<StepPlan> out = new ArrayList<>();
    for (int i = 0; i < whole.size(); i++) {
      StepPlan w = whole.get(i);
      double offered = 0;
      int users = 0;
      for (InjectorReport r : reports) {
        StepPlan share = r.plan().get(i);
        offered += share.offeredRatePerSecond();
        users += share.concurrency();
      }
      out.add(new StepPlan(w.index(), w.name(), offered, users, w.startOffset(), w.duration()));
    }
    return out;
  }

  /** Target facts that count something per injector: the merged value is their sum. */
  static final Set<String> ADDITIVE_TARGET_FACTS = Set.of("client_sockets_open_at_end");

  /**
   * The target facts of all injectors: a fact they agree on as it is, an {@link
   * #ADDITIVE_TARGET_FACTS additive} one summed, other differing values listed.
   */
  static Map<String, String> target(Iterable<InjectorReport> reports) {
    Map<String, List<String>> values = new LinkedHashMap<>();
    for (InjectorReport r : reports) {
      r.target().forEach((k, v) -> values.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
    }
    Map<String, String> out = new LinkedHashMap<>();
    values.forEach(
        (k, vs) -> {
          Set<String> distinct = new LinkedHashSet<>(vs);
          if (ADDITIVE_TARGET_FACTS.contains(k)
              && vs.stream().allMatch(v -> v.matches("-?\\d{1,18}"))) {
            // -1 means "unknown" in one injector, so the sum is unknown too.
            boolean unknown = vs.stream().anyMatch(v -> v.startsWith("-"));
            out.put(
                k, unknown ? "-1" : Long.toString(vs.stream().mapToLong(Long::parseLong).sum()));
          } else if (distinct.size() == 1) {
            out.put(k, vs.get(0));
          } else {
            out.put(k, String.join(", ", distinct));
          }
        });
    return out;
  }
}
