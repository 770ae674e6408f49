package io.slipstream.backtest.search;

import io.slipstream.data.ParquetIo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Streams grid rows to Parquet part files in a results folder: rows are buffered and written
 * {@code rowsPerPart} at a time as {@code part-NNNNN.parquet} (each file written atomically, so a part is either
 * whole or absent), numbering after the parts already there. {@link #flush()} writes the buffer now (a shutdown hook
 * calls it on Ctrl-C so nothing computed is lost). Thread-safe.
 */
public final class ResultWriter implements Consumer<GridRow>, AutoCloseable {
  private final Path dir;
  private final GridSpec spec;
  private final int blocks;
  private final int rowsPerPart;
  private final List<GridRow> buffer = new ArrayList<>();
  private int nextPart;
  private long written;

  /**
   * @param dir the results folder (created on the first write)
   * @param spec the grid
   * @param blocks number of CSCV blocks
   * @param rowsPerPart rows per part file, {@code >= 1}
   */
  public ResultWriter(Path dir, GridSpec spec, int blocks, int rowsPerPart) {
    if (rowsPerPart < 1) {
      throw new IllegalArgumentException("Argument 'rowsPerPart' must be >= 1, was " + rowsPerPart);
    }
    this.dir = dir;
    this.spec = spec;
    this.blocks = blocks;
    this.rowsPerPart = rowsPerPart;
    int max = -1;
    for (Path p : GridResults.parts(dir)) {
      String f = p.getFileName().toString();
      if (f.matches("part-\\d{5,}\\.parquet")) {
        max = Math.max(max, Integer.parseInt(f.substring(5, f.length() - 8)));
      }
    }
    this.nextPart = max + 1;
  }

  @Override
  public synchronized void accept(GridRow row) {
    buffer.add(row);
    if (buffer.size() >= rowsPerPart) {
      flush();
    }
  }

  /** Writes the buffered rows as one part file (nothing when the buffer is empty). */
  public synchronized void flush() {
    if (buffer.isEmpty()) {
      return;
    }
    Path file = dir.resolve(String.format(Locale.ROOT, "part-%05d.parquet", nextPart));
    ParquetIo.write(file, GridResults.toTable(spec, blocks, buffer));
    nextPart++;
    written += buffer.size();
    buffer.clear();
  }

  /** @return rows written to part files by this writer */
  public synchronized long written() {
    return written;
  }

  @Override
  public void close() {
    flush();
  }
}
