package io.slipstream.analytics.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlPageTest {
  private static final String EVIL = "<script>alert('x')</script> & \"q\"";

  @Test
  void escape_allFiveSpecialCharacters() {
    assertThat(HtmlPage.escape("<a href=\"x\">Tom & Jerry's</a>"))
        .isEqualTo("&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;");
    assertThat(HtmlPage.escape("plain")).isEqualTo("plain");
  }

  @Test
  void render_everyTextIsEscaped_noMarkupInjected() {
    Map<String, String> kv = new LinkedHashMap<>();
    kv.put(EVIL, EVIL);
    String html = new HtmlPage(EVIL).heading(EVIL).subheading(EVIL).paragraph(EVIL).note(EVIL).keyValueTable(kv)
        .keyValueTables(Map.of(EVIL, kv)).table(List.of(EVIL), List.of(List.of(EVIL)))
        .heatTable(EVIL, List.of(EVIL), List.of(EVIL), new double[][] {{0.5}}, v -> EVIL, new double[] {Double.NaN})
        .render();

    assertThat(html).doesNotContain("<script").doesNotContain("alert('x')");
    assertThat(html).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;");
    assertThat(html).startsWith("<!DOCTYPE html>").endsWith("</html>\n");
    assertThat(html).contains("<title>&lt;script&gt;").contains("<h1>&lt;script&gt;");
  }

  @Test
  void render_sectionsInCallOrder() {
    String html = new HtmlPage("t").heading("A").paragraph("B").subheading("C").render();

    assertThat(html).containsSubsequence("<h2>A</h2>", "<p>B</p>", "<h3>C</h3>");
  }

  @Test
  void image_embeddedAsPngDataUri_noExternalReference() throws IOException {
    BufferedImage img = new BufferedImage(37, 11, BufferedImage.TYPE_INT_RGB);

    String html = new HtmlPage("t").image("a < b", img).render();

    Matcher m = Pattern.compile("<img alt=\"a &lt; b\" src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\">")
        .matcher(html);
    assertThat(m.find()).isTrue();
    BufferedImage back = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(m.group(1))));
    assertThat(back.getWidth()).isEqualTo(37);
    assertThat(back.getHeight()).isEqualTo(11);
    assertThat(html).doesNotContain("http").doesNotContainPattern("(?i)<link").doesNotContainPattern("(?i)<script");
  }

  @Test
  void keyValueTables_captionsAndNegativeValuesMarked() {
    Map<String, Map<String, String>> g = new LinkedHashMap<>();
    g.put("Returns", Map.of("CAGR", "-12.00%"));
    g.put("Risk", Map.of("Vol", "15.00%"));

    String html = new HtmlPage("t").keyValueTables(g).render();

    assertThat(html).containsSubsequence("<div class=\"grid\">", "<h3>Returns</h3>", "<h3>Risk</h3>");
    assertThat(html).contains("<td>CAGR</td><td class=\"neg\">-12.00%</td>").contains("<td>Vol</td><td>15.00%</td>");
  }

  @Test
  void table_rowLengthMismatch_throwsNamingTheRow() {
    HtmlPage p = new HtmlPage("t");

    assertThatThrownBy(() -> p.table(List.of("a", "b"), List.of(List.of("1", "2"), List.of("3"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 1").hasMessageContaining("2")
        .hasMessageContaining("was 1");
  }

  @Test
  void heatTable_colourBySignAndSize_nanEmpty() {
    double[][] v = {{0.10, -0.05, Double.NaN}, {0.0, 0.02, 0.5}};
    // columns 0-1 saturate at |v| = 0.1, column 2 at the largest |v| of the table (0.5)
    double[] sat = {0.1, 0.1, Double.NaN};

    String html = new HtmlPage("t").heatTable("", List.of("a", "b", "y"), List.of("2024", "2025"), v,
        x -> String.format(java.util.Locale.ROOT, "%.2f", x), sat).render();

    // alpha = 0.08 + 0.72 min(1, |v| / saturation)
    assertThat(html).contains("<td style=\"background:rgba(26,152,80,0.80)\">0.10</td>");
    assertThat(html).contains("<td style=\"background:rgba(215,48,39,0.44)\">-0.05</td>");
    assertThat(html).contains("<td></td>");
    assertThat(html).contains("<td style=\"background:rgba(26,152,80,0.08)\">0.00</td>");
    assertThat(html).contains("<td style=\"background:rgba(26,152,80,0.80)\">0.50</td>");
    assertThat(html).containsSubsequence("<th>2024</th>", "<th>2025</th>");
  }

  @Test
  void heatTable_shapeMismatch_throws() {
    HtmlPage p = new HtmlPage("t");

    assertThatThrownBy(() -> p.heatTable("", List.of("a"), List.of("r"), new double[][] {{1, 2}}, x -> "",
        new double[] {1})).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 0");
    assertThatThrownBy(() -> p.heatTable("", List.of("a"), List.of("r", "s"), new double[][] {{1}}, x -> "",
        new double[] {1})).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 rows");
    assertThatThrownBy(() -> p.heatTable("", List.of("a"), List.of("r"), new double[][] {{1}}, x -> "",
        new double[2])).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("saturation");
  }

  @Test
  void write_utf8File(@TempDir Path tmp) throws IOException {
    Path f = tmp.resolve("p.html");

    new HtmlPage("Überblick — 5%").paragraph("naïve").write(f);

    assertThat(Files.readString(f, StandardCharsets.UTF_8)).contains("<h1>Überblick — 5%</h1>").contains("naïve");
  }
}
