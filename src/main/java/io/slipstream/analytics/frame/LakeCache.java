package io.slipstream.analytics.frame;

import io.slipstream.core.BarInterval;
import io.slipstream.core.Checks;
import io.slipstream.data.Lake;
import io.slipstream.data.MarketData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link Lake#load} once per JVM: a notebook kernel that re-runs its cells (or several cells that each need the
 * 4h data) reads the Parquet files once. The key is the folder, interval, funding flag and the files' sizes and
 * modification times, so a rewritten lake file (e.g. after {@code ingest}) is read again. {@link MarketData} is
 * immutable, so sharing it is safe. Thread-safe.
 */
public final class LakeCache {
  private static final Map<String, MarketData> CACHE = new ConcurrentHashMap<>();

  private LakeCache() {
  }

  /**
   * {@link Lake#load}{@code (data, interval, withFunding)}, from the cache when the same files were loaded before.
   *
   * @param data the lake folder
   * @param interval the bar interval
   * @param withFunding whether to load funding (as {@link Lake#load})
   * @return the market data (shared, immutable)
   * @throws io.slipstream.core.DataException as {@link Lake#load}
   */
  public static MarketData load(Path data, BarInterval interval, boolean withFunding) {
    Checks.notNull(data, "data");
    Checks.notNull(interval, "interval");
    Path dir = data.toAbsolutePath().normalize();
    String key = dir + "|" + interval.label() + "|" + withFunding + "|" + stamp(Lake.candlesFile(dir, interval))
        + "|" + (withFunding ? stamp(Lake.fundingFile(dir)) : "");
    return CACHE.computeIfAbsent(key, k -> Lake.load(dir, interval, withFunding));
  }

  /** Forgets every cached load (the next {@link #load} reads the files). */
  public static void clear() {
    CACHE.clear();
  }

  private static String stamp(Path f) {
    try {
      return Files.exists(f) ? Files.size(f) + "@" + Files.getLastModifiedTime(f).toMillis() : "absent";
    } catch (IOException e) {
      throw new UncheckedIOException("cannot stat " + f + ": " + e.getMessage(), e);
    }
  }
}
