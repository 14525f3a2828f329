package dev.streamload.warmup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.streamload.config.CompilerPriority;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompilerThreadsTest {

  static final List<String> HOTSPOT = CompilerThreads.HOTSPOT_NAMES;

  @TempDir Path tasks;

  /** A thread of a made-up /proc/self/task: its name and its stat line. */
  private void thread(long id, String name, int nice, int policy) {
    try {
      Path dir = Files.createDirectories(tasks.resolve(Long.toString(id)));
      Files.writeString(dir.resolve("comm"), name + "\n");
      Files.writeString(dir.resolve("stat"), stat(id, name, nice, policy));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@link CompilerThreads#lower} on the made-up threads, with HotSpot's names. */
  private CompilerThreads.Outcome lower(
      CompilerPriority priority, CompilerThreads.Commands commands) {
    return CompilerThreads.lower(priority, tasks, HOTSPOT, commands);
  }

  /** A stat line as the kernel writes it, 52 fields; nice is field 19, policy field 41. */
  static String stat(long id, String name, int nice, int policy) {
    StringBuilder line = new StringBuilder(id + " (" + name + ") S");
    for (int field = 4; field <= 52; field++) {
      line.append(' ').append(field == 19 ? nice : field == 41 ? policy : 0);
    }
    return line.append('\n').toString();
  }

  /**
   * Commands that act on the made-up threads as the kernel would: chrt sets the policy, renice the
   * nice value; each call is recorded.
   */
  private CompilerThreads.Commands kernel(List<List<String>> calls) {
    return command -> {
      calls.add(command);
      List<String> ids =
          command.get(0).equals("chrt")
              ? List.of(command.get(command.size() - 1))
              : command.subList(command.indexOf("-p") + 1, command.size());
      for (String id : ids) {
        Path dir = tasks.resolve(id);
        String name = Files.readString(dir.resolve("comm")).strip();
        String[] fields = CompilerThreads.statFields(Files.readString(dir.resolve("stat")));
        int nice = Integer.parseInt(fields[CompilerThreads.NICE_INDEX]);
        int policy = Integer.parseInt(fields[CompilerThreads.POLICY_INDEX]);
        if (command.get(0).equals("chrt")) {
          policy = CompilerThreads.SCHED_IDLE;
        } else {
          nice = Integer.parseInt(command.get(2));
        }
        Files.writeString(dir.resolve("stat"), stat(Long.parseLong(id), name, nice, policy));
      }
      return new CompilerThreads.Commands.Result(0, "");
    };
  }

  @Test
  void findsTheCompilerThreadsByTheNamesTheKernelKeeps() throws IOException {
    thread(41, "C2 CompilerThre", 0, 0);
    thread(7, "C1 CompilerThre", 0, 0);
    thread(12, "gatling-1-1", 0, 0);
    thread(13, "C3 CompilerThre", 0, 0);
    Files.createDirectories(tasks.resolve("not-a-thread"));
    assertEquals(List.of(7L, 41L), CompilerThreads.find(tasks, HOTSPOT));
  }

  @Test
  void idleTakesOneChrtPerThreadAndLowOneReniceForAll() {
    assertEquals(
        List.of(
            List.of("chrt", "--idle", "--pid", "0", "7"),
            List.of("chrt", "--idle", "--pid", "0", "41")),
        CompilerThreads.commands(CompilerPriority.IDLE, List.of(7L, 41L)));
    assertEquals(
        List.of(List.of("renice", "-n", "10", "-p", "7", "41")),
        CompilerThreads.commands(CompilerPriority.LOW, List.of(7L, 41L)));
    assertEquals(List.of(), CompilerThreads.commands(CompilerPriority.NORMAL, List.of(7L)));
  }

  @Test
  void idleMovesEveryCompilerThreadToSchedIdleAndLeavesTheEventLoopsAlone() {
    thread(7, "C1 CompilerThre", 0, 0);
    thread(41, "C2 CompilerThre", 0, 0);
    thread(12, "gatling-1-1", 0, 0);
    List<List<String>> calls = new ArrayList<>();
    CompilerThreads.Outcome outcome = lower(CompilerPriority.IDLE, kernel(calls));
    assertEquals(2, calls.size());
    assertEquals(2, outcome.threads());
    assertEquals(2, outcome.changed());
    assertTrue(outcome.inPlace());
    assertFalse(outcome.failed());
    assertEquals(
        "2 JIT compiler threads at SCHED_IDLE for the load, behind the event loops",
        outcome.toString());
    assertTrue(CompilerThreads.has(CompilerPriority.IDLE, tasks.resolve("41")));
    assertFalse(CompilerThreads.has(CompilerPriority.IDLE, tasks.resolve("12")));
    assertFalse(CompilerThreads.has(CompilerPriority.LOW, tasks.resolve("12")));
  }

  @Test
  void lowGivesThemNiceTen() {
    thread(7, "C1 CompilerThre", 0, 0);
    List<List<String>> calls = new ArrayList<>();
    CompilerThreads.Outcome outcome = lower(CompilerPriority.LOW, kernel(calls));
    assertEquals(1, outcome.changed());
    assertEquals(
        "1 JIT compiler thread at nice 10 for the load, behind the event loops",
        outcome.toString());
    assertTrue(CompilerThreads.has(CompilerPriority.LOW, tasks.resolve("7")));
    assertFalse(CompilerThreads.has(CompilerPriority.IDLE, tasks.resolve("7")));
  }

  @Test
  void normalRunsNothing() {
    thread(7, "C1 CompilerThre", 0, 0);
    CompilerThreads.Outcome outcome =
        lower(
            CompilerPriority.NORMAL,
            command -> {
              throw new AssertionError("ran " + command);
            });
    assertEquals(
        "JIT compiler threads left at their priority (warmUp.compilerPriority=normal)",
        outcome.toString());
  }

  @Test
  void aMissingCommandIsNamedWithTheWayToSilenceIt() {
    thread(7, "C1 CompilerThre", 0, 0);
    CompilerThreads.Outcome outcome =
        lower(
            CompilerPriority.IDLE,
            command -> {
              throw new IOException("Cannot run program \"chrt\": error=2, No such file");
            });
    assertEquals(0, outcome.changed());
    assertFalse(outcome.inPlace());
    assertTrue(outcome.failed(), "a missing command is worth a warning");
    assertEquals(
        "JIT compiler threads not moved to SCHED_IDLE (cannot run chrt: Cannot run program"
            + " \"chrt\": error=2, No such file); the load's first compiles may hold the event"
            + " loops up by a few ms (warmUp.compilerPriority=normal silences this)",
        outcome.toString());
  }

  @Test
  void aRefusedCommandIsQuoted() {
    thread(7, "C1 CompilerThre", 0, 0);
    CompilerThreads.Outcome outcome =
        lower(
            CompilerPriority.IDLE,
            command ->
                new CompilerThreads.Commands.Result(
                    1, "chrt: failed to set pid 7's policy: Operation not permitted\nmore"));
    assertTrue(
        outcome
            .toString()
            .contains(
                "(chrt exited 1: chrt: failed to set pid 7's policy: Operation not permitted)"),
        outcome.toString());
  }

  @Test
  void aCommandThatSucceedsWithoutEffectIsNotTakenAtItsWord() {
    thread(7, "C1 CompilerThre", 0, 0);
    thread(41, "C2 CompilerThre", 0, 0);
    CompilerThreads.Outcome outcome =
        lower(CompilerPriority.IDLE, command -> new CompilerThreads.Commands.Result(0, ""));
    assertEquals(0, outcome.changed());
    assertTrue(outcome.toString().contains("(2 of 2 threads unchanged)"), outcome.toString());
  }

  @Test
  void withoutProcOrCompilerThreadsItSaysWhyWithoutAWarning() {
    CompilerThreads.Outcome notLinux =
        CompilerThreads.lower(
            CompilerPriority.IDLE, tasks.resolve("absent"), HOTSPOT, kernel(new ArrayList<>()));
    assertTrue(notLinux.toString().contains("not Linux"), notLinux.toString());
    assertFalse(notLinux.failed(), "nothing to move is not a failure");
    thread(12, "gatling-1-1", 0, 0);
    assertTrue(
        lower(CompilerPriority.IDLE, kernel(new ArrayList<>()))
            .toString()
            .contains("(no thread named C1 CompilerThre or C2 CompilerThre)"));
  }

  @Test
  void statFieldsSurviveANameWithSpacesAndParentheses() throws IOException {
    String[] fields = CompilerThreads.statFields(stat(9, "a (b) c", 10, 5));
    assertEquals("S", fields[0]);
    assertEquals("10", fields[19 - 3]);
    assertEquals("5", fields[41 - 3]);
    assertEquals(0, CompilerThreads.statFields("garbage").length);
    Path odd = tasks.resolve("9");
    Files.createDirectories(odd);
    Files.writeString(odd.resolve("stat"), "9 (x) S" + " ?".repeat(49) + "\n");
    assertFalse(CompilerThreads.has(CompilerPriority.LOW, odd), "an unreadable line moved nothing");
  }

  /**
   * The real commands on a thread of this JVM (not its compiler threads: the rest of the test run
   * needs them), read back from the kernel.
   */
  @Test
  void onLinuxItReallyMovesAThreadOfThisJvm() throws Exception {
    Path self = Path.of("/proc/self/task");
    assumeTrue(Files.isDirectory(self), "Linux only");
    for (CompilerPriority priority : List.of(CompilerPriority.LOW, CompilerPriority.IDLE)) {
      String name = "sl-test-" + priority.name().toLowerCase();
      CountDownLatch done = new CountDownLatch(1);
      AtomicLong id = new AtomicLong();
      Thread thread =
          new Thread(
              () -> {
                try {
                  done.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              },
              name);
      thread.start();
      try {
        List<Long> found = List.of();
        for (int i = 0; i < 100 && found.isEmpty(); i++) {
          found = CompilerThreads.find(self, List.of(name));
          Thread.sleep(10);
        }
        assertEquals(1, found.size(), "the kernel names the thread " + name);
        id.set(found.get(0));
        assertFalse(CompilerThreads.has(priority, self.resolve(Long.toString(id.get()))));
        CompilerThreads.Outcome outcome =
            CompilerThreads.lower(priority, self, List.of(name), CompilerThreads::exec);
        assumeTrue(
            !outcome.why().startsWith("cannot run"), "chrt and renice on the PATH: " + outcome);
        assertEquals(1, outcome.changed(), outcome.toString());
        assertTrue(CompilerThreads.has(priority, self.resolve(Long.toString(id.get()))));
      } finally {
        done.countDown();
        thread.join();
      }
    }
  }
}
