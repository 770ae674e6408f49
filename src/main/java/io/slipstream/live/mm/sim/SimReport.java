package io.slipstream.live.mm.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.TreeSet;

/**
 * Writes a {@link SimResult} into a folder: {@code summary.json} (every number), {@code pnl.csv}
 * ({@code coin,spread_capture,inventory_pnl,fees,funding,total,inventory_end}, USD), {@code fills.csv}
 * ({@code time,coin,side,px,sz,mid,fee_usd}), {@code inventory.csv} ({@code time,coin,inventory,mid,inventory_usd}),
 * {@code suspended.csv} ({@code coin,reason,seconds}) and {@code report.md} (the summary as tables). Times are
 * ISO-8601 UTC; numbers are full double precision.
 */
public final class SimReport {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SimReport() {
  }

  /**
   * @param dir the folder (must exist)
   * @param r the result
   * @throws UncheckedIOException naming the file that could not be written
   */
  public static void write(Path dir, SimResult r) {
    write(dir.resolve("summary.json"), summary(r));
    StringBuilder pnl = new StringBuilder("coin,spread_capture,inventory_pnl,fees,funding,total,inventory_end\n");
    for (SimResult.Pnl p : r.pnl()) {
      pnl.append(p.coin()).append(',').append(p.spreadCapture()).append(',').append(p.inventoryPnl()).append(',')
          .append(p.fees()).append(',').append(p.funding()).append(',').append(p.total()).append(',')
          .append(p.inventoryEnd()).append('\n');
    }
    write(dir.resolve("pnl.csv"), pnl.toString());
    StringBuilder f = new StringBuilder("time,coin,side,px,sz,mid,fee_usd\n");
    for (SimResult.SimFill x : r.fills()) {
      f.append(Instant.ofEpochMilli(x.timeMs())).append(',').append(x.coin()).append(',')
          .append(x.isBuy() ? "buy" : "sell").append(',').append(x.px()).append(',').append(x.sz()).append(',')
          .append(x.midAtFill()).append(',').append(x.feeUsd()).append('\n');
    }
    write(dir.resolve("fills.csv"), f.toString());
    StringBuilder inv = new StringBuilder("time,coin,inventory,mid,inventory_usd\n");
    for (SimResult.InventorySample s : r.inventory()) {
      inv.append(Instant.ofEpochMilli(s.timeMs())).append(',').append(s.coin()).append(',').append(s.inventory())
          .append(',').append(s.mid()).append(',').append(s.inventory() * s.mid()).append('\n');
    }
    write(dir.resolve("inventory.csv"), inv.toString());
    StringBuilder su = new StringBuilder("coin,reason,seconds\n");
    r.suspendedMs().forEach((coin, m) -> new TreeSet<>(m.keySet()).forEach(reason -> su.append(coin).append(',')
        .append(reason).append(',').append(m.get(reason) / 1000.0).append('\n')));
    write(dir.resolve("suspended.csv"), su.toString());
    write(dir.resolve("report.md"), markdown(r));
  }

  private static String summary(SimResult r) {
    ObjectNode o = JSON.createObjectNode();
    o.put("start", Instant.ofEpochMilli(r.startMs()).toString());
    o.put("end", Instant.ofEpochMilli(r.endMs()).toString());
    o.put("events", r.events());
    o.set("total", pnlNode(r.total()));
    ArrayNode per = o.putArray("pnl");
    r.pnl().forEach(p -> per.add(pnlNode(p)));
    ArrayNode mk = o.putArray("markouts");
    for (SimResult.Markout m : r.markouts()) {
      mk.addObject().put("horizon_ms", m.horizonMs()).put("fills", m.fills()).put("usd", m.usd())
          .put("bps", m.bps());
    }
    o.put("orders_placed", r.ordersPlaced()).put("orders_filled", r.ordersFilled())
        .put("fill_ratio", r.fillRatio()).put("placed_notional_usd", r.placedNotionalUsd())
        .put("filled_notional_usd", r.filledNotionalUsd()).put("notional_fill_ratio", r.notionalFillRatio())
        .put("post_only_rejections", r.rejections()).put("cancels", r.cancels()).put("fills", r.fills().size());
    ObjectNode su = o.putObject("suspended_seconds");
    r.suspendedMs().forEach((coin, m) -> {
      ObjectNode c = su.putObject(coin);
      new TreeSet<>(m.keySet()).forEach(k -> c.put(k, m.get(k) / 1000.0));
    });
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(o);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectNode pnlNode(SimResult.Pnl p) {
    return JSON.createObjectNode().put("coin", p.coin()).put("spread_capture_usd", p.spreadCapture())
        .put("inventory_pnl_usd", p.inventoryPnl()).put("fees_usd", p.fees()).put("funding_usd", p.funding())
        .put("total_usd", p.total()).put("inventory_end", p.inventoryEnd());
  }

  private static String markdown(SimResult r) {
    StringBuilder b = new StringBuilder("# Brawler replay\n\n");
    b.append("Replay ").append(Instant.ofEpochMilli(r.startMs())).append(" .. ").append(Instant.ofEpochMilli(
        r.endMs())).append(", ").append(r.events()).append(" events.\n\n## P&L (USD)\n\n")
        .append("| coin | spread capture | inventory | fees | funding | total | end inventory |\n")
        .append("|---|---:|---:|---:|---:|---:|---:|\n");
    for (SimResult.Pnl p : r.pnl()) {
      row(b, p);
    }
    row(b, r.total());
    b.append("\n## Markouts (adverse selection)\n\n| horizon | fills | USD | bps (size-weighted) |\n|---:|---:|---:|---:|\n");
    for (SimResult.Markout m : r.markouts()) {
      b.append(String.format(java.util.Locale.ROOT, "| %d s | %d | %.4f | %.3f |%n", m.horizonMs() / 1000,
          m.fills(), m.usd(), m.bps()));
    }
    b.append(String.format(java.util.Locale.ROOT, "%n## Orders%n%nplaced %d, filled %d (fill ratio %.4f), "
        + "notional fill ratio %.4f, post-only rejections %d, cancels %d, fills %d%n", r.ordersPlaced(),
        r.ordersFilled(), r.fillRatio(), r.notionalFillRatio(), r.rejections(), r.cancels(), r.fills().size()));
    b.append("\n## Time suspended (s)\n\n| coin | reason | seconds |\n|---|---|---:|\n");
    r.suspendedMs().forEach((coin, m) -> new TreeSet<>(m.keySet()).forEach(k -> b.append("| ").append(coin)
        .append(" | ").append(k).append(" | ").append(m.get(k) / 1000.0).append(" |\n")));
    b.append("\nInventory over time: `inventory.csv`; every fill: `fills.csv`.\n");
    return b.toString();
  }

  private static void row(StringBuilder b, SimResult.Pnl p) {
    b.append(String.format(java.util.Locale.ROOT, "| %s | %.4f | %.4f | %.4f | %.4f | %.4f | %s |%n", p.coin(),
        p.spreadCapture(), p.inventoryPnl(), p.fees(), p.funding(), p.total(),
        Double.isNaN(p.inventoryEnd()) ? "" : Double.toString(p.inventoryEnd())));
  }

  private static void write(Path f, String text) {
    try {
      Files.writeString(f, text);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + f + ": " + e.getMessage(), e);
    }
  }
}
