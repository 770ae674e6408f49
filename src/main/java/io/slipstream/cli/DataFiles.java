package io.slipstream.cli;

import io.slipstream.core.BarInterval;
import io.slipstream.core.ConfigException;
import io.slipstream.core.DataException;
import io.slipstream.data.Lake;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Checks, before any loading, that a lake folder has the candles of an interval; shared by the commands. */
final class DataFiles {
  /** How to point a command at the lake, appended to every missing-data error. */
  static final String HINT = " (point at the lake with --data DIR or SLIPSTREAM_DATA=DIR, e.g. --data "
      + "../shared/data/hyperliquid; --data defaults to $SLIPSTREAM_DATA, else data/)";

  private DataFiles() {
  }

  /**
   * @param data the lake folder
   * @throws DataException (exit 1) with {@link #HINT} when the folder does not exist
   */
  static void requireFolder(Path data) {
    if (!Files.isDirectory(data)) {
      throw new DataException("data directory not found: " + data + HINT);
    }
  }

  /**
   * @param data the lake folder
   * @param interval the bar interval asked for
   * @param intervalKey the config key or option that chose the interval, named in the error
   * @throws DataException (exit 1) when the folder is missing or holds no candles file at all
   * @throws ConfigException (exit 2) naming {@code intervalKey} and the intervals that do have data, when only the
   *     asked interval's file is missing
   */
  static void requireCandles(Path data, BarInterval interval, String intervalKey) {
    if (!Files.isDirectory(data)) {
      throw new DataException("data directory not found: " + data + HINT);
    }
    Path f = Lake.candlesFile(data, interval);
    if (Files.exists(f)) {
      return;
    }
    StringBuilder have = new StringBuilder();
    try (Stream<Path> s = Files.list(data)) {
      s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("candles_") && n.endsWith(".parquet"))
          .sorted().forEach(n -> have.append(have.length() == 0 ? "" : ", ")
              .append(n, "candles_".length(), n.length() - ".parquet".length()));
    } catch (IOException ex) {
      throw new UncheckedIOException("cannot list " + data + ": " + ex.getMessage(), ex);
    }
    if (have.length() == 0) {
      throw new DataException("no candles_*.parquet in data directory " + data + HINT);
    }
    throw new ConfigException(intervalKey, "no data file for interval \"" + interval.label() + "\": " + f
        + " does not exist (intervals with data: " + have + ")");
  }
}
