package io.slipstream.analytics.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InteractiveChartsTest {
  private static final long DAY = 86_400_000L;

  @Test
  void library_inlinesEcharts_noExternalUrl() {
    String lib = InteractiveCharts.library();
    assertThat(lib.length()).isGreaterThan(500_000);
    assertThat(lib).contains("ssChart").doesNotContainPattern("(?i)<script[^>]+src=");
  }

  @Test
  void html_nanBecomesNull_countsSeriesWithData_escapesTitle() {
    String html = InteractiveCharts.timeChart("a <b> & 'c'", "NAV", InteractiveCharts.Format.PERCENT)
        .line("s1", new long[] {0, DAY, 2 * DAY}, new double[] {1, Double.NaN, 0.5})
        .line("empty", new long[] {0}, new double[] {Double.NaN}).html();
    assertThat(html).contains("data-series=\"1\"").contains("[86400000,null]").contains("'percent'")
        .contains("data-title=\"a &lt;b&gt; &amp; &#39;c&#39;\"").contains("\"useUTC\":true");
  }

  @Test
  void heatmap_isCentredAtZero_evenWhenAllNegative() {
    InteractiveCharts.Chart c = InteractiveCharts.heatmap("IS Sharpe", "x", List.of("a", "b"), "y", List.of("r"),
        new double[][] {{-0.5, -2.0}}, InteractiveCharts.Format.NUMBER);
    assertThat(c.html()).contains("\"min\":-2.0,\"max\":2.0").contains("#d73027");
    assertThat(c.seriesWithData()).isEqualTo(1);
  }

  @Test
  void badShapes_areErrorsNamingTheArgument() {
    assertThatThrownBy(() -> InteractiveCharts.timeChart("t", "", InteractiveCharts.Format.NUMBER)
        .line("s", new long[] {1, 2}, new double[] {1})).hasMessageContaining("values");
    assertThatThrownBy(() -> InteractiveCharts.heatmap("t", "x", List.of("a"), "y", List.of("r", "s"),
        new double[][] {{1}}, InteractiveCharts.Format.NUMBER)).hasMessageContaining("'z'");
    assertThatThrownBy(() -> InteractiveCharts.categoryChart("t", List.of("a"), "", InteractiveCharts.Format.NUMBER)
        .line("s", new long[] {1}, new double[] {1})).hasMessageContaining("category");
    assertThatThrownBy(() -> InteractiveCharts.timeChart("t", "", InteractiveCharts.Format.NUMBER).html())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void browser_everyKindOfChartDraws_noConsoleErrors(@TempDir Path dir) throws Exception {
    assumeTrue(BrowserCheck.available(), "chromium + chromium-driver not installed");
    long[] t = new long[400];
    double[] a = new double[400];
    double[] b = new double[400];
    for (int i = 0; i < t.length; i++) {
      t[i] = 1_685_577_600_000L + i * DAY;
      a[i] = 1 + 0.1 * Math.sin(i / 20.0);
      b[i] = i % 50 == 0 ? Double.NaN : 1 + i / 1000.0;
    }
    HtmlPage p = new HtmlPage("charts")
        .chart(InteractiveCharts.timeChart("Equity", "NAV", InteractiveCharts.Format.NUMBER).line("a", t, a)
            .line("b", t, b).logScale().verticalLines(new long[] {t[100], t[200]}, List.of("w1", "w2")))
        .chart(InteractiveCharts.categoryChart("Yearly", List.of("2023", "2024"), "return",
            InteractiveCharts.Format.PERCENT).bars("strategy", new double[] {0.1, -0.2}).bars("BTC",
                new double[] {0.5, Double.NaN}))
        .chart(InteractiveCharts.heatmap("Sharpe", "x", List.of("1", "2"), "y", List.of("a", "b"),
            new double[][] {{1, -1}, {Double.NaN, 0.3}}, InteractiveCharts.Format.NUMBER))
        .chart(InteractiveCharts.timeChart("Daily", "", InteractiveCharts.Format.BPS).bars("d", t, a));
    Path page = dir.resolve("charts.html");
    p.write(page);
    try (BrowserCheck b1 = new BrowserCheck()) {
      Path shot = BrowserCheck.screenshotDir().resolve("interactive_charts.png");
      BrowserCheck.PageResult r = b1.open(page, shot);
      assertThat(r.consoleErrors()).isEmpty();
      assertThat(r.charts()).hasSize(4);
      for (Map<String, Object> c : r.charts()) {
        assertThat(c.get("drawn")).as("%s drawn", c.get("title")).isEqualTo(true);
        assertThat(((Number) c.get("points")).intValue()).as("%s points", c.get("title")).isPositive();
      }
      assertThat(Files.size(shot)).isPositive();
    }
  }
}
