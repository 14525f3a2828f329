package dev.streamload.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders the dashboard of a sample run in a real browser (headless Chromium, through {@code
 * tools/screenshot.sh}) and checks that the page drew its charts; skipped when Chromium is not
 * installed (.ci/run installs it).
 */
class DashboardScreenshotTest {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final int WIDTH = 1300;
  static final int HEIGHT = 1600;

  /** A chart-filled page has many colours; a blank or unstyled page has a handful. */
  static final int MIN_COLOURS = 200;

  /** The longest the browser may take for one page on a busy machine. */
  static final long BROWSER_TIMEOUT_S = 120;

  @Test
  void theDashboardRendersItsChartsInHeadlessChromium(@TempDir Path dir)
      throws IOException, InterruptedException {
    assumeTrue(Files.isExecutable(CHROMIUM), "Chromium is not installed");
    Path page = dir.resolve("dashboard.html");
    DashboardWriter.write(SampleRuns.rampWithFailures(), page);
    Path png = dir.resolve("dashboard.png");

    Process p =
        new ProcessBuilder(
                "bash",
                "tools/screenshot.sh",
                page.toString(),
                png.toString(),
                Integer.toString(WIDTH),
                Integer.toString(HEIGHT))
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("chromium.log").toFile())
            .start();
    assertTrue(p.waitFor(BROWSER_TIMEOUT_S, TimeUnit.SECONDS), "Chromium did not finish");
    assertEquals(0, p.exitValue(), Files.readString(dir.resolve("chromium.log")));

    BufferedImage image = ImageIO.read(png.toFile());
    assertEquals(WIDTH, image.getWidth());
    assertEquals(HEIGHT, image.getHeight());
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y += 3) {
      for (int x = 0; x < image.getWidth(); x += 3) {
        colours.add(image.getRGB(x, y));
      }
    }
    assertTrue(colours.size() >= MIN_COLOURS, colours.size() + " colours: a blank page?");
  }
}
