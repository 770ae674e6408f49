package io.slipstream.analytics.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.slipstream.analytics.Ledgers;
import io.slipstream.analytics.Metrics;
import io.slipstream.backtest.BacktestResult;
import io.slipstream.core.BarInterval;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tear sheet of the real gradient 4h run and of degenerate ledgers. */
class TearSheetTest {
  private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};

  private static int pngs(String html) {
    Matcher img = Pattern.compile("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"").matcher(html);
    int n = 0;
    while (img.find()) {
      assertThat(Arrays.copyOf(Base64.getDecoder().decode(img.group(1)), 8)).containsExactly(PNG_MAGIC);
      n++;
    }
    return n;
  }

  /** Asserts that the parts occur in this order (AssertJ's containsSubsequence is very slow on 500 kB strings). */
  private static void assertInOrder(String html, String... parts) {
    int from = 0;
    for (String p : parts) {
      int i = html.indexOf(p, from);
      assertThat(i).as("'%s' after position %d", p, from).isNotNegative();
      from = i + p.length();
    }
  }

  @Test
  void write_realGradient4h_selfContainedWithAllSections(@TempDir Path tmp) throws IOException {
    BacktestResult r = Ledgers.gradient4h();
    Metrics m = Metrics.of(r);
    Map<String, String> params = new LinkedHashMap<>();
    params.put("strategy", "gradient");
    params.put("note", "<b>bold</b>");
    Path f = tmp.resolve("report.html");

    TearSheet.write(f, "Backtest: gradient.json", params, m, r);

    String html = Files.readString(f);
    String page = html.replaceAll("(?s)<script>.*?</script>", "");
    assertThat(page).doesNotContain("http:").doesNotContain("https:").doesNotContain("//cdn")
        .doesNotContainPattern("(?i)<link").doesNotContainPattern("(?i)<img(?![^>]*src=\"data:)[^>]*>");
    assertThat(html).doesNotContainPattern("(?i)<script[^>]+src=");
    assertThat(pngs(html)).isEqualTo(1);
    assertThat(html.split("class=\"ss-chart\"", -1).length - 1).isEqualTo(10);
    assertInOrder(html, "<h3>Returns</h3>", "<h3>Risk</h3>", "<h3>Trading and costs</h3>", "<h3>Exposure</h3>",
        "<h2>Ratios per bar and per day</h2>", "<h2>Parameters</h2>", "<h2>Equity</h2>", "<h2>Drawdown</h2>",
        "<h3>Worst 5 drawdowns</h3>", "<h2>Yearly and monthly returns</h2>", "<h2>Rolling statistics</h2>",
        "<h2>Return distribution</h2>", "<h2>Turnover and costs</h2>", "<h2>Exposure</h2>");
    assertThat(html).contains("&lt;b&gt;bold&lt;/b&gt;").doesNotContain("<b>bold</b>");
    // values of the pandas reference (MetricsReferenceTest), as formatted
    assertThat(html).contains("<td>Sharpe (annualised)</td><td class=\"neg\">-1.74</td>")
        .contains("<td>Max drawdown duration</td><td>572.3 days</td>")
        .contains("<td>Max drawdown recovery</td><td>not recovered</td>")
        .contains("<td>Skew</td><td>0.43</td>")
        .contains("<td>Excess kurtosis</td><td>5.53</td>")
        .contains("<td>VaR 95% (normal)</td><td class=\"neg\">-0.555%</td>")
        .contains("<td>Tail ratio (q95 / q5)</td><td>0.99</td>")
        .contains("<td>Profit factor</td><td>0.901</td>")
        .contains("<td>Max drawdown peak</td><td>2023-12-31 20:00</td>");
    // monthly table: 2024 row ends with the compounded year -32.08%; June 2023 = -5.19%
    assertInOrder(html, "<th>2023</th><td></td><td></td><td></td><td></td><td></td>", "-5.2%</td>",
        "<th>2024</th>", "-32.1%</td></tr>", "<th>2025</th>");
    assertThat(page.length()).isLessThan(3_000_000);
  }

  @Test
  void htmlReport_rendersTheTearSheet() {
    BacktestResult r = Ledgers.ofReturns(BarInterval.H4, 0.01, -0.02, 0.015, 0.0, -0.005);
    Metrics m = Metrics.of(r);

    assertThat(HtmlReport.render("t", Map.of("k", "v"), m, r)).isEqualTo(TearSheet.render("t", Map.of("k", "v"), m, r));
  }

  @Test
  void render_singleBarLedger_undefinedMetricsShownAsNa() {
    BacktestResult r = Ledgers.ofReturns(BarInterval.D1, 0.01);

    String html = TearSheet.render("one bar", Map.of(), Metrics.of(r), r);

    assertThat(pngs(html)).isEqualTo(1);
    assertThat(html).contains("<td>Sharpe (annualised)</td><td>n/a</td><td>n/a</td>")
        .contains("<td>Skew</td><td>n/a</td><td>n/a</td>")
        .contains("<td>Max drawdown recovery</td><td>n/a</td>");
  }
}
