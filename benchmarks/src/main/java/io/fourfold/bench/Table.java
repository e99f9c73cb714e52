package io.fourfold.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/** A printed table of results: one row per configuration, columns aligned. */
final class Table {

  private final String title;
  private final List<String> headers;
  private final List<List<String>> rows = new ArrayList<>();

  Table(String title, String... headers) {
    this.title = title;
    this.headers = List.of(headers);
  }

  void row(Object... cells) {
    List<String> row = new ArrayList<>();
    for (Object cell : cells) {
      row.add(String.valueOf(cell));
    }
    rows.add(row);
  }

  void print() {
    int[] widths = new int[headers.size()];
    for (int c = 0; c < widths.length; c++) {
      widths[c] = headers.get(c).length();
      for (List<String> row : rows) {
        widths[c] = Math.max(widths[c], row.get(c).length());
      }
    }
    StringBuilder out = new StringBuilder("\n").append(title).append('\n');
    line(out, headers, widths);
    StringBuilder rule = new StringBuilder("|");
    for (int width : widths) {
      rule.append("-".repeat(width + 2)).append('|');
    }
    out.append(rule).append('\n');
    rows.forEach(row -> line(out, row, widths));
    System.out.print(out);
    System.out.flush();
  }

  private static void line(StringBuilder out, List<String> cells, int[] widths) {
    out.append('|');
    for (int c = 0; c < widths.length; c++) {
      String cell = cells.get(c);
      out.append(' ').append(cell).append(" ".repeat(widths[c] - cell.length())).append(" |");
    }
    out.append('\n');
  }

  static String rate(double perSecond) {
    return String.format(Locale.ROOT, "%,.0f", perSecond);
  }

  static String ratio(double value, double baseline) {
    return baseline <= 0 ? "-" : String.format(Locale.ROOT, "%.2f×", value / baseline);
  }

  /** A recorded value (nanoseconds) at a percentile, in milliseconds. */
  static String ms(Histogram histogram, double percentile) {
    if (histogram.getTotalCount() == 0) {
      return "-";
    }
    return String.format(
        Locale.ROOT, "%.2f", histogram.getValueAtPercentile(percentile) / 1_000_000.0);
  }

  /** A histogram several threads may record into: 1 µs to 60 s, three significant digits. */
  static Histogram histogram() {
    return new ConcurrentHistogram(1_000L, 60_000_000_000L, 3);
  }
}
