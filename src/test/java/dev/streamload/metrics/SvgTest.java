package dev.streamload.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SvgTest {

  private static final Pattern X_LABEL = Pattern.compile("class=\"xl\">([0-9.]+)</text>");

  private static List<Double> xTicks(String svg) {
    List<Double> ticks = new ArrayList<>();
    Matcher m = X_LABEL.matcher(svg);
    while (m.find()) {
      ticks.add(Double.parseDouble(m.group(1)));
    }
    return ticks;
  }

  @Test
  void aLineChartsTimeAxisEndsAtTheLastDataPointNotAtTheNextRoundNumber() {
    double[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
    double[] y = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
    String svg = Svg.lines("t", x, List.of(new Svg.Series("a", "#000", y)), "s", "ms", 640, 280);

    List<Double> ticks = xTicks(svg);
    assertTrue(ticks.get(0) >= 1, ticks.toString());
    assertTrue(ticks.get(ticks.size() - 1) <= 11, ticks.toString());
  }

  @Test
  void everySeriesGetsALegendEntryEvenWhenTheyNeedSeveralRows() {
    List<Svg.Series> series = new ArrayList<>();
    for (int i = 0; i < 21; i++) {
      series.add(new Svg.Series("failure_class_" + i, "#123456", new double[] {i + 1}));
    }
    String svg = Svg.bars("t", List.of("step"), series, "streams", true, 640, 280);

    for (int i = 0; i < 21; i++) {
      assertTrue(svg.contains(">failure_class_" + i + "</text>"), "legend lacks class " + i);
    }
  }

  @Test
  void aCdfPutsEachPercentileAtItsHeightOnALogAxis() {
    double[] percentiles = {0, 50, 100};
    String svg =
        Svg.cdf(
            "t",
            percentiles,
            List.of(new Svg.Series("a", "#000", new double[] {10, 100, 1000})),
            "ms",
            640,
            280);

    Matcher path =
        Pattern.compile(
                "<path d=\"M([0-9.]+) ([0-9.]+) L([0-9.]+) ([0-9.]+) L([0-9.]+) ([0-9.]+)\"")
            .matcher(svg);
    assertTrue(path.find(), svg);
    double x0 = Double.parseDouble(path.group(1));
    double x1 = Double.parseDouble(path.group(3));
    double x2 = Double.parseDouble(path.group(5));
    assertEquals(x1 - x0, x2 - x1, 0.2, "equal steps on a log axis for 10, 100, 1000");
    assertTrue(
        Double.parseDouble(path.group(2)) > Double.parseDouble(path.group(6)), "0 % below 100 %");
  }
}
