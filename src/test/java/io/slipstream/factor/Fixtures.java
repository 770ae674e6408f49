package io.slipstream.factor;

import io.slipstream.core.BarInterval;
import io.slipstream.data.MarketData;
import io.slipstream.data.Panel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Test fixtures: CSV resources written by tools/pca_reference.py and tools/cov_reference.py, and panel builders. */
final class Fixtures {
  private Fixtures() {
  }

  static List<String> lines(String resource) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/factor/" + resource)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource factor/" + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A numeric matrix with a header row of names: returns the names and the row-major values. */
  record Matrix(List<String> names, int rows, int cols, double[] values) {
  }

  static Matrix matrixWithHeader(String resource) {
    List<String> ls = lines(resource);
    List<String> names = List.of(ls.get(0).split(","));
    return numeric(names, ls.subList(1, ls.size()));
  }

  static Matrix matrixNoHeader(String resource) {
    List<String> ls = lines(resource);
    int cols = ls.get(0).split(",").length;
    List<String> names = new ArrayList<>();
    for (int k = 0; k < cols; k++) {
      names.add("C" + k);
    }
    return numeric(names, ls);
  }

  private static Matrix numeric(List<String> names, List<String> rows) {
    int cols = names.size();
    double[] v = new double[rows.size() * cols];
    for (int t = 0; t < rows.size(); t++) {
      String[] f = rows.get(t).split(",");
      for (int k = 0; k < cols; k++) {
        v[t * cols + k] = num(f[k]);
      }
    }
    return new Matrix(names, rows.size(), cols, v);
  }

  /** Parses a Python repr of a double ({@code nan}, {@code inf} included). */
  static double num(String s) {
    return switch (s.trim()) {
      case "nan" -> Double.NaN;
      case "inf" -> Double.POSITIVE_INFINITY;
      case "-inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(s);
    };
  }

  static double[] parseList(String s, String sep) {
    return Arrays.stream(s.split(sep)).mapToDouble(Fixtures::num).toArray();
  }

  /** Market data with open = high = low = close and zero funding. Arrays are column-major. */
  static MarketData marketData(BarInterval interval, long firstOpenMs, int rows, List<String> coins, double[] close,
      double[] volume) {
    Panel c = Panel.of(interval, firstOpenMs, rows, coins, close);
    Panel v = Panel.of(interval, firstOpenMs, rows, coins, volume);
    Panel f = Panel.of(interval, firstOpenMs, rows, coins, new double[close.length]);
    return new MarketData(c, c, c, c, v, f);
  }

  /** The synthetic panel of tools/pca_reference.py (pipeline_input.csv). */
  static MarketData pipelineInput() {
    List<String> ls = lines("pipeline_input.csv");
    String head = ls.get(0);
    long first = Long.parseLong(head.replaceAll(".*first_open_ms=(\\d+).*", "$1"));
    int rows = Integer.parseInt(head.replaceAll(".*rows=(\\d+).*", "$1"));
    List<String> coins = new ArrayList<>();
    for (String l : ls.subList(2, ls.size())) {
      String coin = l.split(",")[1];
      if (!coins.contains(coin)) {
        coins.add(coin);
      }
    }
    double[] close = new double[rows * coins.size()];
    double[] volume = new double[rows * coins.size()];
    for (String l : ls.subList(2, ls.size())) {
      String[] f = l.split(",");
      int t = Integer.parseInt(f[0]);
      int c = coins.indexOf(f[1]);
      close[c * rows + t] = num(f[2]);
      volume[c * rows + t] = num(f[3]);
    }
    return marketData(BarInterval.H4, first, rows, coins, close, volume);
  }
}
