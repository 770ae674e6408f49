package io.slipstream.ml.news;

import static org.assertj.core.api.Assertions.assertThat;

import io.slipstream.ml.news.LoadReport.SkipReason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The loaders on the real files of {@code ../shared/data/text}. Expected counts come from two independent sources:
 * plain line counting in this test (no CSV parser), and {@code tools/news_facts.py} (pandas), whose output was:
 * <pre>
 * cryptopanic rows 996
 * cryptopanic exact duplicate rows 6
 * cryptopanic duplicates by normalised title + UTC day 6
 * cryptopanic titles with a line break 19
 * cryptopanic UTC range 2024-08-28 08:09:37+00:00 2025-02-07 14:30:00+00:00
 * cryptonews rows 7524
 * cryptonews empty titles 28
 * cryptonews empty urls 60
 * cryptonews pandas url.duplicated() with NaN urls 59
 * cryptonews repeated non-empty urls 0
 * cryptonews duplicates by normalised title + UTC day 3
 * cryptonews UTC range 2021-10-12 20:00:00+00:00 2022-07-05 04:24:00+00:00
 * </pre>
 * The README's "59 duplicate URLs" are the 60 missing URLs (59 repeats of the empty value); no real URL repeats.
 */
class NewsLoaderRealFilesTest {
  private static final Pattern PANIC_RECORD_START = Pattern.compile(
      "^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \\d{2} \\d{4} "
          + "\\d{2}:\\d{2}:\\d{2} GMT[+-]\\d{4} \\(.*\\),.*");

  @Test
  void loadCryptoPanic_realFile_countsMatchIndependentLineCounting() throws IOException {
    Path f = TextData.cryptoPanic();
    // Independent count: a record starts on a line that begins with a browser date; continuation lines of
    // multi-line quoted titles do not. A record's raw text = its start line plus its continuation lines.
    List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
    assertThat(lines.get(0)).isEqualTo("Time,Title,Source,Votes");
    List<Integer> starts = new ArrayList<>();
    List<StringBuilder> raw = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      if (PANIC_RECORD_START.matcher(lines.get(i)).matches()) {
        starts.add(i + 1);
        raw.add(new StringBuilder(lines.get(i)));
      } else {
        raw.get(raw.size() - 1).append('\n').append(lines.get(i));
      }
    }
    Set<String> seen = new HashSet<>();
    Set<Integer> repeatLines = new TreeSet<>();
    for (int k = 0; k < raw.size(); k++) {
      if (!seen.add(raw.get(k).toString())) {
        repeatLines.add(starts.get(k));
      }
    }
    assertThat(starts).hasSize(996);
    assertThat(repeatLines).hasSize(6);

    NewsLoadResult res = NewsLoader.loadCryptoPanic(f);
    LoadReport r = res.report();
    assertThat(r.rowsRead()).isEqualTo(996);
    assertThat(r.skippedEmpty()).isZero();
    assertThat(r.count(SkipReason.DUPLICATE_TITLE_DAY)).isEqualTo(6);
    assertThat(r.count(SkipReason.DUPLICATE_URL)).isZero();
    assertThat(r.blankLines()).isZero();
    assertThat(r.rowsWithoutUrl()).isEqualTo(996);
    assertThat(r.rowsKept()).isEqualTo(990);
    // the dropped records are exactly the later copies of the exact duplicate rows
    Set<Integer> keptLines = new HashSet<>();
    for (Headline h : res.headlines()) {
      keptLines.add(h.line());
    }
    Set<Integer> dropped = new TreeSet<>(starts);
    dropped.removeAll(keptLines);
    assertThat(dropped).isEqualTo(repeatLines);
    assertThat(res.headlines().get(0).time()).isEqualTo(Instant.parse("2024-08-28T08:09:37Z"));
    assertThat(res.headlines().get(989).time()).isEqualTo(Instant.parse("2025-02-07T14:30:00Z"));
    assertThat(res.headlines().stream().filter(h -> h.title().contains("\n")).count()).isEqualTo(19);
  }

  @Test
  void loadCryptoNews_realFile_countsMatchIndependentLineCounting() throws IOException {
    Path f = TextData.cryptoNews();
    // Independent count: this file has no line breaks and no ';' inside fields, so plain splitting works.
    List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
    assertThat(lines.get(0)).isEqualTo("date;sentiment;source;subject;text;title;url");
    int emptyTitles = 0;
    int emptyUrls = 0;
    Set<Integer> emptyTitleLines = new HashSet<>();
    Map<String, Integer> urlCounts = new HashMap<>();
    for (int i = 1; i < lines.size(); i++) {
      String[] p = lines.get(i).split(";", -1);
      assertThat(p).as("line %d", i + 1).hasSize(7);
      if (p[5].isBlank()) {
        emptyTitles++;
        emptyTitleLines.add(i + 1);
      }
      if (p[6].isBlank()) {
        emptyUrls++;
      } else {
        urlCounts.merge(p[6], 1, Integer::sum);
      }
    }
    assertThat(lines).hasSize(1 + 7524);
    assertThat(emptyTitles).isEqualTo(28);
    assertThat(emptyUrls).isEqualTo(60);
    assertThat(emptyUrls - 1).as("the README's '59 duplicate URLs'").isEqualTo(59);
    assertThat(urlCounts.values()).allMatch(c -> c == 1);

    NewsLoadResult res = NewsLoader.loadCryptoNews(f);
    LoadReport r = res.report();
    assertThat(r.rowsRead()).isEqualTo(7524);
    assertThat(r.skippedEmpty()).isEqualTo(28);
    assertThat(r.count(SkipReason.DUPLICATE_URL)).isZero();
    assertThat(r.count(SkipReason.DUPLICATE_TITLE_DAY)).isEqualTo(3);
    assertThat(r.rowsWithoutUrl()).isEqualTo(60);
    assertThat(r.rowsKept()).isEqualTo(7524 - 28 - 3);
    assertThat(res.headlines()).noneMatch(h -> emptyTitleLines.contains(h.line()));
    assertThat(res.headlines().get(0).time()).isEqualTo(Instant.parse("2021-10-12T20:00:00Z"));
    assertThat(res.headlines().get(res.headlines().size() - 1).time())
        .isEqualTo(Instant.parse("2022-07-05T04:24:00Z"));
    assertThat(res.headlines()).extracting(Headline::source).containsOnly("CoinTelegraph", "CryptoNews",
        "CryptoPotato");
  }
}
