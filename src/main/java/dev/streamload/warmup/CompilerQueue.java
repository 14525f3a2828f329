package dev.streamload.warmup;

import java.lang.management.ManagementFactory;
import javax.management.ObjectName;

/**
 * This JVM's compile queues, read with HotSpot's {@code compilerQueue} diagnostic command (the text
 * {@code jcmd <pid> Compiler.queue} prints), and what the warm-up needs from that text: whether the
 * optimizing compiler (C2) is at work and how many methods wait for it. A JVM without the command
 * reads as an empty text: never busy, nothing queued.
 */
final class CompilerQueue {

  private volatile boolean unavailable;

  /** False once the diagnostic command failed (a JVM without it). */
  boolean available() {
    return !unavailable;
  }

  /** The command's text now; empty once it failed. */
  String read() {
    if (unavailable) {
      return "";
    }
    try {
      Object text =
          ManagementFactory.getPlatformMBeanServer()
              .invoke(
                  new ObjectName("com.sun.management:type=DiagnosticCommand"),
                  "compilerQueue",
                  new Object[] {null},
                  new String[] {String[].class.getName()});
      return String.valueOf(text);
    } catch (Exception | LinkageError e) {
      unavailable = true;
      return "";
    }
  }

  /** True when C2 is compiling now or has anything queued. */
  boolean optimizerBusy() {
    return optimizerBusy(read());
  }

  /** Methods waiting in C2's queue now, not counting the ones being compiled. */
  int optimizerQueued() {
    return optimizerQueued(read());
  }

  /** True when the text shows a C2 compile in progress or queued. */
  static boolean optimizerBusy(String compilerQueue) {
    return sectionLines(compilerQueue, "Current compiles", "C2 ") > 0
        || optimizerQueued(compilerQueue) > 0;
  }

  /** The methods listed under the text's {@code C2 compile queue:}. */
  static int optimizerQueued(String compilerQueue) {
    return sectionLines(compilerQueue, "C2 compile queue", "");
  }

  /**
   * Lines of the section whose title starts with {@code section} that start with {@code prefix},
   * not counting the "Empty" of an empty queue. Section titles end with a colon and, unlike a
   * method's line ("... (23 bytes)"), hold no parenthesis.
   */
  private static int sectionLines(String compilerQueue, String section, String prefix) {
    boolean inSection = false;
    int lines = 0;
    for (String raw : compilerQueue.split("\\R")) {
      String line = raw.strip();
      if (line.endsWith(":") && !line.contains(" (")) {
        inSection = line.startsWith(section);
        continue;
      }
      if (inSection && !line.isEmpty() && !line.equals("Empty") && line.startsWith(prefix)) {
        lines++;
      }
    }
    return lines;
  }
}
