package dev.streamload.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamload.simulations.ChatStreamSimulation;
import dev.streamload.stream.FailureClass;
import dev.streamload.testing.GatlingRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gatling's HTML report after a mixed-fault run: its errors table has one row per failure class,
 * each with the count summary.json gives that class, and no other row (Gatling's own SSE rows add
 * no second copy of a failure).
 */
class ErrorsTableTest {

  @TempDir Path dir;

  @Test
  void theReportsErrorsTableHasOneRowPerFailureClassWithTheSummaryCount() throws IOException {
    Map<String, String> settings = new HashMap<>();
    settings.put("profile", "smoke");
    settings.put("smoke.users", "60");
    settings.put("timeout.firstFragment", "1s");
    settings.put("timeout.idle", "1s");
    settings.put("timeout.stream", "5s");
    settings.put("mock.ttftMs", "30");
    settings.put("mock.fragments", "5");
    settings.put("mock.gapMs", "10");
    settings.put(
        "mock.faults",
        "http_429=0.1,http_500=0.1,interrupt=0.1,connection_reset=0.05,no_done=0.1,"
            + "error_event=0.1,malformed_event=0.05,stall=0.05,wrong_content_type=0.05");

    GatlingRun.Result run = GatlingRun.run(ChatStreamSimulation.class, settings, dir, true);

    Map<String, Long> table = errorsTable(indexHtml(dir.resolve("gatling")));
    Map<String, Long> expected = new TreeMap<>();
    run.summary()
        .path("totals")
        .path("failures")
        .fields()
        .forEachRemaining(
            e -> {
              if (e.getValue().asLong() > 0) {
                expected.put(
                    FailureClass.fromWireName(e.getKey()).reportMessage(), e.getValue().asLong());
              }
            });
    assertTrue(expected.size() >= 5, "too few classes to mean anything: " + expected);
    assertEquals(expected, table);
  }

  private static String indexHtml(Path reports) throws IOException {
    try (Stream<Path> files = Files.walk(reports)) {
      Path index = files.filter(p -> p.endsWith("index.html")).findFirst().orElseThrow();
      return Files.readString(index);
    }
  }

  /** Message → count of every row in the report's errors table. */
  static Map<String, Long> errorsTable(String html) {
    Map<String, Long> rows = new TreeMap<>();
    Matcher m = ERROR_ROW.matcher(html);
    while (m.find()) {
      rows.put(unescape(m.group(1).trim()), Long.parseLong(m.group(2).trim()));
    }
    return rows;
  }

  private static final Pattern ERROR_ROW =
      Pattern.compile(
          "<td class=\"error-col-1[^\"]*\">(.*?)(?:<span[^>]*>[^<]*</span>)?\\s*</td>\\s*<td class=\"value error-col-2[^\"]*\">\\s*(\\d+)",
          Pattern.DOTALL);

  private static String unescape(String s) {
    return s.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
  }
}
