package dev.streamload.injector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamload.metrics.SplitRuns;
import dev.streamload.metrics.SummaryJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InjectorFilesTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private InjectorReport sample() {
    return SampleFolders.report(SplitRuns.split(3), 1, List.of("late"));
  }

  @Test
  void aWrittenReportReadsBackToTheSameSummaryAndIdentity() throws Exception {
    InjectorReport written = sample();
    Path folder = SampleFolders.write(dir.resolve("run"), written);

    InjectorReport read = InjectorFiles.read(folder);

    assertEquals(
        JSON.readTree(SummaryJson.toJson(written.state().summary(written.plan()))),
        JSON.readTree(SummaryJson.toJson(read.state().summary(read.plan()))));
    assertEquals(written.plan(), read.plan());
    assertEquals(written.wholePlan(), read.wholePlan());
    assertEquals(1, read.index());
    assertEquals(3, read.count());
    assertEquals(written.startAt(), read.startAt());
    assertEquals(written.startLateMs(), read.startLateMs());
    assertEquals(List.of("late"), read.problems());
    assertEquals(written.target(), read.target());
    assertEquals(written.state().overTime(), read.state().overTime());
  }

  @Test
  void theHistogramLogIsHdrHistogramsLogFormatWithOneTaggedHistogramPerScopeAndMetric()
      throws Exception {
    Path folder = SampleFolders.write(dir.resolve("run"), sample());

    List<String> lines = Files.readAllLines(folder.resolve(InjectorFiles.HISTOGRAMS));

    assertTrue(lines.stream().anyMatch(l -> l.startsWith("#[StartTime: ")), lines.get(0));
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("Tag=total/ttft,")));
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("Tag=step2/itl,")));
  }

  @Test
  void aMissingReportIsRefusedNamingTheFolder() {
    Path folder = dir.resolve("crashed");
    SampleFolders.write(folder, sample());
    assertTrue(folder.resolve(InjectorFiles.REPORT).toFile().delete());

    InjectorFiles.InvalidFolder e =
        assertThrows(InjectorFiles.InvalidFolder.class, () -> InjectorFiles.read(folder));

    assertTrue(e.getMessage().startsWith(folder + ": injector.json is missing"), e.getMessage());
  }

  @Test
  void aTruncatedHistogramLogIsRefusedNamingTheFolderAndTheFile() throws Exception {
    Path folder = SampleFolders.write(dir.resolve("cut"), sample());
    Path log = folder.resolve(InjectorFiles.HISTOGRAMS);
    byte[] bytes = Files.readAllBytes(log);
    Files.write(log, Arrays.copyOf(bytes, bytes.length / 2));

    InjectorFiles.InvalidFolder e =
        assertThrows(InjectorFiles.InvalidFolder.class, () -> InjectorFiles.read(folder));

    assertTrue(e.getMessage().startsWith(folder + ": histograms.hlog has "), e.getMessage());
    assertTrue(e.getMessage().contains("truncated"), e.getMessage());
  }

  @Test
  void aTruncatedReportIsRefusedNamingTheFolderAndTheFile() throws Exception {
    Path folder = SampleFolders.write(dir.resolve("cut"), sample());
    Path report = folder.resolve(InjectorFiles.REPORT);
    String text = Files.readString(report);
    Files.writeString(report, text.substring(0, text.length() / 3));

    InjectorFiles.InvalidFolder e =
        assertThrows(InjectorFiles.InvalidFolder.class, () -> InjectorFiles.read(folder));

    assertTrue(
        e.getMessage().startsWith(folder + ": injector.json is not valid JSON"), e.getMessage());
  }

  @Test
  void aHistogramLogFromAnotherRunIsRefusedEvenWhenItHasTheSameSize() throws Exception {
    SplitRuns.Split split = SplitRuns.split(3);
    Path a = SampleFolders.write(dir.resolve("a"), SampleFolders.report(split, 0, List.of()));
    Path b = SampleFolders.write(dir.resolve("b"), SampleFolders.report(split, 1, List.of()));
    // Same size, other counts: replace a's report's byte count so that only the counts differ.
    String report = Files.readString(a.resolve(InjectorFiles.REPORT));
    long bBytes = Files.size(b.resolve(InjectorFiles.HISTOGRAMS));
    long aBytes = Files.size(a.resolve(InjectorFiles.HISTOGRAMS));
    Files.copy(
        b.resolve(InjectorFiles.HISTOGRAMS),
        a.resolve(InjectorFiles.HISTOGRAMS),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.writeString(
        a.resolve(InjectorFiles.REPORT),
        report.replace("\"bytes\" : " + aBytes, "\"bytes\" : " + bBytes));

    InjectorFiles.InvalidFolder e =
        assertThrows(InjectorFiles.InvalidFolder.class, () -> InjectorFiles.read(a));

    assertTrue(e.getMessage().startsWith(a + ": injector.json says "), e.getMessage());
  }
}
