package dev.streamload.config;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Checks a CSV feeder before the run so that a missing file, a missing column or an empty password
 * is reported up front with the file and line, instead of as a Gatling crash mid-run.
 *
 * <p>A name is looked up like Gatling does: as a file path first, then on the test classpath
 * (src/test/resources). Only simple CSV (no quoted commas) is validated; the file itself is then
 * read by Gatling's own {@code csv()} feeder.
 */
public final class FeederFiles {

  private FeederFiles() {}

  /**
   * Validates feeder {@code name} (set by {@code property}): it must exist, have a header with
   * {@code required} columns, at least one row, and no empty value in {@code nonEmpty} columns.
   * Problems go to {@code settings}; values are never echoed (passwords).
   *
   * @return the number of data rows (0 when the file is unreadable or lacks columns)
   */
  public static int validate(
      Settings settings,
      String property,
      String name,
      List<String> required,
      List<String> nonEmpty) {
    Optional<List<String>> lines;
    try {
      lines = read(name);
    } catch (IOException | java.io.UncheckedIOException e) {
      settings.problem(
          property + " = '" + name + "': the file cannot be read as UTF-8 text (" + e + ")");
      return 0;
    }
    if (lines.isEmpty()) {
      settings.problem(
          property
              + " = '"
              + name
              + "': file not found (looked for it as a path from "
              + Path.of("").toAbsolutePath()
              + " and in src/test/resources)");
      return 0;
    }
    List<String> rows = lines.get();
    if (rows.isEmpty() || rows.get(0).isBlank()) {
      settings.problem(property + " = '" + name + "': the file is empty (it needs a header line)");
      return 0;
    }
    List<String> header =
        Arrays.stream(rows.get(0).replace("\uFEFF", "").split(",", -1)).map(String::trim).toList();
    List<String> missing = new ArrayList<>();
    for (String column : required) {
      if (!header.contains(column)) {
        missing.add(column);
      }
    }
    if (!missing.isEmpty()) {
      settings.problem(
          property + " = '" + name + "': header " + header + " lacks column(s) " + missing);
      return 0;
    }
    int dataRows = 0;
    for (int i = 1; i < rows.size(); i++) {
      String line = rows.get(i);
      if (line.isBlank()) {
        continue;
      }
      dataRows++;
      String[] cells = line.split(",", -1);
      for (String column : nonEmpty) {
        int idx = header.indexOf(column);
        if (idx >= cells.length || cells[idx].trim().isEmpty()) {
          settings.problem(
              property + " = '" + name + "': line " + (i + 1) + " has an empty '" + column + "'");
        }
      }
    }
    if (dataRows == 0) {
      settings.problem(property + " = '" + name + "': the file has a header but no rows");
    }
    return dataRows;
  }

  /** The header columns of a CSV feeder; empty when it cannot be read. */
  public static java.util.Set<String> columns(String name) {
    try {
      return read(name)
          .filter(rows -> !rows.isEmpty())
          .map(
              rows ->
                  Arrays.stream(rows.get(0).replace("\uFEFF", "").split(",", -1))
                      .map(String::trim)
                      .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new)))
          .map(java.util.Collections::unmodifiableSet)
          .orElse(java.util.Set.of());
    } catch (IOException | java.io.UncheckedIOException e) {
      return java.util.Set.of();
    }
  }

  private static Optional<List<String>> read(String name) throws IOException {
    Path path = Path.of(name);
    if (Files.isRegularFile(path)) {
      return Optional.of(Files.readAllLines(path, StandardCharsets.UTF_8));
    }
    InputStream in = FeederFiles.class.getClassLoader().getResourceAsStream(name);
    if (in == null) {
      return Optional.empty();
    }
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      return Optional.of(r.lines().toList());
    }
  }
}
