package dev.streamload.metrics;

import java.util.List;
import java.util.Locale;

/** Small inline-SVG charts for the dashboard: grouped or stacked bars and lines. */
final class Svg {

  /** One data series; {@code NaN} marks a missing value. */
  record Series(String name, String color, double[] values) {}

  private static final int LEFT = 64;
  private static final int RIGHT = 16;
  private static final int TOP = 40;
  private static final int BOTTOM = 48;

  private Svg() {}

  /** Bars per category, side by side or stacked. */
  static String bars(
      String title,
      List<String> categories,
      List<Series> series,
      String unit,
      boolean stacked,
      int width,
      int height) {
    StringBuilder sb = open(title, width, height);
    int plotTop = legend(sb, series, width);
    int n = categories.size();
    double max = 0;
    for (int c = 0; c < n; c++) {
      double sum = 0;
      for (Series s : series) {
        double v = value(s, c);
        max = stacked ? max : Math.max(max, v);
        sum += v;
      }
      if (stacked) {
        max = Math.max(max, sum);
      }
    }
    if (n == 0 || max <= 0) {
      return noData(sb, width, height);
    }
    double step = tickStep(max);
    double top = Math.ceil(max / step - 1e-9) * step;
    int plotW = width - LEFT - RIGHT;
    int plotH = height - plotTop - BOTTOM;
    yAxis(sb, plotTop, top, step, unit, width, height);
    double slot = (double) plotW / n;
    double groupW = slot * 0.8;
    double barW = stacked ? groupW : groupW / Math.max(1, series.size());
    for (int c = 0; c < n; c++) {
      double x0 = LEFT + c * slot + slot * 0.1;
      double base = 0;
      for (int s = 0; s < series.size(); s++) {
        double v = value(series.get(s), c);
        if (v <= 0) {
          continue;
        }
        double h = v / top * plotH;
        double x = stacked ? x0 : x0 + s * barW;
        double y = plotTop + plotH - (stacked ? base + h : h);
        sb.append(
            String.format(
                Locale.ROOT,
                "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\">"
                    + "<title>%s, %s: %s %s</title></rect>",
                x,
                y,
                Math.max(1, barW - 1),
                h,
                series.get(s).color(),
                esc(categories.get(c)),
                esc(series.get(s).name()),
                num(v),
                esc(unit)));
        if (stacked) {
          base += h;
        }
      }
      sb.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%.1f\" y=\"%d\" class=\"xl\">%s</text>",
              x0 + groupW / 2,
              height - BOTTOM + 16,
              esc(shorten(categories.get(c), (int) (slot / 6)))));
    }
    return close(sb);
  }

  /**
   * Lines over a numeric x axis that spans exactly the data (first to last x); a NaN breaks the
   * line.
   */
  static String lines(
      String title,
      double[] x,
      List<Series> series,
      String xUnit,
      String yUnit,
      int width,
      int height) {
    StringBuilder sb = open(title, width, height);
    int plotTop = legend(sb, series, width);
    double max = 0;
    for (Series s : series) {
      for (double v : s.values()) {
        if (!Double.isNaN(v)) {
          max = Math.max(max, v);
        }
      }
    }
    if (x.length == 0 || max <= 0) {
      return noData(sb, width, height);
    }
    double yStep = tickStep(max);
    double top = Math.ceil(max / yStep - 1e-9) * yStep;
    double xMin = x[0];
    double xMax = Math.max(x[x.length - 1], xMin + 1e-9);
    int plotW = width - LEFT - RIGHT;
    int plotH = height - plotTop - BOTTOM;
    yAxis(sb, plotTop, top, yStep, yUnit, width, height);
    double span = xMax - xMin;
    double xStep = tickStep(span);
    for (double xv = Math.ceil(xMin / xStep - 1e-9) * xStep;
        xv <= xMax + xStep * 1e-9;
        xv += xStep) {
      double px = LEFT + (xv - xMin) / span * plotW;
      sb.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%.1f\" y=\"%d\" class=\"xl\">%s</text>",
              px,
              height - BOTTOM + 16,
              num(xv)));
    }
    xLabel(sb, xUnit, width, height);
    for (Series s : series) {
      StringBuilder path = new StringBuilder();
      boolean pen = false;
      for (int i = 0; i < x.length && i < s.values().length; i++) {
        double v = s.values()[i];
        if (Double.isNaN(v)) {
          pen = false;
          continue;
        }
        double px = LEFT + (x[i] - xMin) / span * plotW;
        double py = plotTop + plotH - v / top * plotH;
        path.append(String.format(Locale.ROOT, "%s%.1f %.1f ", pen ? "L" : "M", px, py));
        pen = true;
      }
      path(sb, path, s);
    }
    return close(sb);
  }

  /**
   * Cumulative distributions on a logarithmic x axis: each series holds the values at {@code
   * percentiles} (ascending), drawn as the share of values at or below x, so a tail reads off the
   * right end. Values at or below 0 are left out (log scale).
   */
  static String cdf(
      String title,
      double[] percentiles,
      List<Series> series,
      String xUnit,
      int width,
      int height) {
    StringBuilder sb = open(title, width, height);
    int plotTop = legend(sb, series, width);
    double lo = Double.MAX_VALUE;
    double hi = 0;
    for (Series s : series) {
      for (double v : s.values()) {
        if (v > 0 && !Double.isNaN(v)) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
    }
    if (hi <= 0) {
      return noData(sb, width, height);
    }
    double logLo = Math.floor(Math.log10(lo));
    double logHi = Math.max(Math.ceil(Math.log10(hi)), logLo + 1);
    int plotW = width - LEFT - RIGHT;
    int plotH = height - plotTop - BOTTOM;
    yAxis(sb, plotTop, 100, 20, "% of values ≤ x", width, height);
    for (double decade = logLo; decade <= logHi; decade++) {
      for (int m : new int[] {1, 2, 5}) {
        double v = m * Math.pow(10, decade);
        double lv = Math.log10(v);
        if (lv > logHi + 1e-9) {
          break;
        }
        double px = LEFT + (lv - logLo) / (logHi - logLo) * plotW;
        sb.append(
            String.format(
                Locale.ROOT,
                "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" class=\"gl\"/>"
                    + "<text x=\"%.1f\" y=\"%d\" class=\"xl\">%s</text>",
                px,
                px,
                plotTop,
                plotTop + plotH,
                px,
                height - BOTTOM + 16,
                num(v)));
      }
    }
    xLabel(sb, xUnit + " (log scale)", width, height);
    for (Series s : series) {
      StringBuilder path = new StringBuilder();
      boolean pen = false;
      for (int i = 0; i < percentiles.length && i < s.values().length; i++) {
        double v = s.values()[i];
        if (!(v > 0)) {
          continue;
        }
        double px = LEFT + (Math.log10(v) - logLo) / (logHi - logLo) * plotW;
        double py = plotTop + plotH - percentiles[i] / 100 * plotH;
        path.append(String.format(Locale.ROOT, "%s%.1f %.1f ", pen ? "L" : "M", px, py));
        pen = true;
      }
      path(sb, path, s);
    }
    return close(sb);
  }

  private static void path(StringBuilder sb, StringBuilder path, Series s) {
    if (path.length() > 0) {
      sb.append(
          String.format(
              Locale.ROOT,
              "<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"1.6\"><title>%s</title>"
                  + "</path>",
              path.toString().trim(),
              s.color(),
              esc(s.name())));
    }
  }

  private static void xLabel(StringBuilder sb, String unit, int width, int height) {
    sb.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%d\" y=\"%d\" class=\"xl\">%s</text>",
            LEFT + (width - LEFT - RIGHT) / 2,
            height - 8,
            esc(unit)));
  }

  private static double value(Series s, int i) {
    if (i >= s.values().length) {
      return 0;
    }
    double v = s.values()[i];
    return Double.isNaN(v) ? 0 : v;
  }

  private static StringBuilder open(String title, int width, int height) {
    StringBuilder sb = new StringBuilder(4096);
    sb.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"%d\" height=\"%d\""
                + " viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\">",
            width,
            height,
            width,
            height,
            esc(title)));
    sb.append(
        String.format(Locale.ROOT, "<text x=\"8\" y=\"16\" class=\"t\">%s</text>", esc(title)));
    return sb;
  }

  private static String close(StringBuilder sb) {
    return sb.append("</svg>").toString();
  }

  private static String noData(StringBuilder sb, int width, int height) {
    sb.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%d\" y=\"%d\" class=\"xl\">no data</text>",
            width / 2,
            height / 2));
    return close(sb);
  }

  /** Height of one legend row. */
  private static final int LEGEND_ROW = 14;

  /**
   * Draws every series' legend entry, wrapping onto more rows when they do not fit, and returns the
   * top of the plot area below it.
   */
  private static int legend(StringBuilder sb, List<Series> series, int width) {
    double x = 8;
    int y = 24;
    for (Series s : series) {
      double entry = 22 + s.name().length() * 6.2;
      if (x > 8 && x + entry > width - RIGHT) {
        x = 8;
        y += LEGEND_ROW;
      }
      sb.append(
          String.format(
              Locale.ROOT,
              "<rect x=\"%.1f\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>"
                  + "<text x=\"%.1f\" y=\"%d\" class=\"lg\">%s</text>",
              x,
              y,
              s.color(),
              x + 13,
              y + 9,
              esc(s.name())));
      x += entry;
    }
    return TOP + (y - 24);
  }

  private static void yAxis(
      StringBuilder sb, int plotTop, double top, double step, String unit, int width, int height) {
    int plotH = height - plotTop - BOTTOM;
    int ticks = (int) Math.round(top / step);
    for (int i = 0; i <= ticks; i++) {
      double v = step * i;
      double y = plotTop + plotH - plotH * v / top;
      sb.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" class=\"gl\"/>"
                  + "<text x=\"%d\" y=\"%.1f\" class=\"yl\">%s</text>",
              LEFT,
              width - RIGHT,
              y,
              y,
              LEFT - 6,
              y + 4,
              num(v)));
    }
    sb.append(
        String.format(
            Locale.ROOT,
            "<text x=\"12\" y=\"%d\" class=\"yl\" transform=\"rotate(-90 12 %d)\""
                + " text-anchor=\"middle\">%s</text>",
            plotTop + plotH / 2,
            plotTop + plotH / 2,
            esc(unit)));
  }

  /** The smallest 1, 2, 2.5 or 5 × 10^k step that cuts {@code range} into at most 7 ticks. */
  static double tickStep(double range) {
    return niceCeiling(range / 7);
  }

  /** The smallest 1, 2, 2.5 or 5 × 10^k not below {@code v}. */
  static double niceCeiling(double v) {
    if (v <= 0) {
      return 1;
    }
    double magnitude = Math.pow(10, Math.floor(Math.log10(v)));
    for (double step : new double[] {1, 2, 2.5, 5, 10}) {
      if (step * magnitude >= v * (1 - 1e-12)) {
        return step * magnitude;
      }
    }
    return 10 * magnitude;
  }

  /** A number with at most 3 decimals, trailing zeros dropped. */
  static String num(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return "–";
    }
    String s = String.format(Locale.ROOT, "%.3f", v);
    s = s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    return s.equals("-0") ? "0" : s;
  }

  /** Escapes text for HTML and SVG. */
  static String esc(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  private static String shorten(String s, int max) {
    int limit = Math.max(4, max);
    return s.length() <= limit ? s : s.substring(0, limit - 1) + "…";
  }
}
