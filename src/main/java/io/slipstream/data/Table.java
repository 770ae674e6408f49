package io.slipstream.data;

import io.slipstream.core.Checks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small columnar table, the in-memory form of one long-format Parquet file of the lake
 * (e.g. {@code coin, open_time, open, high, low, close, volume}). Rows are file rows, in file order.
 * String columns are dictionary coded (codes in order of first appearance); timestamp columns are epoch
 * milliseconds UTC; double columns may hold NaN. Arrays are copied in and out, so a {@code Table} is immutable.
 */
public final class Table {
  /** Column types the lake uses. */
  public enum ColumnType {
    /** UTF-8 string, dictionary coded in memory. */
    STRING,
    /** {@code timestamp[ms, UTC]} held as epoch milliseconds. */
    TIMESTAMP_MS,
    /** IEEE double. */
    DOUBLE,
    /** 64-bit integer. */
    INT64
  }

  /** A column's name and type. */
  public record ColumnSpec(String name, ColumnType type) {
    /** Validates the name and type. */
    public ColumnSpec {
      Checks.notNull(name, "name");
      Checks.notNull(type, "type");
    }
  }

  private final int rows;
  private final Map<String, ColumnSpec> specs;
  private final Map<String, Object> data;

  private Table(int rows, Map<String, ColumnSpec> specs, Map<String, Object> data) {
    this.rows = rows;
    this.specs = specs;
    this.data = data;
  }

  /** @return a builder for a table with columns in insertion order */
  public static Builder builder() {
    return new Builder();
  }

  /** @return the number of rows */
  public int rows() {
    return rows;
  }

  /** @return the column specs in order */
  public List<ColumnSpec> columns() {
    return List.copyOf(specs.values());
  }

  /** @return the dictionary codes of string column {@code name} (a copy); code k is {@code dictionary(name).get(k)} */
  public int[] codes(String name) {
    return codesRef(name).clone();
  }

  /** @return the dictionary of string column {@code name}, in order of first appearance */
  public List<String> dictionary(String name) {
    return ((Strings) column(name, ColumnType.STRING)).dictionary;
  }

  /** @return the values of string column {@code name}, one per row (a new array) */
  public String[] strings(String name) {
    Strings s = (Strings) column(name, ColumnType.STRING);
    String[] out = new String[rows];
    for (int i = 0; i < rows; i++) {
      out[i] = s.dictionary.get(s.codes[i]);
    }
    return out;
  }

  /** @return epoch milliseconds UTC of timestamp column {@code name} (a copy) */
  public long[] timestamps(String name) {
    return longsRef(name, ColumnType.TIMESTAMP_MS).clone();
  }

  /** @return the values of INT64 column {@code name} (a copy) */
  public long[] longs(String name) {
    return longsRef(name, ColumnType.INT64).clone();
  }

  /** @return the values of double column {@code name} (a copy) */
  public double[] doubles(String name) {
    return doublesRef(name).clone();
  }

  int[] codesRef(String name) {
    return ((Strings) column(name, ColumnType.STRING)).codes;
  }

  long[] longsRef(String name, ColumnType type) {
    return (long[]) column(name, type);
  }

  double[] doublesRef(String name) {
    return (double[]) column(name, ColumnType.DOUBLE);
  }

  Object rawColumn(String name) {
    return data.get(name);
  }

  private Object column(String name, ColumnType type) {
    ColumnSpec spec = specs.get(name);
    if (spec == null) {
      throw new IllegalArgumentException("no column '" + name + "' in table with columns " + specs.keySet());
    }
    if (spec.type() != type) {
      throw new IllegalArgumentException("column '" + name + "' is " + spec.type() + ", not " + type);
    }
    return data.get(name);
  }

  record Strings(int[] codes, List<String> dictionary) {
  }

  /** Builds a {@link Table}; every column must have the same number of rows. */
  public static final class Builder {
    private final Map<String, ColumnSpec> specs = new LinkedHashMap<>();
    private final Map<String, Object> data = new LinkedHashMap<>();
    private int rows = -1;

    private Builder() {
    }

    private void add(String name, ColumnType type, int length, Object column) {
      Checks.notNull(name, "name");
      if (specs.containsKey(name)) {
        throw new IllegalArgumentException("duplicate column '" + name + "'");
      }
      if (rows >= 0 && length != rows) {
        throw new IllegalArgumentException("column '" + name + "' has " + length + " rows, others have " + rows);
      }
      rows = length;
      specs.put(name, new ColumnSpec(name, type));
      data.put(name, column);
    }

    /** Adds a string column (values must not be null). Not modified. */
    public Builder strings(String name, String[] values) {
      Map<String, Integer> index = new LinkedHashMap<>();
      int[] codes = new int[values.length];
      for (int i = 0; i < values.length; i++) {
        String v = values[i];
        if (v == null) {
          throw new IllegalArgumentException("column '" + name + "' row " + i + " is null");
        }
        Integer code = index.get(v);
        if (code == null) {
          code = index.size();
          index.put(v, code);
        }
        codes[i] = code;
      }
      add(name, ColumnType.STRING, values.length, new Strings(codes, List.copyOf(index.keySet())));
      return this;
    }

    /** Adds a dictionary-coded string column. Not modified. */
    public Builder codedStrings(String name, int[] codes, List<String> dictionary) {
      for (int i = 0; i < codes.length; i++) {
        if (codes[i] < 0 || codes[i] >= dictionary.size()) {
          throw new IllegalArgumentException("column '" + name + "' row " + i + " has code " + codes[i]
              + " outside dictionary of size " + dictionary.size());
        }
      }
      add(name, ColumnType.STRING, codes.length, new Strings(codes.clone(), List.copyOf(dictionary)));
      return this;
    }

    /** Adds a timestamp column of epoch milliseconds UTC. Not modified. */
    public Builder timestamps(String name, long[] epochMs) {
      add(name, ColumnType.TIMESTAMP_MS, epochMs.length, epochMs.clone());
      return this;
    }

    /** Adds an INT64 column. Not modified. */
    public Builder longs(String name, long[] values) {
      add(name, ColumnType.INT64, values.length, values.clone());
      return this;
    }

    /** Adds a double column (NaN allowed). Not modified. */
    public Builder doubles(String name, double[] values) {
      add(name, ColumnType.DOUBLE, values.length, values.clone());
      return this;
    }

    Builder doublesNoCopy(String name, double[] values) {
      add(name, ColumnType.DOUBLE, values.length, values);
      return this;
    }

    Builder timestampsNoCopy(String name, long[] values) {
      add(name, ColumnType.TIMESTAMP_MS, values.length, values);
      return this;
    }

    Builder codedStringsNoCopy(String name, int[] codes, List<String> dictionary) {
      add(name, ColumnType.STRING, codes.length, new Strings(codes, List.copyOf(dictionary)));
      return this;
    }

    /** @return the table */
    public Table build() {
      return new Table(Math.max(rows, 0), new LinkedHashMap<>(specs), new LinkedHashMap<>(data));
    }
  }

  @Override
  public String toString() {
    return "Table" + Arrays.toString(new ArrayList<>(specs.values()).toArray()) + "[" + rows + " rows]";
  }
}
