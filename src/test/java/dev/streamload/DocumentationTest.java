package dev.streamload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamload.api.Presets;
import dev.streamload.config.PropertyNames;
import dev.streamload.metrics.RunOrigin;
import dev.streamload.mock.Fault;
import dev.streamload.mock.MockCounters;
import dev.streamload.run.RunResources;
import dev.streamload.stream.Termination;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README and docs/metrics.md describe what the code writes: each table below a heading names
 * exactly the values the code has, no fewer and no more.
 */
class DocumentationTest {

  private static final Path README = Path.of("README.md");
  private static final Path METRICS = Path.of("docs/metrics.md");
  private static final Pattern CODE = Pattern.compile("`([^`]+)`");

  /** The `names` in the first column of the first table after {@code heading}. */
  static Set<String> firstColumn(Path doc, String heading) throws IOException {
    List<String> lines = Files.readAllLines(doc, StandardCharsets.UTF_8);
    int at = lines.indexOf(heading);
    if (at < 0) {
      throw new AssertionError(doc + " has no heading '" + heading + "'");
    }
    Set<String> names = new TreeSet<>();
    boolean inTable = false;
    for (String line : lines.subList(at + 1, lines.size())) {
      if (line.startsWith("|")) {
        inTable = true;
        String first = line.split("\\|")[1];
        Matcher m = CODE.matcher(first);
        while (m.find()) {
          names.add(m.group(1));
        }
      } else if (inTable) {
        break;
      }
    }
    return names;
  }

  @Test
  void everyTerminationHasARowInTheMetricsDocAndNoOtherTerminationDoes() throws IOException {
    Set<String> inCode =
        Arrays.stream(Termination.values())
            .map(Termination::wireName)
            .collect(Collectors.toCollection(TreeSet::new));

    assertEquals(inCode, firstColumn(METRICS, "### Terminations"));
  }

  @Test
  void everyFieldOfMockJsonIsDocumented() throws IOException {
    Set<String> inCode = new TreeSet<>(new MockCounters().snapshot().keySet());

    assertEquals(inCode, firstColumn(METRICS, "## `mock.json`"));
  }

  @Test
  void everyFieldOfResourcesJsonIsDocumented(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("resources.json");
    RunResources resources = new RunResources(RunOrigin.at(System.nanoTime()), Duration.ZERO);
    resources.start();
    resources.write(file);
    Set<String> inCode = new TreeSet<>();
    for (Iterator<String> it = new ObjectMapper().readTree(file.toFile()).fieldNames();
        it.hasNext(); ) {
      inCode.add(it.next());
    }

    assertEquals(inCode, firstColumn(METRICS, "## `resources.json`"));
  }

  /** The README's tables of properties. */
  static final List<String> PROPERTY_TABLES =
      List.of(
          "### Target and API shape",
          "### Prompts",
          "### Reading the stream",
          "### Judging the answer",
          "### Load and objectives",
          "### Several injectors",
          "### Embedded mock",
          "### WebSocket properties");

  @Test
  void theReadmesPropertyTablesNameExactlyThePropertiesStreamloadKnows() throws IOException {
    Set<String> documented = new TreeSet<>();
    for (String heading : PROPERTY_TABLES) {
      for (String name : firstColumn(README, heading)) {
        if (!name.contains("<")) {
          documented.add(name);
        } else {
          String family = name.substring(0, name.indexOf('<'));
          assertTrue(
              PropertyNames.PREFIXES.contains(family),
              name + " is not a family PropertyNames knows");
        }
      }
    }

    assertEquals(new TreeSet<>(PropertyNames.KNOWN), documented);
  }

  @Test
  void everyBuiltInPresetHasARowInTheReadmeWithAWorkedCommand() throws IOException {
    assertEquals(new TreeSet<>(Presets.BUILT_IN), firstColumn(README, "## Presets"));
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    for (String preset : Presets.BUILT_IN) {
      assertTrue(
          readme.contains("mvn gatling:test -Dpreset=" + preset + " "),
          "no worked command for preset " + preset);
    }
  }

  @Test
  void theReadmeTableOfMockFaultsNamesEveryFaultTheMockKnows() throws IOException {
    Set<String> inCode = new TreeSet<>();
    for (Fault fault : Fault.values()) {
      inCode.add(fault.wireName());
    }

    assertEquals(inCode, firstColumn(README, "## The mock on its own"));
  }
}
