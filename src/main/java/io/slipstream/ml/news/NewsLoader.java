package io.slipstream.ml.news;

import io.slipstream.core.Checks;
import io.slipstream.core.DataException;
import io.slipstream.ml.news.LoadReport.SkipReason;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads the two headline files of {@code ../shared/data/text} into {@link Headline}s with a {@link LoadReport}.
 *
 * <p><b>cryptopanic_news.csv</b>: comma-separated, RFC 4180 quoting (titles with commas are quoted, some tweets span
 * several lines), header {@code Time,Title,Source,Votes}. {@code Time} is a browser-local string such as
 * {@code Fri Feb 07 2025 08:29:27 GMT+0100 (Central European Standard Time)}: the {@code GMT+hhmm} offset is parsed
 * and the parenthesised zone name (it is localised, e.g. French in the real file) is ignored; the day of week must
 * agree with the date. There is no URL column.
 *
 * <p><b>cryptonews.csv</b>: {@code ;}-separated, header {@code date;sentiment;source;subject;text;title;url}.
 * {@code date} is {@code d-m-yyyy HH:MM} with no zone. <b>Assumption:</b> these times are UTC (the file states no zone;
 * the publishers are international sites and no better evidence exists). A wrong zone would shift every headline by a
 * few hours, so a strategy using this file should not rely on sub-day timing. The {@code sentiment} column (an
 * automatic TextBlob-style score) is ignored: it is not a label.
 *
 * <p><b>Rules for both files.</b> The title is stripped of surrounding white space; an empty title is skipped and
 * counted ({@link SkipReason#EMPTY_TITLE}). Dates are parsed strictly: an unparseable date is an error naming the file,
 * line and value (the real files contain none, so there is no lenient mode that would drop rows). Records are then
 * sorted by time, ties by file line, and de-duplicated keeping the earliest: a record is dropped when an earlier
 * <em>kept</em> record has the same non-empty URL ({@link SkipReason#DUPLICATE_URL}) or else the same
 * {@linkplain #normaliseTitle(String) normalised title} on the same UTC calendar day
 * ({@link SkipReason#DUPLICATE_TITLE_DAY}).
 *
 * <p>Errors ({@link DataException}): missing file; empty file (no header); a header without data rows; a missing
 * header column (naming file and column); a record whose field count differs from the header's (naming file and
 * line); malformed CSV or UTF-8; an unparseable date (naming file, line and value).
 *
 * <p>Facts of the real files (verified independently in the tests and by {@code tools/news_facts.py}):
 * cryptopanic: 996 records, 6 exact duplicate rows, 990 kept. cryptonews: 7,524 records, 28 empty titles, 60 records
 * without URL (the README's "59 duplicate URLs" are these 60 empty URLs counted as 59 repeats of the empty value; no
 * non-empty URL repeats), 3 duplicates by title and day, 7,493 kept.
 */
public final class NewsLoader {
  /** Header column names of cryptopanic_news.csv used by the loader. */
  public static final List<String> CRYPTOPANIC_COLUMNS = List.of("Time", "Title", "Source");
  /** Header column names of cryptonews.csv used by the loader. */
  public static final List<String> CRYPTONEWS_COLUMNS = List.of("date", "title", "source", "url");

  private static final Pattern PANIC_TIME = Pattern.compile(
      "^\\s*([A-Za-z]{3} [A-Za-z]{3} \\d{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT[+-]\\d{4})(?:\\s*\\([^()]*\\))?\\s*$");
  private static final DateTimeFormatter PANIC_FORMAT = DateTimeFormatter
      .ofPattern("EEE MMM dd uuuu HH:mm:ss 'GMT'xx", Locale.ENGLISH).withResolverStyle(ResolverStyle.STRICT);
  private static final DateTimeFormatter NEWS_FORMAT = DateTimeFormatter
      .ofPattern("d-M-uuuu HH:mm", Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);

  private NewsLoader() {
  }

  /**
   * Loads {@code cryptopanic_news.csv} (see the class comment for format and rules).
   *
   * @param file the file
   * @return kept headlines (ascending by time) and the load report; {@code url} is empty
   * @throws DataException on any of the errors listed in the class comment, naming the file
   */
  public static NewsLoadResult loadCryptoPanic(Path file) {
    Checks.notNull(file, "file");
    Table t = Table.read(file, ',', CRYPTOPANIC_COLUMNS);
    int time = t.column("Time");
    int title = t.column("Title");
    int source = t.column("Source");
    List<Headline> rows = new ArrayList<>();
    Counts counts = new Counts();
    for (CsvRecord r : t.records()) {
      if (counts.blank(r)) {
        continue;
      }
      t.checkWidth(r);
      counts.rowsRead++;
      counts.withoutUrl++;
      Instant at = tryParseCryptoPanicTime(r.get(time)).orElseThrow(() -> badDate(file, r, "Time", r.get(time)));
      String text = r.get(title).strip();
      if (text.isEmpty()) {
        counts.skip(SkipReason.EMPTY_TITLE);
        continue;
      }
      rows.add(new Headline(at, text, r.get(source).strip(), "", file.toString(), r.line()));
    }
    return finish(file, t, rows, counts);
  }

  /**
   * Loads {@code cryptonews.csv} (see the class comment for format, the UTC assumption and rules).
   *
   * @param file the file
   * @return kept headlines (ascending by time) and the load report
   * @throws DataException on any of the errors listed in the class comment, naming the file
   */
  public static NewsLoadResult loadCryptoNews(Path file) {
    Checks.notNull(file, "file");
    Table t = Table.read(file, ';', CRYPTONEWS_COLUMNS);
    int date = t.column("date");
    int title = t.column("title");
    int source = t.column("source");
    int url = t.column("url");
    List<Headline> rows = new ArrayList<>();
    Counts counts = new Counts();
    for (CsvRecord r : t.records()) {
      if (counts.blank(r)) {
        continue;
      }
      t.checkWidth(r);
      counts.rowsRead++;
      String link = r.get(url).strip();
      if (link.isEmpty()) {
        counts.withoutUrl++;
      }
      Instant at = tryParseCryptoNewsTime(r.get(date)).orElseThrow(() -> badDate(file, r, "date", r.get(date)));
      String text = r.get(title).strip();
      if (text.isEmpty()) {
        counts.skip(SkipReason.EMPTY_TITLE);
        continue;
      }
      rows.add(new Headline(at, text, r.get(source).strip(), link, file.toString(), r.line()));
    }
    return finish(file, t, rows, counts);
  }

  /**
   * Parses a cryptopanic time such as {@code Fri Feb 07 2025 08:29:27 GMT+0100 (heure normale d'Europe centrale)}:
   * English day and month abbreviations, the {@code GMT+hhmm} offset applied, the optional parenthesised zone name
   * ignored, the day of week checked against the date.
   *
   * @param value the field text
   * @return the instant, or empty when the text does not match or the date is invalid
   */
  public static Optional<Instant> tryParseCryptoPanicTime(String value) {
    if (value == null) {
      return Optional.empty();
    }
    Matcher m = PANIC_TIME.matcher(value);
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(m.group(1), PANIC_FORMAT).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /**
   * Parses a cryptonews date {@code d-m-yyyy HH:MM} (day and month with or without a leading zero, 24-hour clock) as
   * UTC (an assumption: the file states no zone).
   *
   * @param value the field text, surrounding white space allowed
   * @return the instant, or empty when the text does not match or the date is invalid (e.g. 31-2-2022)
   */
  public static Optional<Instant> tryParseCryptoNewsTime(String value) {
    if (value == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDateTime.parse(value.strip(), NEWS_FORMAT).toInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /**
   * The de-duplication form of a title: lower-cased ({@link Locale#ROOT}), every character that is not a letter, digit
   * or white space (punctuation, quotes, symbols, emoji) replaced by a space, white space runs collapsed to one space,
   * ends trimmed. Example: {@code "SEC  Approves Valkyrie’s Bitcoin-ETF!"} -> {@code "sec approves valkyrie s bitcoin
   * etf"}.
   *
   * @param title a title
   * @return its normalised form (empty when the title holds no letter or digit)
   * @throws IllegalArgumentException if {@code title} is null
   */
  public static String normaliseTitle(String title) {
    Checks.notNull(title, "title");
    String lower = title.toLowerCase(Locale.ROOT);
    StringBuilder sb = new StringBuilder(lower.length());
    boolean space = true;
    for (int i = 0; i < lower.length(); ) {
      int cp = lower.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.isLetterOrDigit(cp)) {
        sb.appendCodePoint(cp);
        space = false;
      } else if (!space) {
        sb.append(' ');
        space = true;
      }
    }
    int n = sb.length();
    if (n > 0 && sb.charAt(n - 1) == ' ') {
      sb.setLength(n - 1);
    }
    return sb.toString();
  }

  /**
   * Sorts headlines by time (ties by line) and drops duplicates keeping the earliest, with the rules of the class
   * comment. The input is not modified.
   *
   * @param headlines candidate headlines in any order
   * @param skipped receives the counts under {@link SkipReason#DUPLICATE_URL} and
   *     {@link SkipReason#DUPLICATE_TITLE_DAY} (added to what it holds)
   * @return the kept headlines, ascending by time then line
   * @throws IllegalArgumentException if an argument is null
   */
  public static List<Headline> deduplicate(List<Headline> headlines, Map<SkipReason, Integer> skipped) {
    Checks.notNull(headlines, "headlines");
    Checks.notNull(skipped, "skipped");
    List<Headline> sorted = new ArrayList<>(headlines);
    sorted.sort(Comparator.comparing(Headline::time).thenComparingInt(Headline::line));
    Set<String> urls = new HashSet<>();
    Set<String> titleDays = new HashSet<>();
    List<Headline> kept = new ArrayList<>(sorted.size());
    for (Headline h : sorted) {
      String url = h.url().strip();
      String norm = normaliseTitle(h.title());
      if (norm.isEmpty()) {
        norm = "\u0000" + h.title().toLowerCase(Locale.ROOT);
      }
      String titleDay = Math.floorDiv(h.timeMs(), 86_400_000L) + "|" + norm;
      if (!url.isEmpty() && urls.contains(url)) {
        skipped.merge(SkipReason.DUPLICATE_URL, 1, Integer::sum);
      } else if (titleDays.contains(titleDay)) {
        skipped.merge(SkipReason.DUPLICATE_TITLE_DAY, 1, Integer::sum);
      } else {
        kept.add(h);
        if (!url.isEmpty()) {
          urls.add(url);
        }
        titleDays.add(titleDay);
      }
    }
    return kept;
  }

  private static NewsLoadResult finish(Path file, Table t, List<Headline> rows, Counts counts) {
    if (counts.rowsRead == 0) {
      throw new DataException("News file " + file + " has a header but no data rows");
    }
    List<Headline> kept = deduplicate(rows, counts.skipped);
    LoadReport report = new LoadReport(file.toString(), counts.rowsRead, kept.size(), counts.withoutUrl,
        counts.skipped);
    return new NewsLoadResult(kept, report);
  }

  private static DataException badDate(Path file, CsvRecord r, String column, String value) {
    return new DataException("News file " + file + " line " + r.line() + ": unparseable " + column + " '" + value + "'");
  }

  /** Running counts of one load. */
  private static final class Counts {
    final Map<SkipReason, Integer> skipped = new EnumMap<>(SkipReason.class);
    int rowsRead;
    int withoutUrl;

    Counts() {
      for (SkipReason r : SkipReason.values()) {
        skipped.put(r, 0);
      }
    }

    void skip(SkipReason r) {
      skipped.merge(r, 1, Integer::sum);
    }

    boolean blank(CsvRecord r) {
      if (r.isBlankLine()) {
        skip(SkipReason.BLANK_LINE);
        return true;
      }
      return false;
    }
  }

  /** A header plus records, with column lookup and width checks. */
  private record Table(Path file, List<String> header, List<CsvRecord> records) {
    static Table read(Path file, char delimiter, List<String> required) {
      List<CsvRecord> all = CsvReader.readAll(file, delimiter);
      if (all.isEmpty() || all.get(0).isBlankLine()) {
        throw new DataException("News file " + file + " is empty: no header line");
      }
      List<String> header = new ArrayList<>();
      for (String h : all.get(0).fields()) {
        header.add(h.strip());
      }
      Map<String, Integer> seen = new HashMap<>();
      for (int i = 0; i < header.size(); i++) {
        if (seen.put(header.get(i), i) != null) {
          throw new DataException("News file " + file + ": duplicate header column '" + header.get(i) + "'");
        }
      }
      for (String col : required) {
        if (!seen.containsKey(col)) {
          throw new DataException("News file " + file + ": missing header column '" + col + "' (header is "
              + header + ")");
        }
      }
      return new Table(file, List.copyOf(header), all.subList(1, all.size()));
    }

    int column(String name) {
      return header.indexOf(name);
    }

    void checkWidth(CsvRecord r) {
      if (r.size() != header.size()) {
        throw new DataException("News file " + file + " line " + r.line() + ": expected " + header.size()
            + " fields as in the header, found " + r.size());
      }
    }
  }
}
