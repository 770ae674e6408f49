package io.slipstream.ml.news;

import io.slipstream.core.Checks;
import java.util.List;

/**
 * One CSV record as read by {@link CsvReader}: its fields (quotes removed, doubled quotes undone, embedded line breaks
 * kept) and the 1-based physical line of the file on which the record starts (the header is line 1 of a file that has
 * one). A record that spans several physical lines (a quoted field with line breaks) carries its first line.
 *
 * @param line 1-based physical line number where the record starts, {@code >= 1}
 * @param fields the fields in file order, at least one (an empty line is one empty field)
 */
public record CsvRecord(int line, List<String> fields) {
  /**
   * @throws IllegalArgumentException if {@code line < 1}, {@code fields} is null, empty or holds a null
   */
  public CsvRecord {
    Checks.positive(line, "line");
    Checks.notNull(fields, "fields");
    if (fields.isEmpty()) {
      throw new IllegalArgumentException("Argument 'fields' must hold at least one field, was empty (line " + line + ")");
    }
    fields = List.copyOf(fields);
  }

  /** @return the number of fields */
  public int size() {
    return fields.size();
  }

  /**
   * @param index 0-based field index
   * @return the field at {@code index}
   * @throws IndexOutOfBoundsException if {@code index} is outside {@code [0, size())}
   */
  public String get(int index) {
    return fields.get(index);
  }

  /** @return true when the record is one empty field, i.e. the physical line was empty */
  public boolean isBlankLine() {
    return fields.size() == 1 && fields.get(0).isEmpty();
  }
}
