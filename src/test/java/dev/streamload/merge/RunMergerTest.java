package dev.streamload.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamload.injector.InjectorReport;
import dev.streamload.injector.SampleFolders;
import dev.streamload.metrics.Injectors;
import dev.streamload.metrics.SplitRuns;
import dev.streamload.metrics.StepSummary;
import dev.streamload.metrics.SummaryJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunMergerTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private static JsonNode json(dev.streamload.metrics.RunSummary s) throws Exception {
    return JSON.readTree(SummaryJson.toJson(s));
  }

  @Test
  void threeInjectorFoldersMergeIntoWhatOneClientWouldHaveReportedForTheWholeLoad()
      throws Exception {
    SplitRuns.Split split = SplitRuns.split(3);
    List<Path> folders = SampleFolders.write(dir, split);

    Merged merged = RunMerger.merge(folders);

    JsonNode whole = json(split.whole().summary(split.plan()));
    JsonNode result = json(merged.summary());
    assertEquals(whole.get("totals"), result.get("totals"));
    assertEquals(whole.get("steps"), result.get("steps"));
    Injectors injectors = merged.summary().meta().injectors();
    assertEquals(List.of(0, 1, 2), injectors.included());
    assertTrue(injectors.complete());
    assertTrue(injectors.merged());
    assertEquals(folders, merged.folders());
  }

  @Test
  void eachStepOffersTheSumOfTheInjectorsSharesUnderTheWholePlansName() throws Exception {
    Merged merged = RunMerger.merge(SampleFolders.write(dir, SplitRuns.split(3)));

    List<StepSummary> steps = merged.summary().steps();
    for (int i = 0; i < 3; i++) {
      assertEquals(3.0 * (i + 1), steps.get(i).offeredRatePerSecond(), 1e-9);
      assertEquals("level " + (i + 1), steps.get(i).name());
    }
  }

  @Test
  void folderOrderDoesNotMatter() throws Exception {
    List<Path> folders = new ArrayList<>(SampleFolders.write(dir, SplitRuns.split(3)));
    JsonNode inOrder = json(RunMerger.merge(folders).summary());
    java.util.Collections.reverse(folders);

    JsonNode reversed = json(RunMerger.merge(folders).summary());

    assertEquals(inOrder.get("totals"), reversed.get("totals"));
    assertEquals(inOrder.get("steps"), reversed.get("steps"));
  }

  @Test
  void aMissingInjectorIsMergedWithoutAndNamedAsMissing() throws Exception {
    List<Path> folders = SampleFolders.write(dir, SplitRuns.split(3));

    Merged merged = RunMerger.merge(List.of(folders.get(0), folders.get(2)));

    Injectors injectors = merged.summary().meta().injectors();
    assertEquals(List.of(0, 2), injectors.included());
    assertEquals(List.of(1), injectors.missing());
    assertFalse(injectors.complete());
    JsonNode run = json(merged.summary()).path("run").path("injectors");
    assertEquals("[1]", run.path("missing").toString());
    assertFalse(run.path("complete").asBoolean());
  }

  @Test
  void anInjectorThatFailedIsMergedAndNamedWithItsReasons() throws Exception {
    SplitRuns.Split split = SplitRuns.split(3);
    List<Path> folders = SampleFolders.write(dir, split);
    SampleFolders.write(
        folders.get(1), SampleFolders.report(split, 1, List.of("2 stream(s) still in flight")));

    Merged merged = RunMerger.merge(folders);

    Injectors injectors = merged.summary().meta().injectors();
    assertEquals(Map.of(1, List.of("2 stream(s) still in flight")), injectors.failed());
    assertFalse(injectors.complete());
  }

  @Test
  void theSameInjectorTwiceIsRefusedNamingBothFolders() {
    List<Path> folders = SampleFolders.write(dir, SplitRuns.split(3));

    MergeException e =
        assertThrows(
            MergeException.class,
            () -> RunMerger.merge(List.of(folders.get(0), folders.get(1), folders.get(1))));

    assertTrue(e.getMessage().contains(folders.get(1) + " and " + folders.get(1)), e.getMessage());
    assertTrue(e.getMessage().contains("both injector 1"), e.getMessage());
  }

  @Test
  void aFolderOfAnotherSimulationIsRefusedNamingIt() {
    SplitRuns.Split split = SplitRuns.split(3);
    List<Path> folders = SampleFolders.write(dir, split);
    InjectorReport r = SampleFolders.report(split, 2, List.of());
    Path other =
        SampleFolders.write(
            dir.resolve("other"),
            new InjectorReport(
                "OpenAiChatSimulation",
                r.profile(),
                r.index(),
                r.count(),
                r.startAt(),
                r.startLateMs(),
                r.plan(),
                r.wholePlan(),
                r.target(),
                r.state(),
                r.problems()));

    MergeException e =
        assertThrows(
            MergeException.class,
            () -> RunMerger.merge(List.of(folders.get(0), folders.get(1), other)));

    assertTrue(e.getMessage().contains(other + " is not from the same run"), e.getMessage());
    assertTrue(e.getMessage().contains("simulation is 'OpenAiChatSimulation'"), e.getMessage());
  }

  @Test
  void aFolderWithAnotherStepPlanIsRefusedNamingIt() {
    SplitRuns.Split split = SplitRuns.split(3);
    List<Path> folders = SampleFolders.write(dir, split);
    InjectorReport r = SampleFolders.report(split, 2, List.of());
    Path other =
        SampleFolders.write(
            dir.resolve("other"),
            new InjectorReport(
                r.simulation(),
                r.profile(),
                r.index(),
                r.count(),
                r.startAt(),
                r.startLateMs(),
                SplitRuns.plan(6),
                SplitRuns.plan(2),
                r.target(),
                r.state(),
                r.problems()));

    MergeException e =
        assertThrows(
            MergeException.class,
            () -> RunMerger.merge(List.of(folders.get(0), folders.get(1), other)));

    assertTrue(e.getMessage().contains(other + " is not from the same run"), e.getMessage());
    assertTrue(e.getMessage().contains("step plan"), e.getMessage());
  }

  @Test
  void aFolderWithATruncatedFileIsRefusedNamingIt() throws Exception {
    List<Path> folders = SampleFolders.write(dir, SplitRuns.split(3));
    Path log = folders.get(2).resolve("histograms.hlog");
    Files.writeString(log, Files.readString(log).substring(0, 100));

    MergeException e = assertThrows(MergeException.class, () -> RunMerger.merge(folders));

    assertTrue(e.getMessage().contains(folders.get(2) + ": histograms.hlog"), e.getMessage());
  }

  @Test
  void aFolderThatIsNotARunFolderIsRefusedNamingIt() throws Exception {
    List<Path> folders = new ArrayList<>(SampleFolders.write(dir, SplitRuns.split(3)));
    Path empty = Files.createDirectories(dir.resolve("empty"));
    folders.add(empty);

    MergeException e = assertThrows(MergeException.class, () -> RunMerger.merge(folders));

    assertTrue(e.getMessage().contains(empty + ": injector.json is missing"), e.getMessage());
  }

  @Test
  void targetFactsAgreedOnAreKeptCountsAreSummedAndOthersListed() {
    SplitRuns.Split split = SplitRuns.split(2);
    InjectorReport a = withTarget(SampleFolders.report(split, 0, List.of()), "http://a", "2");
    InjectorReport b = withTarget(SampleFolders.report(split, 1, List.of()), "http://b", "1");

    Map<String, String> target = RunMerger.target(List.of(a, b));

    assertEquals("http://a, http://b", target.get("base_url"));
    assertEquals("3", target.get("client_sockets_open_at_end"));
    assertEquals("chat", target.get("dialect"));
  }

  private static InjectorReport withTarget(InjectorReport r, String url, String sockets) {
    return new InjectorReport(
        r.simulation(),
        r.profile(),
        r.index(),
        r.count(),
        r.startAt(),
        r.startLateMs(),
        r.plan(),
        r.wholePlan(),
        Map.of("base_url", url, "client_sockets_open_at_end", sockets, "dialect", "chat"),
        r.state(),
        r.problems());
  }
}
