package io.slipstream.analytics.frame;

import io.slipstream.core.Checks;
import io.slipstream.core.DataException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.InstantColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * SQL straight over the Parquet lake with DuckDB (in-process, JDBC), results as Tablesaw tables:
 * <pre>{@code
 * try (LakeSql sql = LakeSql.open(dataDir)) {
 *   Table t = sql.query("SELECT coin, avg(close * volume) AS dollar_volume FROM 'candles_4h.parquet' GROUP BY coin");
 * }
 * }</pre>
 * File names in the SQL resolve against the lake folder ({@code file_search_path}), so the lake's own names work
 * as table names. The connection is in memory and never installs extensions from the network
 * ({@code autoinstall_known_extensions=false}, DESIGN.md); Parquet support is built into the driver.
 *
 * <p>Types: BOOLEAN to boolean; integer types to long; floating, DECIMAL and HUGEINT to double (SQL NULL to NaN);
 * TIMESTAMP and TIMESTAMP WITH TIME ZONE to {@link Instant} (a zone-less TIMESTAMP read as UTC); anything else to
 * its string form. Not thread-safe: one per notebook or thread.
 */
public final class LakeSql implements AutoCloseable {
  private final Path lake;
  private final Connection conn;

  private LakeSql(Path lake, Connection conn) {
    this.lake = lake;
    this.conn = conn;
  }

  /**
   * Opens an in-memory DuckDB whose relative file names resolve in {@code lake}.
   *
   * @param lake the lake folder (e.g. {@code ../shared/data/hyperliquid})
   * @return an open connection; close it when done
   * @throws DataException if the folder does not exist or DuckDB cannot start (its message included)
   */
  public static LakeSql open(Path lake) {
    Checks.notNull(lake, "lake");
    Path dir = lake.toAbsolutePath().normalize();
    if (!Files.isDirectory(dir)) {
      throw new DataException("data directory not found: " + dir);
    }
    Properties props = new Properties();
    props.setProperty("autoinstall_known_extensions", "false");
    try {
      Class.forName("org.duckdb.DuckDBDriver");
      Connection c = DriverManager.getConnection("jdbc:duckdb:", props);
      try (Statement st = c.createStatement()) {
        st.execute("SET file_search_path = '" + dir.toString().replace("'", "''") + "'");
        st.execute("SET TimeZone = 'UTC'");
      }
      return new LakeSql(dir, c);
    } catch (SQLException | ClassNotFoundException e) {
      throw new DataException("cannot open DuckDB over " + dir + ": " + e.getMessage(), e);
    }
  }

  /** @return the lake folder file names resolve in (absolute) */
  public Path lake() {
    return lake;
  }

  /**
   * Runs one query and reads the whole result.
   *
   * @param sql a DuckDB SQL query (e.g. over {@code 'candles_4h.parquet'})
   * @return a new table named "sql" with one column per result column, in order
   * @throws DataException if DuckDB rejects or fails the query (its message and the SQL named)
   */
  public Table query(String sql) {
    Checks.notNull(sql, "sql");
    try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      return read(rs);
    } catch (SQLException e) {
      throw new DataException("SQL failed: " + e.getMessage() + "\n  in: " + sql, e);
    }
  }

  /**
   * One query over the lake, opening and closing DuckDB around it.
   *
   * @param lake the lake folder
   * @param sql the query
   * @return the result as a table
   * @throws DataException as {@link #open} and {@link #query}
   */
  public static Table query(Path lake, String sql) {
    try (LakeSql s = open(lake)) {
      return s.query(sql);
    }
  }

  private static Table read(ResultSet rs) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    int n = md.getColumnCount();
    List<Column<?>> cols = new ArrayList<>();
    int[] kind = new int[n];
    for (int i = 1; i <= n; i++) {
      String name = md.getColumnLabel(i);
      int type = md.getColumnType(i);
      String typeName = md.getColumnTypeName(i).toUpperCase(java.util.Locale.ROOT);
      if (type == Types.BOOLEAN) {
        kind[i - 1] = 0;
        cols.add(BooleanColumn.create(name));
      } else if (type == Types.TINYINT || type == Types.SMALLINT || type == Types.INTEGER || type == Types.BIGINT) {
        kind[i - 1] = 1;
        cols.add(LongColumn.create(name));
      } else if (type == Types.FLOAT || type == Types.DOUBLE || type == Types.REAL || type == Types.DECIMAL
          || type == Types.NUMERIC || typeName.equals("HUGEINT") || typeName.startsWith("UBIGINT")
          || typeName.startsWith("UINTEGER")) {
        kind[i - 1] = 2;
        cols.add(DoubleColumn.create(name));
      } else if (type == Types.TIMESTAMP || type == Types.TIMESTAMP_WITH_TIMEZONE || typeName.startsWith("TIMESTAMP")) {
        kind[i - 1] = 3;
        cols.add(InstantColumn.create(name));
      } else {
        kind[i - 1] = 4;
        cols.add(StringColumn.create(name));
      }
    }
    while (rs.next()) {
      for (int i = 1; i <= n; i++) {
        Column<?> col = cols.get(i - 1);
        switch (kind[i - 1]) {
          case 0 -> {
            boolean b = rs.getBoolean(i);
            if (rs.wasNull()) {
              ((BooleanColumn) col).appendMissing();
            } else {
              ((BooleanColumn) col).append(b);
            }
          }
          case 1 -> {
            long v = rs.getLong(i);
            if (rs.wasNull()) {
              ((LongColumn) col).appendMissing();
            } else {
              ((LongColumn) col).append(v);
            }
          }
          case 2 -> {
            double v = rs.getDouble(i);
            ((DoubleColumn) col).append(rs.wasNull() ? Double.NaN : v);
          }
          case 3 -> {
            Object o = rs.getObject(i);
            ((InstantColumn) col).append(o == null ? null : toInstant(o));
          }
          default -> {
            Object o = rs.getObject(i);
            ((StringColumn) col).append(o == null ? null : o.toString());
          }
        }
      }
    }
    return Table.create("sql", cols);
  }

  private static Instant toInstant(Object o) {
    if (o instanceof OffsetDateTime odt) {
      return odt.toInstant();
    }
    if (o instanceof java.sql.Timestamp ts) {
      return ts.toLocalDateTime().toInstant(java.time.ZoneOffset.UTC);
    }
    if (o instanceof java.time.LocalDateTime ldt) {
      return ldt.toInstant(java.time.ZoneOffset.UTC);
    }
    if (o instanceof Instant i) {
      return i;
    }
    throw new DataException("unexpected timestamp value of type " + o.getClass().getName());
  }

  @Override
  public void close() {
    try {
      conn.close();
    } catch (SQLException e) {
      throw new DataException("cannot close DuckDB: " + e.getMessage(), e);
    }
  }
}
