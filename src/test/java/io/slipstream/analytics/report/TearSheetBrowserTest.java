package io.slipstream.analytics.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.slipstream.analytics.Attribution;
import io.slipstream.analytics.Benchmark;
import io.slipstream.analytics.Ledgers;
import io.slipstream.analytics.RunAnalysis;
import io.slipstream.backtest.BacktestResult;
import io.slipstream.data.MarketData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tear sheet of the real gradient 4h run (BTC benchmark, attribution) opened in headless Chromium: no console
 * error, every interactive chart drawn with data, the PNG drawn, no "null" or "NaN" shown. The full-page screenshot is
 * kept in {@code target/browser-screenshots/tearsheet_gradient_4h.png}.
 */
class TearSheetBrowserTest {
  @Test
  void realRun_opensWithoutErrors_everyChartHoldsData(@TempDir Path dir) throws Exception {
    assumeTrue(BrowserCheck.available(), "chromium + chromium-driver not installed");
    BacktestResult r = Ledgers.gradient4h();
    MarketData md = Ledgers.gradient4hData();
    RunAnalysis a = RunAnalysis.of(r, Optional.of(Benchmark.buyAndHold("BTC", md.close(), r)),
        Optional.of(Attribution.of(r, md.close(), md.funding(), true)));
    Path page = dir.resolve("report.html");
    TearSheet.page("Backtest: gradient.json", Map.of("strategy", "gradient"), a, r).write(page);
    String html = Files.readString(page);
    String text = html.replaceAll("(?s)<script>.*?</script>", "").replaceAll("<[^>]+>", " ");
    assertThat(text).doesNotContain("null").doesNotContain("NaN").contains("Alpha (annualised)")
        .contains("Worst 5 drawdowns").contains("Top 10 contributors").contains("Bottom 10 detractors");
    try (BrowserCheck b = new BrowserCheck()) {
      BrowserCheck.PageResult res = b.open(page, BrowserCheck.screenshotDir().resolve("tearsheet_gradient_4h.png"));
      assertThat(res.consoleErrors()).isEmpty();
      assertThat(res.charts()).hasSizeGreaterThanOrEqualTo(15);
      for (Map<String, Object> c : res.charts()) {
        assertThat(c.get("drawn")).as("%s drawn", c.get("title")).isEqualTo(true);
        assertThat(((Number) c.get("points")).intValue()).as("%s points", c.get("title")).isPositive();
      }
      assertThat(res.images()).isEqualTo(1);
    }
  }
}
