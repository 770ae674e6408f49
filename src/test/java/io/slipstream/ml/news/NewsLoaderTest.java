package io.slipstream.ml.news;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slipstream.core.DataException;
import io.slipstream.ml.news.LoadReport.SkipReason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NewsLoaderTest {
  @TempDir
  Path dir;

  private Path file(String name, String content) throws IOException {
    Path f = dir.resolve(name);
    Files.writeString(f, content);
    return f;
  }

  private static final String PANIC_HEADER = "Time,Title,Source,Votes\n";

  @Test
  void tryParseCryptoPanicTime_offsetAppliedZoneNameIgnored() {
    assertThat(NewsLoader.tryParseCryptoPanicTime(
        "Fri Feb 07 2025 08:29:27 GMT+0100 (Central European Standard Time)"))
        .contains(Instant.parse("2025-02-07T07:29:27Z"));
    assertThat(NewsLoader.tryParseCryptoPanicTime(
        "Wed Aug 28 2024 10:09:37 GMT+0200 (heure d’été d’Europe centrale)"))
        .contains(Instant.parse("2024-08-28T08:09:37Z"));
    assertThat(NewsLoader.tryParseCryptoPanicTime("Sun Dec 31 2023 23:30:00 GMT-0500"))
        .contains(Instant.parse("2024-01-01T04:30:00Z"));
  }

  @Test
  void tryParseCryptoPanicTime_badInputs_empty() {
    // 2025-02-07 is a Friday, not a Thursday
    assertThat(NewsLoader.tryParseCryptoPanicTime("Thu Feb 07 2025 08:29:27 GMT+0100 (x)")).isEmpty();
    assertThat(NewsLoader.tryParseCryptoPanicTime("Fri Feb 30 2025 08:29:27 GMT+0100")).isEmpty();
    assertThat(NewsLoader.tryParseCryptoPanicTime("Fri Feb 07 2025 08:29:27")).isEmpty();
    assertThat(NewsLoader.tryParseCryptoPanicTime("2025-02-07T08:29:27Z")).isEmpty();
    assertThat(NewsLoader.tryParseCryptoPanicTime("")).isEmpty();
    assertThat(NewsLoader.tryParseCryptoPanicTime(null)).isEmpty();
  }

  @Test
  void tryParseCryptoNewsTime_dayMonthYearAsUtc() {
    assertThat(NewsLoader.tryParseCryptoNewsTime("5-7-2022 04:24")).contains(Instant.parse("2022-07-05T04:24:00Z"));
    assertThat(NewsLoader.tryParseCryptoNewsTime("12-10-2021 20:00")).contains(Instant.parse("2021-10-12T20:00:00Z"));
    assertThat(NewsLoader.tryParseCryptoNewsTime("05-07-2022 04:24")).contains(Instant.parse("2022-07-05T04:24:00Z"));
    assertThat(NewsLoader.tryParseCryptoNewsTime("31-2-2022 10:00")).isEmpty();
    assertThat(NewsLoader.tryParseCryptoNewsTime("2022-07-05 04:24")).isEmpty();
    assertThat(NewsLoader.tryParseCryptoNewsTime("5-7-2022 24:10")).isEmpty();
    assertThat(NewsLoader.tryParseCryptoNewsTime("5-7-2022")).isEmpty();
  }

  @Test
  void normaliseTitle_lowerCasesStripsPunctuationCollapsesSpace() {
    assertThat(NewsLoader.normaliseTitle("  SEC  Approves Valkyrie’s Bitcoin-ETF! 🚀 ")).isEqualTo(
        "sec approves valkyrie s bitcoin etf");
    assertThat(NewsLoader.normaliseTitle("SEC approves Valkyrie's\nbitcoin ETF")).isEqualTo(
        "sec approves valkyrie s bitcoin etf");
    assertThat(NewsLoader.normaliseTitle("!!!")).isEmpty();
  }

  @Test
  void loadCryptoPanic_quotedMultilineTitlesOffsetsAndSorting() throws IOException {
    Path f = file("panic.csv", PANIC_HEADER
        + "Fri Feb 07 2025 08:29:27 GMT+0100 (CET),\"Solana, ETFs and more\",coinpaprika.com,\"1 positive: votes\"\n"
        + "Thu Feb 06 2025 23:48:15 GMT+0100 (CET),\"Line one\n\nLine \"\"two\"\"\",bankless.com,\"\"\n"
        + "Thu Feb 06 2025 16:37:00 GMT+0200 (CEST),  Padded title  ,x.com,\n");
    NewsLoadResult res = NewsLoader.loadCryptoPanic(f);
    List<Headline> h = res.headlines();
    assertThat(h).extracting(Headline::title).containsExactly("Padded title", "Line one\n\nLine \"two\"",
        "Solana, ETFs and more");
    assertThat(h).extracting(Headline::time).containsExactly(Instant.parse("2025-02-06T14:37:00Z"),
        Instant.parse("2025-02-06T22:48:15Z"), Instant.parse("2025-02-07T07:29:27Z"));
    assertThat(h).extracting(Headline::line).containsExactly(6, 3, 2);
    assertThat(h).extracting(Headline::url).containsOnly("");
    assertThat(h.get(0).source()).isEqualTo("x.com");
    assertThat(h.get(0).file()).isEqualTo(f.toString());
    LoadReport r = res.report();
    assertThat(r.rowsRead()).isEqualTo(3);
    assertThat(r.rowsKept()).isEqualTo(3);
    assertThat(r.rowsWithoutUrl()).isEqualTo(3);
    assertThat(r.duplicatesRemoved()).isZero();
  }

  @Test
  void loadCryptoPanic_duplicateTitleSameUtcDay_keepsEarliestEvenIfLaterInFile() throws IOException {
    Path f = file("panic.csv", PANIC_HEADER
        // line 2: 10:00Z, a re-post of line 3's story with other case/punctuation: dropped
        + "Fri Feb 07 2025 11:00:00 GMT+0100 (CET),BITCOIN hits $100k!,a.com,v\n"
        // line 3: 09:00Z, earliest: kept
        + "Fri Feb 07 2025 10:00:00 GMT+0100 (CET),Bitcoin hits  $100K,b.com,v\n"
        // line 4: same local day but the previous UTC day (2025-02-06T23:30Z): kept
        + "Fri Feb 07 2025 00:30:00 GMT+0100 (CET),Bitcoin hits $100k,c.com,v\n"
        // line 5: exact duplicate of line 3: dropped
        + "Fri Feb 07 2025 10:00:00 GMT+0100 (CET),Bitcoin hits  $100K,b.com,v\n");
    NewsLoadResult res = NewsLoader.loadCryptoPanic(f);
    assertThat(res.headlines()).extracting(Headline::line).containsExactly(4, 3);
    assertThat(res.report().count(SkipReason.DUPLICATE_TITLE_DAY)).isEqualTo(2);
    assertThat(res.report().count(SkipReason.DUPLICATE_URL)).isZero();
    assertThat(res.report().rowsRead()).isEqualTo(4);
  }

  private static final String NEWS_HEADER = "date;sentiment;source;subject;text;title;url\n";

  @Test
  void loadCryptoNews_emptyTitlesCountedUrlDuplicatesRemovedEmptyUrlsNotDuplicates() throws IOException {
    Path f = file("news.csv", NEWS_HEADER
        + "5-7-2022 04:24;{};CryptoNews;bitcoin;txt;Later copy of A;https://x/a\n" // line 2: url dup of line 3
        + "4-7-2022 09:00;{};CryptoNews;bitcoin;txt;Story A;https://x/a\n" // line 3: kept
        + "4-7-2022 10:00;{};CoinTelegraph;defi;\"a; b\";   ;\n" // line 4: empty title
        + "4-7-2022 11:00;{};CoinTelegraph;nft;txt;No url one;\n" // line 5: kept
        + "4-7-2022 12:00;{};CoinTelegraph;nft;txt;No url two;\n" // line 6: kept (empty URLs never match)
        + "\n" // line 7: blank
        + "4-7-2022 13:00;{};CryptoPotato;x;txt;story a;https://y/other\n"); // line 8: title+day dup of line 3
    NewsLoadResult res = NewsLoader.loadCryptoNews(f);
    assertThat(res.headlines()).extracting(Headline::line).containsExactly(3, 5, 6);
    assertThat(res.headlines().get(0).url()).isEqualTo("https://x/a");
    assertThat(res.headlines().get(0).time()).isEqualTo(Instant.parse("2022-07-04T09:00:00Z"));
    LoadReport r = res.report();
    assertThat(r.rowsRead()).isEqualTo(6);
    assertThat(r.skippedEmpty()).isEqualTo(1);
    assertThat(r.count(SkipReason.DUPLICATE_URL)).isEqualTo(1);
    assertThat(r.count(SkipReason.DUPLICATE_TITLE_DAY)).isEqualTo(1);
    assertThat(r.duplicatesRemoved()).isEqualTo(2);
    assertThat(r.blankLines()).isEqualTo(1);
    assertThat(r.rowsWithoutUrl()).isEqualTo(3);
    assertThat(r.rowsKept()).isEqualTo(3);
    assertThat(r.toString()).contains("EMPTY_TITLE=1", "DUPLICATE_URL=1", "BLANK_LINE=1");
  }

  @Test
  void load_emptyFile_errorNamesFile() throws IOException {
    Path f = file("empty.csv", "");
    assertThatThrownBy(() -> NewsLoader.loadCryptoPanic(f))
        .isInstanceOf(DataException.class).hasMessageContaining(f.toString()).hasMessageContaining("empty");
    assertThatThrownBy(() -> NewsLoader.loadCryptoNews(f))
        .isInstanceOf(DataException.class).hasMessageContaining(f.toString()).hasMessageContaining("empty");
  }

  @Test
  void load_headerOnly_errorNamesFile() throws IOException {
    Path f = file("header.csv", PANIC_HEADER);
    assertThatThrownBy(() -> NewsLoader.loadCryptoPanic(f))
        .isInstanceOf(DataException.class).hasMessageContaining(f.toString()).hasMessageContaining("no data rows");
  }

  @Test
  void load_missingColumn_errorNamesFileAndColumn() throws IOException {
    Path p = file("p.csv", "Time,Headline,Source\nFri Feb 07 2025 08:29:27 GMT+0100,x,y\n");
    assertThatThrownBy(() -> NewsLoader.loadCryptoPanic(p))
        .isInstanceOf(DataException.class).hasMessageContaining(p.toString())
        .hasMessageContaining("missing header column 'Title'");
    Path n = file("n.csv", "date;title;source\n5-7-2022 04:24;t;s\n");
    assertThatThrownBy(() -> NewsLoader.loadCryptoNews(n))
        .isInstanceOf(DataException.class).hasMessageContaining(n.toString())
        .hasMessageContaining("missing header column 'url'");
  }

  @Test
  void load_unparseableDate_errorNamesFileLineAndValue() throws IOException {
    Path p = file("p.csv", PANIC_HEADER
        + "Fri Feb 07 2025 08:29:27 GMT+0100 (CET),ok,s,v\n"
        + "\"Fri Feb 07 2025 08:29:27\",\"multi\nline\",s,v\n"
        + "yesterday,bad,s,v\n");
    assertThatThrownBy(() -> NewsLoader.loadCryptoPanic(p))
        .isInstanceOf(DataException.class)
        .hasMessageContaining(p.toString())
        .hasMessageContaining("line 3")
        .hasMessageContaining("'Fri Feb 07 2025 08:29:27'");
    Path n = file("n.csv", NEWS_HEADER + "5-7-2022 04:24;{};s;x;t;ok;u\n7/5/2022 04:24;{};s;x;t;bad;u2\n");
    assertThatThrownBy(() -> NewsLoader.loadCryptoNews(n))
        .isInstanceOf(DataException.class)
        .hasMessageContaining(n.toString())
        .hasMessageContaining("line 3")
        .hasMessageContaining("'7/5/2022 04:24'");
  }

  @Test
  void load_wrongFieldCount_errorNamesLine() throws IOException {
    Path n = file("n.csv", NEWS_HEADER + "5-7-2022 04:24;{};s;x;t;ok\n");
    assertThatThrownBy(() -> NewsLoader.loadCryptoNews(n))
        .isInstanceOf(DataException.class)
        .hasMessageContaining(n.toString())
        .hasMessageContaining("line 2")
        .hasMessageContaining("expected 7 fields")
        .hasMessageContaining("found 6");
  }

  @Test
  void load_missingFile_dataException() {
    Path f = dir.resolve("absent.csv");
    assertThatThrownBy(() -> NewsLoader.loadCryptoNews(f))
        .isInstanceOf(DataException.class).hasMessageContaining(f.toString());
  }

  @Test
  void deduplicate_urlMatchTakesPrecedenceAndOnlyKeptRowsRegisterKeys() {
    Instant t0 = Instant.parse("2024-01-01T10:00:00Z");
    Headline a = new Headline(t0, "Alpha", "s", "u1", "f", 2);
    Headline b = new Headline(t0.plusSeconds(60), "alpha", "s", "u1", "f", 3); // both keys match a: URL wins
    Headline c = new Headline(t0.plusSeconds(120), "Gamma", "s", "u1", "f", 4); // URL dup of a
    Headline d = new Headline(t0.plusSeconds(180), "Gamma", "s", "u2", "f", 5); // c was dropped: d is kept
    Map<SkipReason, Integer> counts = new EnumMap<>(SkipReason.class);
    List<Headline> kept = NewsLoader.deduplicate(List.of(d, c, b, a), counts);
    assertThat(kept).containsExactly(a, d);
    assertThat(counts).containsEntry(SkipReason.DUPLICATE_URL, 2).doesNotContainKey(SkipReason.DUPLICATE_TITLE_DAY);
  }

  @Test
  void loadReport_countsMustAddUp() {
    Map<SkipReason, Integer> m = new EnumMap<>(SkipReason.class);
    for (SkipReason r : SkipReason.values()) {
      m.put(r, 1);
    }
    assertThat(new LoadReport("f", 4, 1, 0, m).duplicatesRemoved()).isEqualTo(2);
    assertThatThrownBy(() -> new LoadReport("f", 5, 1, 0, m))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rowsRead 5");
    m.remove(SkipReason.BLANK_LINE);
    assertThatThrownBy(() -> new LoadReport("f", 4, 1, 0, m))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("BLANK_LINE");
  }

  @Test
  void headline_blankTitle_rejectedWithOrigin() {
    assertThatThrownBy(() -> new Headline(Instant.EPOCH, "  ", "s", "", "f.csv", 9))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("title").hasMessageContaining("f.csv");
    assertThat(Optional.of(new Headline(Instant.EPOCH, "x", "s", "", "f.csv", 9).origin())).contains("f.csv:9");
  }
}
