package dev.streamload.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamload.injector.SampleFolders;
import dev.streamload.metrics.SplitRuns;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MergeMainTest {

  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(List<String> args) {
    return MergeMain.run(
        args.toArray(new String[0]),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private static List<String> args(List<Path> folders, Path target) {
    List<String> a = new ArrayList<>();
    folders.forEach(f -> a.add(f.toString()));
    a.add("--out");
    a.add(target.toString());
    return a;
  }

  @Test
  void writesOneSummaryAndOneDashboardAndExitsZeroWhenEveryInjectorIsThere() throws Exception {
    List<Path> folders = SampleFolders.write(dir.resolve("in"), SplitRuns.split(3));
    Path target = dir.resolve("merged");

    int status = run(args(folders, target));

    assertEquals(MergeMain.OK, status, err.toString(StandardCharsets.UTF_8));
    JsonNode summary = new ObjectMapper().readTree(target.resolve("summary.json").toFile());
    assertEquals(3, summary.path("run").path("injectors").path("count").asInt());
    assertTrue(summary.path("run").path("injectors").path("merged").asBoolean());
    String html = Files.readString(target.resolve("dashboard.html"));
    assertTrue(html.contains("merged from <b>3 of 3</b> injectors"), html.substring(0, 2000));
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("merged 3 of 3 injector(s)"));
  }

  @Test
  void exitsThreeAndSaysWhoIsMissingWhenAnInjectorIsMissing() {
    List<Path> folders = SampleFolders.write(dir.resolve("in"), SplitRuns.split(3));
    Path target = dir.resolve("merged");

    int status = run(args(folders.subList(0, 2), target));

    assertEquals(MergeMain.INCOMPLETE, status);
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("injector(s) [2] missing"));
    assertTrue(Files.exists(target.resolve("summary.json")));
  }

  @Test
  void exitsOneAndWritesNothingWhenTheInputIsRefused() {
    List<Path> folders = SampleFolders.write(dir.resolve("in"), SplitRuns.split(3));
    Path target = dir.resolve("merged");

    int status = run(args(List.of(folders.get(0), folders.get(0)), target));

    assertEquals(MergeMain.REFUSED, status);
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("both injector 0"));
    assertFalse(Files.exists(target));
  }

  @Test
  void exitsTwoOnWrongUsage() {
    assertEquals(MergeMain.USAGE, run(List.of("--out")));
    assertEquals(MergeMain.USAGE, run(List.of()));
    assertEquals(MergeMain.USAGE, run(List.of("a", "--bogus")));
  }
}
