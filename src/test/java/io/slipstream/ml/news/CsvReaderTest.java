package io.slipstream.ml.news;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slipstream.core.DataException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReaderTest {

  private static List<CsvRecord> read(String text, char delimiter) {
    return CsvReader.readAll(new StringReader(text), delimiter, "mem.csv");
  }

  private static List<List<String>> fields(List<CsvRecord> records) {
    List<List<String>> out = new ArrayList<>();
    for (CsvRecord r : records) {
      out.add(r.fields());
    }
    return out;
  }

  @Test
  void readAll_plainRecords_splitsFieldsAndNumbersLines() {
    List<CsvRecord> r = read("a,b,c\n1,2,3\n", ',');
    assertThat(fields(r)).containsExactly(List.of("a", "b", "c"), List.of("1", "2", "3"));
    assertThat(r).extracting(CsvRecord::line).containsExactly(1, 2);
  }

  @Test
  void readAll_quotedFieldWithDelimiterAndDoubledQuotes_unquotes() {
    List<CsvRecord> r = read("x,\"Hello, \"\"world\"\"\",y\n", ',');
    assertThat(fields(r)).containsExactly(List.of("x", "Hello, \"world\"", "y"));
  }

  @Test
  void readAll_embeddedLineBreaks_keptInFieldAndLinesCounted() {
    String text = "h1,h2\n\"one\ntwo\r\nthree\",z\nlast,row\n";
    List<CsvRecord> r = read(text, ',');
    assertThat(fields(r)).containsExactly(List.of("h1", "h2"), List.of("one\ntwo\r\nthree", "z"),
        List.of("last", "row"));
    // the quoted record starts on line 2 and spans lines 2-4, so the next one starts on line 5
    assertThat(r).extracting(CsvRecord::line).containsExactly(1, 2, 5);
  }

  @Test
  void readAll_crlfAndLoneCr_areRecordSeparators() {
    List<CsvRecord> r = read("a,b\r\nc,d\re,f", ',');
    assertThat(fields(r)).containsExactly(List.of("a", "b"), List.of("c", "d"), List.of("e", "f"));
    assertThat(r).extracting(CsvRecord::line).containsExactly(1, 2, 3);
  }

  @Test
  void readAll_emptyFieldsTrailingDelimiterAndNoFinalNewline() {
    List<CsvRecord> r = read(",,\n\"\",x,\nend", ',');
    assertThat(fields(r)).containsExactly(List.of("", "", ""), List.of("", "x", ""), List.of("end"));
  }

  @Test
  void readAll_blankLineInside_isOneEmptyFieldButFinalNewlineIsNot() {
    List<CsvRecord> r = read("a\n\nb\n", ',');
    assertThat(fields(r)).containsExactly(List.of("a"), List.of(""), List.of("b"));
    assertThat(r.get(1).isBlankLine()).isTrue();
    assertThat(r.get(0).isBlankLine()).isFalse();
    assertThat(read("", ',')).isEmpty();
    assertThat(read("\n", ',')).hasSize(1);
  }

  @Test
  void readAll_byteOrderMark_skippedOnlyAtStart() {
    List<CsvRecord> r = read("\uFEFFTime,Title\n\uFEFFx,y\n", ',');
    assertThat(fields(r)).containsExactly(List.of("Time", "Title"), List.of("\uFEFFx", "y"));
  }

  @Test
  void readAll_semicolonDelimiter_commasAreData() {
    List<CsvRecord> r = read("date;title\n5-7-2022 04:24;Up, then down;\n", ';');
    assertThat(fields(r)).containsExactly(List.of("date", "title"), List.of("5-7-2022 04:24", "Up, then down", ""));
  }

  @Test
  void readAll_quoteInsideUnquotedField_isLiteral() {
    assertThat(fields(read("a\"b,c\n", ','))).containsExactly(List.of("a\"b", "c"));
  }

  @Test
  void readAll_unterminatedQuote_errorNamesSourceAndStartLine() {
    assertThatThrownBy(() -> read("a,b\nx,\"never\nclosed\n", ','))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("mem.csv")
        .hasMessageContaining("unterminated")
        .hasMessageContaining("line 2");
  }

  @Test
  void readAll_garbageAfterClosingQuote_errorNamesLine() {
    assertThatThrownBy(() -> read("a,b\n\"x\"y,z\n", ','))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("mem.csv: line 2")
        .hasMessageContaining("'y'");
  }

  @Test
  void constructor_quoteAsDelimiter_rejected() {
    assertThatThrownBy(() -> new CsvReader(new StringReader(""), '"', "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("delimiter");
  }

  @Test
  void readAllPath_missingFile_dataExceptionNamingPath(@TempDir Path dir) {
    Path f = dir.resolve("nope.csv");
    assertThatThrownBy(() -> CsvReader.readAll(f, ','))
        .isInstanceOf(DataException.class)
        .hasMessageContaining(f.toString());
  }

  @Test
  void readAllPath_invalidUtf8_dataExceptionNamingPath(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("bad.csv");
    Files.write(f, new byte[] {'a', ',', (byte) 0xC3, (byte) 0x28, '\n'});
    assertThatThrownBy(() -> CsvReader.readAll(f, ','))
        .isInstanceOf(DataException.class)
        .hasMessageContaining(f.toString())
        .hasMessageContaining("UTF-8");
  }

  @Test
  void readAllPath_utf8Text_decoded(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("ok.csv");
    Files.writeString(f, "t\n\"Grayscale’s Solana 🚀\"\n");
    assertThat(fields(CsvReader.readAll(f, ','))).containsExactly(List.of("t"), List.of("Grayscale’s Solana 🚀"));
  }

  /** Writes fields with RFC 4180 quoting: quote when the field holds a quote, delimiter, CR or LF. */
  private static String write(List<List<String>> rows, char delimiter, String eol) {
    StringBuilder sb = new StringBuilder();
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        if (i > 0) {
          sb.append(delimiter);
        }
        String f = row.get(i);
        boolean quote = f.isEmpty() && row.size() == 1
            || f.indexOf('"') >= 0 || f.indexOf(delimiter) >= 0 || f.indexOf('\n') >= 0 || f.indexOf('\r') >= 0;
        if (quote) {
          sb.append('"').append(f.replace("\"", "\"\"")).append('"');
        } else {
          sb.append(f);
        }
      }
      sb.append(eol);
    }
    return sb.toString();
  }

  @Property(tries = 300, seed = "4180")
  void readAll_roundTripOfRfcQuotedRandomFields(@ForAll @LongRange long seed,
      @ForAll @IntRange(min = 1, max = 8) int nRows) {
    Random rnd = new Random(seed);
    char delimiter = rnd.nextBoolean() ? ',' : ';';
    String alphabet = "ab ,;\"\n\r’é1";
    List<List<String>> rows = new ArrayList<>();
    for (int r = 0; r < nRows; r++) {
      int nFields = 1 + rnd.nextInt(4);
      List<String> row = new ArrayList<>();
      for (int f = 0; f < nFields; f++) {
        StringBuilder sb = new StringBuilder();
        int len = rnd.nextInt(6);
        for (int k = 0; k < len; k++) {
          sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
        }
        row.add(sb.toString());
      }
      rows.add(row);
    }
    String eol = rnd.nextBoolean() ? "\n" : "\r\n";
    assertThat(fields(read(write(rows, delimiter, eol), delimiter))).isEqualTo(rows);
  }
}
