package io.slipstream.live.mm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slipstream.core.DataException;
import io.slipstream.data.ParquetIo;
import io.slipstream.data.Table;
import io.slipstream.data.Table.ColumnSpec;
import io.slipstream.data.Table.ColumnType;
import io.slipstream.live.hl.AssetMeta;
import io.slipstream.live.hl.Meta;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The recorded market-making data layout (the lake of {@code mm record}, read by {@code mm backtest} and the
 * screeners). Under a data directory {@code DIR}:
 * <pre>
 * DIR/meta.json                        the HL meta universe at recording time ({"universe":[{name, szDecimals,
 *                                      maxLeverage, isDelisted}]}, the exchange's own reply format)
 * DIR/bbo_cex/YYYYMMDDTHH.parquet      CEX best bid/offer, one file per UTC hour
 * DIR/bbo_hl/YYYYMMDDTHH.parquet       HL best bid/offer (from l2Book), one file per UTC hour
 * DIR/trades_hl/YYYYMMDDTHH.parquet    HL public trades
 * DIR/depth_hl/YYYYMMDDTHH.parquet     HL l2Book snapshots, one row per level
 * DIR/funding.parquet                  optional: HL funding (the lake's funding layout)
 * </pre>
 * Schemas (timestamps are {@code timestamp[ms, UTC]}; prices USD and sizes in HL units, CEX values converted through
 * the {@link SymbolMap}; rows in receive order):
 * <ul>
 *   <li>bbo: {@code coin} string (HL coin), {@code event_time}, {@code receive_time}, {@code bid_px},
 *       {@code bid_sz}, {@code ask_px}, {@code ask_sz} double;
 *   <li>trades: {@code coin}, {@code event_time}, {@code receive_time}, {@code px}, {@code sz} double,
 *       {@code side} string ({@code B} = the taker bought, {@code A} = the taker sold);
 *   <li>depth: {@code coin}, {@code event_time}, {@code receive_time}, {@code side} string ({@code bid}/{@code ask}),
 *       {@code level} int64 (0 = best), {@code px}, {@code sz} double, {@code n} int64 (orders);
 *   <li>funding: {@code coin}, {@code time}, {@code funding_rate} double (fraction per interval).
 * </ul>
 */
public final class MmLake {
  /** The file name of one hour: {@code yyyyMMdd'T'HH} (UTC) plus {@code .parquet}. */
  public static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyyMMdd'T'HH").withZone(ZoneOffset.UTC);
  static final List<ColumnSpec> BBO = List.of(new ColumnSpec("coin", ColumnType.STRING),
      new ColumnSpec("event_time", ColumnType.TIMESTAMP_MS), new ColumnSpec("receive_time", ColumnType.TIMESTAMP_MS),
      new ColumnSpec("bid_px", ColumnType.DOUBLE), new ColumnSpec("bid_sz", ColumnType.DOUBLE),
      new ColumnSpec("ask_px", ColumnType.DOUBLE), new ColumnSpec("ask_sz", ColumnType.DOUBLE));
  static final List<ColumnSpec> TRADES = List.of(new ColumnSpec("coin", ColumnType.STRING),
      new ColumnSpec("event_time", ColumnType.TIMESTAMP_MS), new ColumnSpec("receive_time", ColumnType.TIMESTAMP_MS),
      new ColumnSpec("px", ColumnType.DOUBLE), new ColumnSpec("sz", ColumnType.DOUBLE),
      new ColumnSpec("side", ColumnType.STRING));
  static final List<ColumnSpec> FUNDING = List.of(new ColumnSpec("coin", ColumnType.STRING),
      new ColumnSpec("time", ColumnType.TIMESTAMP_MS), new ColumnSpec("funding_rate", ColumnType.DOUBLE));
  private static final ObjectMapper JSON = new ObjectMapper();

  private MmLake() {
  }

  /**
   * @param dir the data directory
   * @param dataset {@code bbo_cex}, {@code bbo_hl}, {@code trades_hl} or {@code depth_hl}
   * @param timeMs a time inside the hour, epoch ms
   * @return the hourly file
   */
  public static Path hourFile(Path dir, String dataset, long timeMs) {
    return dir.resolve(dataset).resolve(HOUR.format(Instant.ofEpochMilli(timeMs)) + ".parquet");
  }

  /**
   * Writes {@code meta.json}.
   *
   * @param dir the data directory (created if needed)
   * @param meta the universe
   * @throws UncheckedIOException naming the path
   */
  public static void writeMeta(Path dir, Meta meta) {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode u = root.putArray("universe");
    for (AssetMeta a : meta.universe()) {
      u.addObject().put("name", a.name()).put("szDecimals", a.szDecimals()).put("maxLeverage", a.maxLeverage())
          .put("isDelisted", a.delisted());
    }
    Path f = dir.resolve("meta.json");
    try {
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, ".meta", ".tmp");
      Files.writeString(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
      Files.move(tmp, f, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + f + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads {@code meta.json}.
   *
   * @param dir the data directory
   * @return the universe
   * @throws DataException naming the file when it is missing or malformed
   */
  public static Meta readMeta(Path dir) {
    Path f = dir.resolve("meta.json");
    try {
      JsonNode u = JSON.readTree(f.toFile()).get("universe");
      if (u == null || !u.isArray()) {
        throw new DataException(f + ": no \"universe\" array");
      }
      List<AssetMeta> out = new ArrayList<>();
      for (int i = 0; i < u.size(); i++) {
        JsonNode a = u.get(i);
        if (!a.path("name").isTextual() || !a.path("szDecimals").canConvertToInt()) {
          throw new DataException(f + ": universe[" + i + "] needs a name and szDecimals");
        }
        out.add(new AssetMeta(i, a.get("name").asText(), a.get("szDecimals").asInt(),
            a.path("maxLeverage").asInt(1), a.path("isDelisted").asBoolean(false)));
      }
      return new Meta(out);
    } catch (IOException e) {
      throw new DataException("cannot read " + f + " (mm record writes it): " + e.getMessage());
    }
  }

  /**
   * Reads every hourly file of the recorded streams (and {@code funding.parquet} when present) into one tape.
   *
   * @param dir the data directory
   * @return the tape, each stream sorted by event time; coins in order of first appearance
   * @throws DataException when the directory has no {@code bbo_cex} or {@code bbo_hl} file, or a file is unreadable
   */
  public static MarketTape read(Path dir) {
    Map<String, Integer> coins = new LinkedHashMap<>();
    MarketTape.BboStream cex = readBbo(dir, "bbo_cex", coins);
    MarketTape.BboStream hl = readBbo(dir, "bbo_hl", coins);
    List<Table> tt = tables(dir, "trades_hl", TRADES, false);
    int n = tt.stream().mapToInt(Table::rows).sum();
    int[] coin = new int[n];
    long[] ev = new long[n];
    long[] rc = new long[n];
    double[] px = new double[n];
    double[] sz = new double[n];
    boolean[] buy = new boolean[n];
    int k = 0;
    for (Table t : tt) {
      int[] map = codes(t, "coin", coins);
      int[] c = t.codes("coin");
      long[] e = t.timestamps("event_time");
      long[] r = t.timestamps("receive_time");
      double[] p = t.doubles("px");
      double[] s = t.doubles("sz");
      String[] side = t.strings("side");
      for (int i = 0; i < t.rows(); i++, k++) {
        coin[k] = map[c[i]];
        ev[k] = e[i];
        rc[k] = r[i];
        px[k] = p[i];
        sz[k] = s[i];
        buy[k] = "B".equals(side[i]);
      }
    }
    MarketTape.TradeStream trades = new MarketTape.TradeStream(coin, ev, rc, px, sz, buy).sorted();
    MarketTape.FundingStream funding = MarketTape.FundingStream.empty();
    Path ff = dir.resolve("funding.parquet");
    if (Files.isRegularFile(ff)) {
      Table t = ParquetIo.read(ff, FUNDING);
      List<String> dict = t.dictionary("coin");
      int[] c = t.codes("coin");
      long[] tm = t.timestamps("time");
      double[] rate = t.doubles("funding_rate");
      List<Integer> keep = new ArrayList<>();
      for (int i = 0; i < t.rows(); i++) {
        if (coins.containsKey(dict.get(c[i]))) {
          keep.add(i);
        }
      }
      int[] fc = new int[keep.size()];
      long[] ft = new long[keep.size()];
      double[] fr = new double[keep.size()];
      for (int j = 0; j < keep.size(); j++) {
        int i = keep.get(j);
        fc[j] = coins.get(dict.get(c[i]));
        ft[j] = tm[i];
        fr[j] = rate[i];
      }
      funding = new MarketTape.FundingStream(fc, ft, fr).sorted();
    }
    return new MarketTape(List.copyOf(coins.keySet()), cex, hl, trades, funding);
  }

  private static MarketTape.BboStream readBbo(Path dir, String dataset, Map<String, Integer> coins) {
    List<Table> tables = tables(dir, dataset, BBO, true);
    int n = tables.stream().mapToInt(Table::rows).sum();
    int[] coin = new int[n];
    long[] ev = new long[n];
    long[] rc = new long[n];
    double[] bp = new double[n];
    double[] bs = new double[n];
    double[] ap = new double[n];
    double[] as = new double[n];
    int k = 0;
    for (Table t : tables) {
      int[] map = codes(t, "coin", coins);
      int[] c = t.codes("coin");
      int m = t.rows();
      for (int i = 0; i < m; i++) {
        coin[k + i] = map[c[i]];
      }
      System.arraycopy(t.timestamps("event_time"), 0, ev, k, m);
      System.arraycopy(t.timestamps("receive_time"), 0, rc, k, m);
      System.arraycopy(t.doubles("bid_px"), 0, bp, k, m);
      System.arraycopy(t.doubles("bid_sz"), 0, bs, k, m);
      System.arraycopy(t.doubles("ask_px"), 0, ap, k, m);
      System.arraycopy(t.doubles("ask_sz"), 0, as, k, m);
      k += m;
    }
    for (int i = 0; i < n; i++) {
      if (!(bp[i] > 0) || !(ap[i] > bp[i])) {
        throw new DataException(dir.resolve(dataset) + ": row " + i + " has bid " + bp[i] + " and ask " + ap[i]
            + " (need 0 < bid < ask)");
      }
    }
    return new MarketTape.BboStream(coin, ev, rc, bp, bs, ap, as).sorted();
  }

  private static int[] codes(Table t, String col, Map<String, Integer> coins) {
    List<String> dict = t.dictionary(col);
    int[] map = new int[dict.size()];
    for (int i = 0; i < map.length; i++) {
      map[i] = coins.computeIfAbsent(dict.get(i), x -> coins.size());
    }
    return map;
  }

  private static List<Table> tables(Path dir, String dataset, List<ColumnSpec> schema, boolean required) {
    Path d = dir.resolve(dataset);
    if (!Files.isDirectory(d)) {
      if (required) {
        throw new DataException("no recorded " + dataset + " data: " + d + " is not a directory (mm record writes it)");
      }
      return List.of();
    }
    List<Path> files;
    try (Stream<Path> s = Files.list(d)) {
      files = s.filter(p -> p.getFileName().toString().endsWith(".parquet")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + d + ": " + e.getMessage(), e);
    }
    if (files.isEmpty() && required) {
      throw new DataException("no recorded " + dataset + " data: " + d + " has no .parquet file");
    }
    List<Table> out = new ArrayList<>();
    for (Path f : files) {
      out.add(ParquetIo.read(f, schema));
    }
    return out;
  }

  /**
   * Writes BBO rows as one Parquet file (atomic).
   *
   * @param file the target
   * @param rows the rows
   */
  public static void writeBbo(Path file, List<Bbo> rows) {
    int n = rows.size();
    String[] coin = new String[n];
    long[] ev = new long[n];
    long[] rc = new long[n];
    double[] bp = new double[n];
    double[] bs = new double[n];
    double[] ap = new double[n];
    double[] as = new double[n];
    for (int i = 0; i < n; i++) {
      Bbo b = rows.get(i);
      coin[i] = b.coin();
      ev[i] = b.eventTimeMs();
      rc[i] = b.receiveTimeMs();
      bp[i] = b.bidPx();
      bs[i] = b.bidSz();
      ap[i] = b.askPx();
      as[i] = b.askSz();
    }
    ParquetIo.write(file, Table.builder().strings("coin", coin).timestamps("event_time", ev)
        .timestamps("receive_time", rc).doubles("bid_px", bp).doubles("bid_sz", bs).doubles("ask_px", ap)
        .doubles("ask_sz", as).build());
  }

  /**
   * Writes trade rows as one Parquet file (atomic).
   *
   * @param file the target
   * @param rows the rows
   */
  public static void writeTrades(Path file, List<Trade> rows) {
    int n = rows.size();
    String[] coin = new String[n];
    long[] ev = new long[n];
    long[] rc = new long[n];
    double[] px = new double[n];
    double[] sz = new double[n];
    String[] side = new String[n];
    for (int i = 0; i < n; i++) {
      Trade t = rows.get(i);
      coin[i] = t.coin();
      ev[i] = t.eventTimeMs();
      rc[i] = t.receiveTimeMs();
      px[i] = t.px();
      sz[i] = t.sz();
      side[i] = t.buyerAggressor() ? "B" : "A";
    }
    ParquetIo.write(file, Table.builder().strings("coin", coin).timestamps("event_time", ev)
        .timestamps("receive_time", rc).doubles("px", px).doubles("sz", sz).strings("side", side).build());
  }
}
