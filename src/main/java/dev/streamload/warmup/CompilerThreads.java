package dev.streamload.warmup;

import dev.streamload.config.CompilerPriority;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Moves the JIT compiler's threads behind the event loops for the load, once the loopback warm-up
 * is done ({@code warmUp.compilerPriority}).
 *
 * <p>Why: the load's first seconds still compile what only the load runs (0.5-0.9 s of C2 work in
 * the first 2.4 s of a 20-user smoke run). On a client core shared with the event loops, a compile
 * the kernel has given the core keeps it for its time slice, 3-5 ms, while an event loop that was
 * woken by a response waits: the first events of a group of streams were read that much late
 * (scheduler trace, docs/benchmark.md "The compiler's time slices"). Under {@code SCHED_IDLE} the
 * kernel takes the core from a compiler thread as soon as any other thread wants it; a nice value
 * only shrinks its share and still lets it finish its slice.
 *
 * <p>Linux only: the threads are found by name in {@code /proc/self/task} and changed with
 * util-linux's {@code chrt} or {@code renice}, which any user may do to lower the priority of its
 * own threads (raising it back needs privileges, so it stays for the rest of the run). A thread the
 * JVM starts takes the policy and nice value of the thread that starts it (checked with Java
 * threads), and HotSpot starts further compiler threads from a compiler thread, so those follow.
 * Anywhere else, or without those commands, nothing changes and the outcome says why.
 */
final class CompilerThreads {

  /** How HotSpot names its compiler threads, as the kernel keeps them (15 characters). */
  static final List<String> HOTSPOT_NAMES = List.of("C1 CompilerThre", "C2 CompilerThre");

  /** The nice value of {@link CompilerPriority#LOW}. */
  static final int LOW_NICE = 10;

  /** The kernel's number for {@code SCHED_IDLE} (field 41 of {@code /proc/<tid>/stat}). */
  static final int SCHED_IDLE = 5;

  /**
   * Where a thread's nice value and scheduling policy are in {@link #statFields}: fields 19 and 41
   * of {@code /proc/<tid>/stat}, counted after the name, whose field 3 (the state) is at index 0.
   */
  static final int NICE_INDEX = 19 - 3;

  static final int POLICY_INDEX = 41 - 3;

  /** How long one {@code chrt} or {@code renice} may take before it counts as failed. */
  static final long COMMAND_TIMEOUT_MILLIS = 5_000;

  /** What {@link #lower} did, for the console. */
  record Outcome(CompilerPriority priority, int threads, int changed, String why) {

    /** True when every compiler thread has what was asked for (or nothing was asked). */
    boolean inPlace() {
      return priority == CompilerPriority.NORMAL || (changed > 0 && changed == threads);
    }

    /**
     * True when compiler threads were found but not all of them moved (a refused or missing
     * command): worth a warning, unlike a JVM or system where there is nothing to move.
     */
    boolean failed() {
      return threads > 0 && !inPlace();
    }

    @Override
    public String toString() {
      if (priority == CompilerPriority.NORMAL) {
        return "JIT compiler threads left at their priority (warmUp.compilerPriority=normal)";
      }
      String to = priority == CompilerPriority.IDLE ? "SCHED_IDLE" : "nice " + LOW_NICE;
      if (inPlace()) {
        return threads
            + " JIT compiler thread"
            + (threads == 1 ? "" : "s")
            + " at "
            + to
            + " for the load, behind the event loops";
      }
      return "JIT compiler threads not moved to "
          + to
          + " ("
          + why
          + "); the load's first compiles may hold the event loops up by a few ms"
          + " (warmUp.compilerPriority=normal silences this)";
    }
  }

  /** Runs a command and returns its exit status and output; throws when it cannot be started. */
  interface Commands {
    /** Exit status and merged output of {@code command}. */
    Result run(List<String> command) throws IOException, InterruptedException;

    /** A finished command. */
    record Result(int status, String output) {}
  }

  private CompilerThreads() {}

  /** Lowers this JVM's compiler threads to {@code priority}. */
  static Outcome lower(CompilerPriority priority) {
    return lower(priority, Path.of("/proc/self/task"), HOTSPOT_NAMES, CompilerThreads::exec);
  }

  /**
   * Lowers the threads under {@code tasks} whose name starts with one of {@code names} to {@code
   * priority} with {@code commands}, then reads back what each thread got.
   */
  static Outcome lower(
      CompilerPriority priority, Path tasks, List<String> names, Commands commands) {
    if (priority == CompilerPriority.NORMAL) {
      return new Outcome(priority, 0, 0, "");
    }
    if (!Files.isDirectory(tasks)) {
      return new Outcome(priority, 0, 0, "no " + tasks + ": not Linux");
    }
    List<Long> ids = find(tasks, names);
    if (ids.isEmpty()) {
      return new Outcome(priority, 0, 0, "no thread named " + String.join(" or ", names));
    }
    String failure = "";
    for (List<String> command : commands(priority, ids)) {
      try {
        Commands.Result result = commands.run(command);
        if (result.status() != 0) {
          failure = command.get(0) + " exited " + result.status() + ": " + firstLine(result);
        }
      } catch (IOException e) {
        failure = "cannot run " + command.get(0) + ": " + e.getMessage();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failure = "interrupted";
      }
      if (!failure.isEmpty()) {
        break;
      }
    }
    int changed = 0;
    for (long id : ids) {
      if (has(priority, tasks.resolve(Long.toString(id)))) {
        changed++;
      }
    }
    if (failure.isEmpty() && changed < ids.size()) {
      failure = (ids.size() - changed) + " of " + ids.size() + " threads unchanged";
    }
    return new Outcome(priority, ids.size(), changed, failure);
  }

  /** Ids of the threads under {@code tasks} whose name starts with one of {@code names}. */
  static List<Long> find(Path tasks, List<String> names) {
    List<Long> ids = new ArrayList<>();
    try (Stream<Path> entries = Files.list(tasks)) {
      for (Path task : (Iterable<Path>) entries::iterator) {
        String id = task.getFileName().toString();
        if (!id.chars().allMatch(Character::isDigit)) {
          continue;
        }
        String name = read(task.resolve("comm")).strip();
        if (names.stream().anyMatch(name::startsWith)) {
          ids.add(Long.parseLong(id));
        }
      }
    } catch (IOException e) {
      return List.of();
    }
    ids.sort(null);
    return ids;
  }

  /**
   * The commands that give {@code ids} the priority: one {@code chrt} per thread ({@code chrt}
   * takes one), one {@code renice} for all.
   */
  static List<List<String>> commands(CompilerPriority priority, List<Long> ids) {
    List<List<String>> commands = new ArrayList<>();
    if (priority == CompilerPriority.IDLE) {
      for (long id : ids) {
        commands.add(List.of("chrt", "--idle", "--pid", "0", Long.toString(id)));
      }
    } else if (priority == CompilerPriority.LOW) {
      List<String> renice = new ArrayList<>(List.of("renice", "-n", Integer.toString(LOW_NICE)));
      renice.add("-p");
      ids.forEach(id -> renice.add(Long.toString(id)));
      commands.add(List.copyOf(renice));
    }
    return commands;
  }

  /** True when the thread at {@code task} has {@code priority} (or a lower one) now. */
  static boolean has(CompilerPriority priority, Path task) {
    String[] fields = statFields(read(task.resolve("stat")));
    if (fields.length <= POLICY_INDEX) {
      return false;
    }
    int nice;
    int policy;
    try {
      nice = Integer.parseInt(fields[NICE_INDEX]);
      policy = Integer.parseInt(fields[POLICY_INDEX]);
    } catch (NumberFormatException e) {
      return false;
    }
    return switch (priority) {
      case IDLE -> policy == SCHED_IDLE;
      case LOW -> policy == SCHED_IDLE || nice >= LOW_NICE;
      case NORMAL -> true;
    };
  }

  /** The fields of a {@code stat} line after the thread's name (which may hold spaces). */
  static String[] statFields(String stat) {
    int end = stat.lastIndexOf(')');
    if (end < 0 || end + 2 > stat.length()) {
      return new String[0];
    }
    return stat.substring(end + 2).strip().split(" ");
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      return "";
    }
  }

  private static String firstLine(Commands.Result result) {
    String out = result.output().strip();
    int nl = out.indexOf('\n');
    return nl < 0 ? out : out.substring(0, nl);
  }

  /** Runs {@code command}, at most {@link #COMMAND_TIMEOUT_MILLIS}. */
  static Commands.Result exec(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try (InputStream out = process.getInputStream()) {
      if (!process.waitFor(COMMAND_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        return new Commands.Result(-1, "timed out");
      }
      return new Commands.Result(
          process.exitValue(), new String(out.readAllBytes(), StandardCharsets.UTF_8));
    }
  }
}
