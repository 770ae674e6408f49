package io.slipstream.analytics.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slipstream.analytics.Ledgers;
import io.slipstream.analytics.Metrics;
import io.slipstream.backtest.BacktestResult;
import io.slipstream.core.BarInterval;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Chart builders: argument checks, degenerate ledgers, and pixel checks of the heat map's empty cells. */
class ChartsTest {
  private static final int EMPTY_GREY = Charts.EMPTY_CELL.getRGB() & 0xFFFFFF;

  private static boolean hasColour(BufferedImage img, int rgb) {
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        if ((img.getRGB(x, y) & 0xFFFFFF) == rgb) {
          return true;
        }
      }
    }
    return false;
  }

  @Test
  void heatmap_nanCellsAreGrey_fullGridHasNoGrey() {
    List<String> xs = List.of("10", "20", "35");
    List<String> ys = List.of("12", "24");

    BufferedImage withHole = Charts.heatmap("Sharpe", "pct", xs, "span", ys,
        new double[][] {{0.5, Double.NaN, -0.3}, {1.5, 2.1, 0.2}}, "Sharpe");
    BufferedImage full = Charts.heatmap("Sharpe", "pct", xs, "span", ys,
        new double[][] {{0.5, 1.0, -0.3}, {1.5, 2.1, 0.2}}, "Sharpe");

    assertThat(hasColour(withHole, EMPTY_GREY)).isTrue();
    assertThat(hasColour(full, EMPTY_GREY)).isFalse();
    assertThat(full.getWidth()).isGreaterThanOrEqualTo(500);
  }

  @Test
  void heatmap_allNaNOrConstant_stillRenders() {
    BufferedImage empty = Charts.heatmap("t", "x", List.of("a"), "y", List.of("b"),
        new double[][] {{Double.NaN}}, "z");
    BufferedImage constant = Charts.heatmap("t", "x", List.of("a", "b"), "y", List.of("c"),
        new double[][] {{1.0, 1.0}}, "z");

    assertThat(empty.getHeight()).isPositive();
    assertThat(constant.getHeight()).isPositive();
  }

  @Test
  void heatmap_shapeMismatch_throwsWithBothShapes() {
    assertThatThrownBy(() -> Charts.heatmap("t", "x", List.of("a", "b"), "y", List.of("c"),
        new double[][] {{1.0, 2.0}, {3.0, 4.0}}, "z")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1 rows").hasMessageContaining("was 2");
    assertThatThrownBy(() -> Charts.heatmap("t", "x", List.of("a", "b"), "y", List.of("c"),
        new double[][] {{1.0}}, "z")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("row 0").hasMessageContaining("2 columns");
    assertThatThrownBy(() -> Charts.heatmap("t", "x", List.of(), "y", List.of("c"), new double[][] {{}}, "z"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("xTicks");
  }

  @Test
  void scatter_skipsNaNPairs_rejectsMismatchAndEmpty() {
    BufferedImage img = Charts.scatter("IS vs OOS", "in-sample", new double[] {1, 2, Double.NaN, 0.5},
        "out-of-sample", new double[] {0.5, Double.NaN, 1, 0.2}, true);

    assertThat(img.getWidth()).isEqualTo(700);
    assertThatThrownBy(() -> Charts.scatter("t", "x", new double[2], "y", new double[3], false))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("y");
    assertThatThrownBy(() -> Charts.scatter("t", "x", new double[] {Double.NaN}, "y", new double[] {1}, false))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("finite pair");
  }

  @Test
  void ledgerCharts_tinyLedgers_renderWithoutWarmUpData() {
    BacktestResult one = Ledgers.ofReturns(BarInterval.H4, 0.01);
    BacktestResult flat = Ledgers.ofReturns(BarInterval.H1, 0, 0, 0);
    for (BacktestResult r : List.of(one, flat)) {
      Metrics m = Metrics.of(r);
      List<BufferedImage> charts = List.of(Charts.equity(r, false), Charts.equity(r, true), Charts.drawdown(r),
          Charts.rollingSharpe(r, 30), Charts.rollingVolatility(r, 30), Charts.returnDistribution(r, m),
          Charts.weeklyTurnover(r), Charts.weeklyCosts(r), Charts.costBreakdown(r), Charts.exposure(r));
      assertThat(charts).allMatch(c -> c.getWidth() == 1100 && c.getHeight() > 200);
    }
  }

  @Test
  void rollingSharpe_nonPositiveDays_throws() {
    BacktestResult r = Ledgers.ofReturns(BarInterval.H4, 0.01, 0.02);

    assertThatThrownBy(() -> Charts.rollingSharpe(r, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("days");
  }
}
