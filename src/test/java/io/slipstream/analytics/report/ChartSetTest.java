package io.slipstream.analytics.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slipstream.analytics.Ledgers;
import io.slipstream.analytics.Metrics;
import io.slipstream.backtest.BacktestResult;
import io.slipstream.core.BarInterval;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartSetTest {
  @TempDir
  Path tmp;

  @Test
  void draw_sameKeyTwice_drawsOnce() {
    BacktestResult r = Ledgers.ofReturns(BarInterval.H4, 0.01, -0.02, 0.03, 0.0, 0.01);
    ChartSet charts = ChartSet.inline(r);
    AtomicInteger calls = new AtomicInteger();
    var a = charts.draw("k", () -> {
      calls.incrementAndGet();
      return new BufferedImage(4, 3, BufferedImage.TYPE_INT_RGB);
    });
    var b = charts.draw("k", () -> {
      calls.incrementAndGet();
      return new BufferedImage(4, 3, BufferedImage.TYPE_INT_RGB);
    });
    assertThat(b).isSameAs(a);
    assertThat(calls).hasValue(1);
    assertThat(a.join().png()).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
  }

  @Test
  void reportAndEquityPng_onAPool_sameBytesAsInline_eachChartDrawnOnce() throws Exception {
    BacktestResult r = Ledgers.ofReturns(BarInterval.H4, 0.01, -0.02, 0.03, 0.0, 0.01, -0.005, 0.002, 0.004);
    Metrics m = Metrics.of(r);
    Path inlineHtml = tmp.resolve("inline.html");
    Path inlinePng = tmp.resolve("inline.png");
    HtmlReport.write(inlineHtml, "t", Map.of("a", "1"), m, r);
    Charts.writeEquityPng(inlinePng, r);

    ExecutorService pool = Executors.newFixedThreadPool(2);
    AtomicInteger draws = new AtomicInteger();
    try {
      ChartSet charts = new ChartSet(r, task -> {
        draws.incrementAndGet();
        pool.execute(task);
      });
      HtmlPage page = HtmlReport.page("t", Map.of("a", "1"), m, charts);
      int tearSheetCharts = draws.get();
      Path png = tmp.resolve("pooled.png");
      Charts.writeEquityPng(png, charts);
      Path html = tmp.resolve("pooled.html");
      page.write(html);
      assertThat(draws.get()).as("equity.png reuses the tear sheet's charts").isEqualTo(tearSheetCharts);
      assertThat(Files.readString(html)).isEqualTo(Files.readString(inlineHtml));
      assertThat(Files.readAllBytes(png)).isEqualTo(Files.readAllBytes(inlinePng));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void render_failedChart_throwsItsCause() {
    BacktestResult r = Ledgers.ofReturns(BarInterval.H4, 0.01, -0.02);
    ChartSet charts = ChartSet.inline(r);
    HtmlPage page = new HtmlPage("t").image("x", charts.draw("boom", () -> {
      throw new IllegalStateException("no chart");
    }));
    assertThatThrownBy(page::render).isInstanceOf(CompletionException.class)
        .hasRootCauseInstanceOf(IllegalStateException.class);
  }
}
