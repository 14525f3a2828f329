package dev.streamload.warmup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompilerCpuTest {

  @TempDir Path tasks;

  private void thread(long id, String name, String schedstat) throws IOException {
    Path task = Files.createDirectories(tasks.resolve(Long.toString(id)));
    Files.writeString(task.resolve("comm"), name + "\n");
    if (schedstat != null) {
      Files.writeString(task.resolve("schedstat"), schedstat + "\n");
    }
  }

  @Test
  void theCompilerThreadsCpuTimeIsSummedInMillisecondsAndNoOtherThreads() throws IOException {
    thread(11, "C1 CompilerThre", "250000000 1000 30");
    thread(12, "C2 CompilerThre", "1750400000 52000 80");
    thread(13, "gatling-1-1", "9000000000 1 1");
    CompilerCpu cpu = new CompilerCpu(tasks);
    assertTrue(cpu.readable());
    assertEquals(2000, cpu.getAsLong(), "250 + 1,750.4 ms of the compilers; the event loop's not");
    thread(14, "C2 CompilerThre", "100000000 0 1");
    assertEquals(2100, cpu.getAsLong(), "a C2 thread HotSpot started later counts too");
  }

  @Test
  void withoutACompilerThreadOrItsSchedstatItIsNotReadable() throws IOException {
    thread(13, "gatling-1-1", "9000000000 1 1");
    assertFalse(new CompilerCpu(tasks).readable());
    thread(12, "C2 CompilerThre", null);
    assertFalse(new CompilerCpu(tasks).readable(), "a kernel without schedstat");
    thread(11, "C1 CompilerThre", "garbled");
    assertFalse(new CompilerCpu(tasks).readable());
    assertFalse(new CompilerCpu(tasks.resolve("absent")).readable(), "not Linux");
    assertEquals(0, new CompilerCpu(tasks).getAsLong());
  }

  @Test
  void thisJvmsCompilerThreadsAreReadOnLinux() {
    CompilerCpu cpu = CompilerCpu.ofThisJvm();
    if (Files.isDirectory(Path.of("/proc/self/task"))) {
      assertTrue(cpu != null && cpu.getAsLong() >= 0, "this JVM's compiler threads on Linux");
    } else {
      assertEquals(null, cpu);
    }
  }
}
