package io.slipstream.analytics.report;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Opens HTML pages in Debian's headless Chromium through {@code /usr/bin/chromedriver} (no Selenium Manager
 * download) and reports what a reader would see: console errors, and for every interactive chart
 * ({@code div.ss-chart}) whether ECharts drew it and how many data points its series hold. One browser per instance;
 * close it after use.
 */
public final class BrowserCheck implements AutoCloseable {
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private final ChromeDriver driver;

  /** @return whether Chromium and its driver are installed (CI installs them; see .ci/run) */
  public static boolean available() {
    return Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM);
  }

  /** @return {@code target/browser-screenshots/}, created if needed (screenshots are kept for a human to look at) */
  public static Path screenshotDir() throws java.io.IOException {
    return Files.createDirectories(Path.of("target", "browser-screenshots"));
  }

  public BrowserCheck() {
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
    ChromeOptions o = new ChromeOptions();
    o.setBinary(CHROMIUM.toFile());
    o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--window-size=1250,1000", "--allow-file-access-from-files");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    o.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
    driver = new ChromeDriver(service, o);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
  }

  /** What one page showed. */
  public record PageResult(List<String> consoleErrors, List<Map<String, Object>> charts, int images) {
  }

  /**
   * Loads a page and inspects it.
   *
   * @param page the HTML file
   * @param screenshot where to write a full-page PNG screenshot, or null
   * @return console messages at SEVERE level, and per chart: {@code title}, {@code drawn} (an ECharts instance with
   *     a canvas), {@code points} (data points over all series), {@code declared} ({@code data-series})
   */
  @SuppressWarnings("unchecked")
  public PageResult open(Path page, Path screenshot) throws Exception {
    driver.get(page.toUri().toString());
    JavascriptExecutor js = driver;
    List<Map<String, Object>> charts = (List<Map<String, Object>>) js.executeScript(
        "return Array.from(document.querySelectorAll('div.ss-chart')).map(function(el){"
            + "var c=window.echarts&&echarts.getInstanceByDom(el);var pts=0;"
            + "if(c){(c.getOption().series||[]).forEach(function(s){(s.data||[]).forEach(function(d){"
            + "var v=Array.isArray(d)?d[d.length-1]:d;if(v!==null&&v!==undefined&&!isNaN(v))pts++;});});}"
            + "return {title:el.getAttribute('data-title'),drawn:!!c&&!!el.querySelector('canvas'),points:pts,"
            + "declared:+el.getAttribute('data-series')};});");
    Number images = (Number) js.executeScript(
        "return Array.from(document.images).filter(function(i){return i.complete&&i.naturalWidth>0;}).length;");
    List<String> errors = new ArrayList<>();
    for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
      if (e.getLevel().intValue() >= Level.SEVERE.intValue()) {
        errors.add(e.getMessage());
      }
    }
    if (screenshot != null) {
      Number h = (Number) js.executeScript("return document.body.scrollHeight;");
      driver.manage().window().setSize(new org.openqa.selenium.Dimension(1250, Math.min(16000,
          h.intValue() + 40)));
      Files.write(screenshot, driver.getScreenshotAs(OutputType.BYTES));
      driver.manage().window().setSize(new org.openqa.selenium.Dimension(1250, 1000));
    }
    return new PageResult(errors, charts, images.intValue());
  }

  @Override
  public void close() {
    driver.quit();
  }
}
