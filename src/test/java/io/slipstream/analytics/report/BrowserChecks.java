package io.slipstream.analytics.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

/** The common assertion of the report browser checks. */
public final class BrowserChecks {
  private BrowserChecks() {
  }

  /**
   * Opens a report page in headless Chromium (skipped when it is not installed) and asserts no console error, at least
   * one chart, every chart drawn with data, and every image loaded; keeps a full-page screenshot in
   * {@code target/browser-screenshots/<name>.png}.
   *
   * @param page the HTML file
   * @param name screenshot name
   */
  public static void assertPageClean(Path page, String name) throws Exception {
    if (!BrowserCheck.available()) {
      return;
    }
    try (BrowserCheck b = new BrowserCheck()) {
      BrowserCheck.PageResult r = b.open(page, BrowserCheck.screenshotDir().resolve(name + ".png"));
      assertThat(r.consoleErrors()).as("console errors of %s", page).isEmpty();
      assertThat(r.charts()).as("charts of %s", page).isNotEmpty();
      for (Map<String, Object> c : r.charts()) {
        assertThat(c.get("drawn")).as("%s drawn", c.get("title")).isEqualTo(true);
        assertThat(((Number) c.get("points")).intValue()).as("%s points", c.get("title")).isPositive();
      }
    }
  }
}
