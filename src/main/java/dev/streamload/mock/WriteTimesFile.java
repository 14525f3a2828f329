package dev.streamload.mock;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the mock's ground truth, one JSON line per stream: {@code {"id":..,"write":[..],
 * "scheduled":[..]}} with {@link System#nanoTime()} values (on Linux the same monotonic clock in
 * every process of the machine, so the benchmark can join them with the client's receive times).
 */
public final class WriteTimesFile {

  private WriteTimesFile() {}

  /** Writes every recorded stream of {@code times} to {@code file}. */
  public static void write(WriteTimes times, Path file) throws IOException {
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (String id : times.requestIds()) {
        out.write("{\"id\":\"");
        out.write(id.replace("\\", "\\\\").replace("\"", "\\\""));
        out.write("\",\"write\":");
        array(out, times.writeNanos(id));
        out.write(",\"scheduled\":");
        array(out, times.scheduledNanos(id));
        out.write("}\n");
      }
    }
  }

  private static void array(BufferedWriter out, long[] values) throws IOException {
    out.write('[');
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        out.write(',');
      }
      out.write(Long.toString(values[i]));
    }
    out.write(']');
  }
}
