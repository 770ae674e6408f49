package io.slipstream.live;

import io.slipstream.live.hl.AssetMeta;
import io.slipstream.live.hl.ExchangeApi.OidCancel;
import io.slipstream.live.hl.ExchangeException;
import io.slipstream.live.hl.InfoApi;
import io.slipstream.live.hl.Meta;
import io.slipstream.live.hl.OpenOrder;
import io.slipstream.live.hl.OrderAck;
import io.slipstream.live.hl.OrderRequest;
import io.slipstream.live.hl.PriceRules;
import io.slipstream.live.hl.Tif;
import io.slipstream.live.store.AuditStore;
import io.slipstream.live.store.AuditStore.OrderRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * The emergency stop ({@code slipstream live stop}): cancels every open order of the account it can (perps by their
 * index in {@code meta}, spot pairs {@code @N} as asset {@code 10000 + N}; an order it cannot map, a failed cancel
 * request or an unreadable {@code meta} is reported as a problem and never keeps the other cancels from being sent)
 * and, with
 * {@code flattenAll}, closes every position with reduce-only IOC orders at mid x (1 -/+ slippage). Safe to run at
 * any time and idempotent: with nothing open it sends nothing; reduce-only orders can never open or flip a
 * position, so running it twice cannot overshoot. Every action is recorded (stage {@code "stop"}) before it is
 * sent.
 */
public final class EmergencyStop {
  /** Spot pair {@code @N} has asset id {@code 10000 + N}. */
  static final int SPOT_ASSET_OFFSET = 10_000;

  private EmergencyStop() {
  }

  /**
   * What the stop did.
   *
   * @param cancelled open orders cancelled
   * @param flattenOrders reduce-only close orders sent
   * @param remainingPositions positions still open afterwards (coin to signed size)
   * @param problems one line per cancel or close that failed, and (with {@code flattenAll}) one per position still
   *     open afterwards
   */
  public record Result(int cancelled, int flattenOrders, Map<String, Double> remainingPositions,
      List<String> problems) {
  }

  /**
   * @param venue the account's venue (live or paper)
   * @param info meta and books
   * @param store the audit trail
   * @param flattenAll also close every position
   * @param slippagePct the close orders' limit: mid x (1 -/+ this / 100), percent, in {@code (0, 50]}
   * @param clock time source
   * @param log one line per action
   * @return what was done
   * @throws ExchangeException when the account cannot be read at all
   */
  public static Result run(Venue venue, InfoApi info, Optional<AuditStore> store, boolean flattenAll,
      double slippagePct, Clock clock, Consumer<String> log) {
    if (!(slippagePct > 0 && slippagePct <= 50)) {
      throw new IllegalArgumentException("--slippage-pct must be in (0, 50], was " + slippagePct);
    }
    List<String> problems = new ArrayList<>();
    // the universe is needed to map a perp's coin to its asset id, but an order it cannot map (a spot pair, or every
    // order when meta is unreadable) must not keep the others from being cancelled
    Optional<Meta> meta;
    try {
      meta = Optional.of(info.meta());
    } catch (ExchangeException e) {
      meta = Optional.empty();
      problems.add("meta unreadable, perp orders cannot be mapped to asset ids: " + e.getMessage());
    }
    List<OpenOrder> open = venue.openOrders();
    int cancelled = 0;
    List<OpenOrder> mapped = new ArrayList<>();
    List<OidCancel> cancels = new ArrayList<>();
    for (OpenOrder o : open) {
      OptionalInt asset = assetId(o.coin(), meta);
      if (asset.isPresent()) {
        mapped.add(o);
        cancels.add(new OidCancel(asset.getAsInt(), o.oid()));
      } else {
        problems.add("cancel " + o.coin() + " oid " + o.oid() + ": no asset id for this coin (not a perp of meta, "
            + "not a spot pair @N): not cancelled");
      }
    }
    if (!cancels.isEmpty()) {
      List<String> res;
      try {
        res = venue.exchange().cancel(cancels);
      } catch (ExchangeException e) {
        res = List.of();
        problems.add("cancel request for " + cancels.size() + " orders failed: " + e.getMessage());
      }
      for (int i = 0; i < mapped.size() && !res.isEmpty(); i++) {
        OpenOrder o = mapped.get(i);
        String r = i < res.size() ? res.get(i) : "no status";
        if (r.equals("success")) {
          cancelled++;
          o.cloid().ifPresent(c -> store.ifPresent(st -> {
            if (st.order(c).isPresent()) {
              st.recordAck(c, "cancelled", Optional.of(o.oid()), "emergency stop");
            }
          }));
        } else {
          problems.add("cancel " + o.coin() + " oid " + o.oid() + ": " + r);
        }
      }
    }
    String cmsg = "emergency stop: " + cancelled + " of " + open.size() + " open orders cancelled";
    log.accept(cmsg);
    store.ifPresent(st -> st.recordEvent(Optional.empty(), "stop", "warn", cmsg));
    int sent = 0;
    if (flattenAll) {
      Map<String, Double> pos = venue.positions();
      Map<String, Double> mids = info.allMids();
      List<OrderRequest> closes = new ArrayList<>();
      long now = clock.nowMs();
      for (Map.Entry<String, Double> e : pos.entrySet()) {
        String coin = e.getKey();
        double szi = e.getValue();
        if (szi == 0) {
          continue;
        }
        Double mid = mids.get(coin);
        if (mid == null || !(mid > 0)) {
          problems.add("flatten " + coin + ": no mid price");
          continue;
        }
        Optional<AssetMeta> am = meta.flatMap(m -> m.find(coin));
        if (am.isEmpty()) {
          problems.add("flatten " + coin + ": not in the perp universe (meta), not closed");
          continue;
        }
        int szd = am.get().szDecimals();
        boolean buy = szi < 0;
        double px = PriceRules.slippagePrice(mid, buy, slippagePct / 100, szd);
        closes.add(new OrderRequest(am.get().index(), coin, buy, px, Math.abs(szi), true, Tif.IOC,
            Optional.of(cloid(now, coin))));
      }
      if (!closes.isEmpty()) {
        for (OrderRequest r : closes) {
          store.ifPresent(st -> st.recordOrder(new OrderRecord(r.cloid().orElseThrow(), Optional.empty(), "stop",
              r.coin(), r.asset(), r.isBuy(), r.px(), r.sz(), r.tif().wire(), true, "pending", Optional.empty(), "",
              now)));
        }
        List<OrderAck> acks;
        try {
          acks = venue.exchange().placeOrders(closes);
        } catch (ExchangeException e) {
          acks = List.of();
          problems.add("flatten request for " + closes.size() + " positions failed: " + e.getMessage());
        }
        sent = acks.isEmpty() ? 0 : closes.size();
        for (int i = 0; i < acks.size(); i++) {
          OrderRequest r = closes.get(i);
          OrderAck a = acks.get(i);
          String c = r.cloid().orElseThrow();
          if (a instanceof OrderAck.Filled f) {
            store.ifPresent(st -> st.recordAck(c, "filled", Optional.of(f.oid()), "closed " + f.totalSz() + " at "
                + f.avgPx()));
            log.accept("flatten " + r.coin() + ": closed " + f.totalSz() + " of " + r.sz() + " at " + f.avgPx());
          } else if (a instanceof OrderAck.Rejected rej) {
            store.ifPresent(st -> st.recordAck(c, "rejected", Optional.empty(), rej.error()));
            problems.add("flatten " + r.coin() + ": " + rej.error());
          } else if (a instanceof OrderAck.Resting rest) {
            store.ifPresent(st -> st.recordAck(c, "resting", Optional.of(rest.oid()), "unexpected: IOC rests"));
            problems.add("flatten " + r.coin() + ": IOC order rests (oid " + rest.oid() + ")");
          }
        }
      }
    }
    venue.poll();
    Map<String, Double> remaining = flattenAll ? venue.positions() : Map.of();
    // a partial IOC fill (a thin book within the slippage limit) leaves a position open: the stop has not done its
    // job, so it must not look like a success (the CLI exits 1 on problems)
    remaining.forEach((coin, szi) -> problems.add("flatten " + coin + ": " + szi + " still open after the stop"));
    for (String p : problems) {
      log.accept("problem: " + p);
      store.ifPresent(st -> st.recordEvent(Optional.empty(), "stop", "error", p));
    }
    return new Result(cancelled, sent, remaining, problems);
  }

  /**
   * The asset id of an order's coin: its index in the perp universe, or {@code 10000 + N} for a spot pair named
   * {@code @N} (API.md; the Python SDK maps spot pairs the same way).
   *
   * @return the id, or empty when the coin is neither
   */
  static OptionalInt assetId(String coin, Optional<Meta> meta) {
    Optional<AssetMeta> perp = meta.flatMap(m -> m.find(coin));
    if (perp.isPresent()) {
      return OptionalInt.of(perp.get().index());
    }
    if (coin.matches("@[0-9]{1,4}")) {
      return OptionalInt.of(SPOT_ASSET_OFFSET + Integer.parseInt(coin.substring(1)));
    }
    return OptionalInt.empty();
  }

  private static String cloid(long nowMs, String coin) {
    return ClientOrderIds.of("stop|" + nowMs + "|" + coin);
  }
}
