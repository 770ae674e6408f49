package io.slipstream.ml.news;

import io.slipstream.core.Checks;
import io.slipstream.core.DataException;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A small streaming CSV reader after RFC 4180 with a configurable delimiter.
 *
 * <p>Rules: records end at {@code CRLF}, {@code LF} or a lone {@code CR}; a line break after the last record does not
 * start another record; an empty line is a record of one empty field ({@link CsvRecord#isBlankLine()}). A field that
 * starts with a double quote is quoted: it runs to the next lone quote, a doubled quote {@code ""} inside it stands for
 * one quote, and delimiters and line breaks inside it are data (kept as they are). After the closing quote only the
 * delimiter, a line break or the end of input may follow. A quote inside an unquoted field is taken literally (as
 * Python's {@code csv} module does); RFC 4180 forbids it but real files contain it. Fields are not trimmed. A UTF-8 byte
 * order mark at the very start of the input is skipped.
 *
 * <p>Line numbers are 1-based physical lines; a record carries the line on which it starts.
 *
 * <p>Reference: RFC 4180, "Common Format and MIME Type for Comma-Separated Values (CSV) Files", section 2.
 * Not thread-safe.
 */
public final class CsvReader implements AutoCloseable {
  private static final int EOF = -1;
  private final Reader in;
  private final char delimiter;
  private final String source;
  private final char[] buf = new char[1 << 14];
  private int pos;
  private int len;
  private int pushedBack = Integer.MIN_VALUE;
  private int line = 1;
  private boolean atStart = true;
  private boolean finished;

  /**
   * @param in the character input; closed by {@link #close()}
   * @param delimiter the field separator, e.g. {@code ','} or {@code ';'}; not a quote, CR or LF
   * @param source a name for error messages (usually the file path)
   * @throws IllegalArgumentException if an argument is null or {@code delimiter} is a quote, CR or LF
   */
  public CsvReader(Reader in, char delimiter, String source) {
    this.in = Checks.notNull(in, "in");
    this.source = Checks.notNull(source, "source");
    if (delimiter == '"' || delimiter == '\r' || delimiter == '\n') {
      throw new IllegalArgumentException(
          "Argument 'delimiter' must not be a double quote, CR or LF, was code point " + (int) delimiter);
    }
    this.delimiter = delimiter;
  }

  /**
   * Opens a UTF-8 file (strict decoding: malformed bytes are an error).
   *
   * @param file the CSV file
   * @param delimiter the field separator
   * @return a reader over the file; close it
   * @throws DataException if the file does not exist
   * @throws UncheckedIOException naming the path on any other I/O failure
   */
  public static CsvReader open(Path file, char delimiter) {
    Checks.notNull(file, "file");
    try {
      return new CsvReader(Files.newBufferedReader(file, StandardCharsets.UTF_8), delimiter, file.toString());
    } catch (NoSuchFileException e) {
      throw new DataException("News file " + file + " does not exist", e);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open " + file, e);
    }
  }

  /**
   * Reads a whole UTF-8 file.
   *
   * @param file the CSV file
   * @param delimiter the field separator
   * @return all records in file order (empty for an empty file)
   * @throws DataException if the file does not exist, is not valid UTF-8 or is malformed CSV (naming file and line)
   * @throws UncheckedIOException naming the path on any other I/O failure
   */
  public static List<CsvRecord> readAll(Path file, char delimiter) {
    try (CsvReader r = open(file, delimiter)) {
      List<CsvRecord> out = new ArrayList<>();
      for (Optional<CsvRecord> rec = r.next(); rec.isPresent(); rec = r.next()) {
        out.add(rec.get());
      }
      return out;
    }
  }

  /**
   * Reads all records from a reader (for tests and in-memory text).
   *
   * @param in the character input; closed afterwards
   * @param delimiter the field separator
   * @param source a name for error messages
   * @return all records in order
   * @throws DataException if the input is malformed CSV (naming source and line)
   */
  public static List<CsvRecord> readAll(Reader in, char delimiter, String source) {
    try (CsvReader r = new CsvReader(in, delimiter, source)) {
      List<CsvRecord> out = new ArrayList<>();
      for (Optional<CsvRecord> rec = r.next(); rec.isPresent(); rec = r.next()) {
        out.add(rec.get());
      }
      return out;
    }
  }

  /**
   * Reads the next record.
   *
   * @return the next record, or empty at the end of input
   * @throws DataException on an unterminated quoted field, a character other than delimiter/line break after a
   *     closing quote, or undecodable input; the message names the source and the line
   * @throws UncheckedIOException naming the source on an I/O failure
   */
  public Optional<CsvRecord> next() {
    if (finished) {
      return Optional.empty();
    }
    int c = read();
    if (atStart) {
      atStart = false;
      if (c == '\uFEFF') {
        c = read();
      }
    }
    if (c == EOF) {
      finished = true;
      return Optional.empty();
    }
    int startLine = line;
    List<String> fields = new ArrayList<>();
    StringBuilder sb = new StringBuilder();
    while (true) {
      if (c == '"') {
        c = readQuoted(sb, fields.size() + 1);
        if (c != delimiter && c != '\r' && c != '\n' && c != EOF) {
          throw new DataException(source + ": line " + line + ": unexpected character '" + (char) c
              + "' after the closing quote of field " + (fields.size() + 1) + " (record starting at line "
              + startLine + ")");
        }
      } else {
        while (c != delimiter && c != '\r' && c != '\n' && c != EOF) {
          sb.append((char) c);
          c = read();
        }
      }
      fields.add(sb.toString());
      sb.setLength(0);
      if (c == delimiter) {
        c = read();
        continue;
      }
      if (c == '\r') {
        int n = read();
        if (n != '\n') {
          unread(n);
        }
        line++;
      } else if (c == '\n') {
        line++;
      } else {
        finished = true;
      }
      return Optional.of(new CsvRecord(startLine, fields));
    }
  }

  /** Reads a quoted field after its opening quote into {@code sb}; returns the character after the closing quote. */
  private int readQuoted(StringBuilder sb, int fieldNumber) {
    int quoteLine = line;
    while (true) {
      int c = read();
      if (c == EOF) {
        throw new DataException(source + ": unterminated quoted field " + fieldNumber + " starting at line "
            + quoteLine);
      }
      if (c == '"') {
        int n = read();
        if (n == '"') {
          sb.append('"');
          continue;
        }
        return n;
      }
      if (c == '\n') {
        line++;
      } else if (c == '\r') {
        int n = read();
        if (n != '\n') {
          line++;
        }
        unread(n);
      }
      sb.append((char) c);
    }
  }

  private void unread(int c) {
    pushedBack = c;
  }

  private int read() {
    if (pushedBack != Integer.MIN_VALUE) {
      int c = pushedBack;
      pushedBack = Integer.MIN_VALUE;
      return c;
    }
    if (pos == len) {
      try {
        len = in.read(buf, 0, buf.length);
      } catch (CharacterCodingException e) {
        throw new DataException(source + ": not valid UTF-8 text near line " + line, e);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + source, e);
      }
      pos = 0;
      if (len <= 0) {
        len = 0;
        return EOF;
      }
    }
    return buf[pos++];
  }

  /**
   * Closes the underlying reader.
   *
   * @throws UncheckedIOException naming the source if closing fails
   */
  @Override
  public void close() {
    try {
      in.close();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot close " + source, e);
    }
  }
}
