package io.slipstream.live.protect;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slipstream.live.ClientOrderIds;
import io.slipstream.live.Clock;
import io.slipstream.live.hl.AccountState;
import io.slipstream.live.hl.AssetMeta;
import io.slipstream.live.hl.ExchangeApi;
import io.slipstream.live.hl.ExchangeApi.OidCancel;
import io.slipstream.live.hl.FrontendOrder;
import io.slipstream.live.hl.InfoApi;
import io.slipstream.live.hl.Meta;
import io.slipstream.live.hl.OrderAck;
import io.slipstream.live.hl.OrderRequest;
import io.slipstream.live.hl.Position;
import io.slipstream.live.hl.PriceRules;
import io.slipstream.live.hl.Tif;
import io.slipstream.live.hl.Trigger;
import io.slipstream.live.store.AuditStore;
import io.slipstream.live.store.AuditStore.OrderRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Keeps exchange-side stop-loss and take-profit trigger orders in step with the account's positions
 * ({@link ProtectionConfig} gives the prices). One {@link #sync} after every rebalance:
 * <ol>
 *   <li>reads the positions ({@code clearinghouseState}: size and entry price) and the open orders with their
 *       trigger fields ({@code frontendOpenOrders});</li>
 *   <li>the protective orders are the open trigger orders whose client order id the audit store holds with stage
 *       {@value #STAGE} (orders someone else placed on the account are never touched);</li>
 *   <li>for every position and every kind configured (stop-loss, take-profit) the wanted order is: the closing
 *       side, the position's whole size, reduce-only, the configured trigger and limit prices. An existing
 *       protective order equal to it (coin, kind, side, size, trigger price, market or limit) is kept; otherwise
 *       the wanted one is placed (recorded first, under a fresh client id);</li>
 *   <li>then every protective order not kept is cancelled: a resized or re-priced position's old orders, and
 *       those of closed positions. New orders go in before old ones go out, so a position is never left without
 *       its stop between the two steps (both are reduce-only: the exchange never fills them beyond the
 *       position).</li>
 * </ol>
 * A problem (a rejected order, a failed cancel) is reported in the result and by the problem listener; it never
 * throws once the reads succeeded, so a protection failure does not undo a completed rebalance.
 */
public final class Protector {
  /** The audit stage of protective orders. */
  public static final String STAGE = "protect";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ProtectionConfig config;
  private final InfoApi info;
  private final Function<String, List<FrontendOrder>> openOrders;
  private final ExchangeApi exchange;
  private final String user;
  private final AuditStore store;
  private final Clock clock;
  private final Consumer<String> log;

  /**
   * @param config stop-loss and take-profit settings
   * @param info positions ({@code clearinghouseState}), {@code meta} and mids
   * @param openOrders the account's open orders with trigger fields (e.g. {@code client::frontendOpenOrders})
   * @param exchange signed orders and cancels
   * @param user the account address
   * @param store the audit trail: every protective order is recorded before it is sent
   * @param clock time source (client order ids, audit times)
   * @param log one line per action
   */
  public Protector(ProtectionConfig config, InfoApi info, Function<String, List<FrontendOrder>> openOrders,
      ExchangeApi exchange, String user, AuditStore store, Clock clock, Consumer<String> log) {
    this.config = Objects.requireNonNull(config, "config");
    this.info = Objects.requireNonNull(info, "info");
    this.openOrders = Objects.requireNonNull(openOrders, "openOrders");
    this.exchange = Objects.requireNonNull(exchange, "exchange");
    this.user = Objects.requireNonNull(user, "user");
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.log = Objects.requireNonNull(log, "log");
  }

  /**
   * What one sync did.
   *
   * @param placed protective orders placed and accepted
   * @param kept protective orders already right
   * @param cancelled protective orders cancelled
   * @param problems one line per rejected order or failed cancel
   */
  public record Result(int placed, int kept, int cancelled, List<String> problems) {
    /** Copies the list. */
    public Result {
      problems = List.copyOf(problems);
    }

    /** @return {@code {"placed","kept","cancelled","problems":[..]}} */
    public ObjectNode toJson() {
      ObjectNode o = JSON.createObjectNode();
      o.put("placed", placed);
      o.put("kept", kept);
      o.put("cancelled", cancelled);
      ArrayNode p = o.putArray("problems");
      problems.forEach(p::add);
      return o;
    }
  }

  /**
   * The protective order wanted for a position.
   *
   * @param coin the coin
   * @param asset its asset index
   * @param isBuy the closing side (true for a short)
   * @param sz the position's size, base asset
   * @param trigger kind, trigger price and market flag
   * @param limitPx the order's limit price, USD
   */
  public record Wanted(String coin, int asset, boolean isBuy, double sz, Trigger trigger, double limitPx) {
  }

  /**
   * The orders wanted for the positions (pure: the formulas of {@link ProtectionConfig}).
   *
   * @param config the settings
   * @param positions the open positions (size and entry price)
   * @param meta asset indices and size decimals
   * @param mids mid prices, used when a position has no entry price
   * @return stop-loss first, then take-profit, per position in the given order; a coin missing from meta or
   *     without any price is left out
   */
  public static List<Wanted> wanted(ProtectionConfig config, List<Position> positions, Meta meta,
      Map<String, Double> mids) {
    List<Wanted> out = new ArrayList<>();
    for (Position p : positions) {
      Optional<AssetMeta> am = meta.find(p.coin());
      double ref = p.entryPx() > 0 ? p.entryPx() : mids.getOrDefault(p.coin(), Double.NaN);
      if (p.szi() == 0 || am.isEmpty() || !(ref > 0) || Double.isInfinite(ref)) {
        continue;
      }
      boolean isBuy = p.szi() < 0;
      int szd = am.get().szDecimals();
      add(out, p, am.get(), isBuy, config.stopLossPct(), Trigger.Tpsl.SL, ref, szd, config);
      add(out, p, am.get(), isBuy, config.takeProfitPct(), Trigger.Tpsl.TP, ref, szd, config);
    }
    return out;
  }

  private static void add(List<Wanted> out, Position p, AssetMeta am, boolean isBuy, OptionalDouble pct,
      Trigger.Tpsl kind, double ref, int szd, ProtectionConfig config) {
    if (pct.isEmpty()) {
      return;
    }
    double k = pct.getAsDouble() / 100;
    // a long's stop is below the entry, its take-profit above; a short's the other way round
    boolean below = (kind == Trigger.Tpsl.SL) != isBuy;
    double triggerPx = PriceRules.roundPrice(ref * (below ? 1 - k : 1 + k), szd);
    double limitPx = PriceRules.slippagePrice(triggerPx, isBuy, config.slippagePct() / 100, szd);
    out.add(new Wanted(p.coin(), am.index(), isBuy, Math.abs(p.szi()), new Trigger(triggerPx, config.market(), kind),
        limitPx));
  }

  /**
   * Brings the protective orders in line with the positions (see the class documentation).
   *
   * @return what was placed, kept and cancelled, and the problems
   * @throws io.slipstream.live.hl.ExchangeException when the positions or open orders cannot be read
   */
  public Result sync() {
    AccountState state = info.clearinghouseState(user);
    List<FrontendOrder> open = openOrders.apply(user);
    Meta meta = info.meta();
    Map<String, Double> mids = info.allMids();
    List<FrontendOrder> ours = new ArrayList<>();
    for (FrontendOrder f : open) {
      boolean recorded = f.order().cloid().flatMap(store::order).map(r -> r.stage().equals(STAGE)).orElse(false);
      if (f.isTrigger() && recorded) {
        ours.add(f);
      }
    }
    List<Wanted> wanted = wanted(config, state.positions(), meta, mids);
    List<FrontendOrder> stale = new ArrayList<>(ours);
    List<Wanted> toPlace = new ArrayList<>();
    int kept = 0;
    for (Wanted w : wanted) {
      Optional<FrontendOrder> same = stale.stream().filter(f -> matches(f, w)).findFirst();
      if (same.isPresent()) {
        stale.remove(same.get());
        kept++;
      } else {
        toPlace.add(w);
      }
    }
    List<String> problems = new ArrayList<>();
    int placed = place(toPlace, problems);
    int cancelled = cancel(stale, meta, problems);
    Result r = new Result(placed, kept, cancelled, problems);
    log.accept("protection: " + placed + " placed, " + kept + " kept, " + cancelled + " cancelled"
        + (problems.isEmpty() ? "" : ", " + problems.size() + " problems"));
    return r;
  }

  private static boolean matches(FrontendOrder f, Wanted w) {
    return f.order().coin().equals(w.coin()) && f.order().isBuy() == w.isBuy() && f.order().sz() == w.sz()
        && f.tpsl().equals(Optional.of(w.trigger().tpsl())) && f.triggerPx() == w.trigger().triggerPx()
        && f.isMarket() == w.trigger().isMarket() && f.reduceOnly();
  }

  private int place(List<Wanted> toPlace, List<String> problems) {
    if (toPlace.isEmpty()) {
      return 0;
    }
    long now = clock.nowMs();
    List<OrderRequest> orders = new ArrayList<>();
    for (Wanted w : toPlace) {
      String cloid = ClientOrderIds.of(STAGE + "|" + user + "|" + now + "|" + w.coin() + "|" + w.trigger().tpsl()
          .wire());
      OrderRequest o = new OrderRequest(w.asset(), w.coin(), w.isBuy(), w.limitPx(), w.sz(), true, Tif.GTC,
          Optional.of(cloid), Optional.of(w.trigger()));
      // a trigger order rests until it fires: tif Gtc; the trigger goes in the detail
      store.recordOrder(new OrderRecord(cloid, Optional.empty(), STAGE, w.coin(), w.asset(), w.isBuy(), w.limitPx(),
          w.sz(), Tif.GTC.wire(), true, "pending", Optional.empty(), (w.trigger().tpsl() == Trigger.Tpsl.SL
          ? "stop-loss" : "take-profit") + (w.trigger().isMarket() ? " market" : " limit") + " trigger at "
          + w.trigger().triggerPx(), now));
      orders.add(o);
    }
    List<OrderAck> acks = exchange.placeOrders(orders);
    int ok = 0;
    for (int i = 0; i < orders.size(); i++) {
      OrderRequest o = orders.get(i);
      String cloid = o.cloid().orElseThrow();
      String what = o.trigger().orElseThrow().tpsl() == Trigger.Tpsl.SL ? "stop-loss" : "take-profit";
      OrderAck a = acks.get(i);
      if (a instanceof OrderAck.Resting r) {
        store.recordAck(cloid, "resting", Optional.of(r.oid()), "protective " + what);
        log.accept(String.format("protection: %s %s %s %s trigger %s limit %s (oid %d)", o.coin(), what,
            o.isBuy() ? "buy" : "sell", o.sz(), o.trigger().get().triggerPx(), o.px(), r.oid()));
        ok++;
      } else if (a instanceof OrderAck.Filled f) {
        // the price was already through the trigger: the position was closed (in part) at once
        store.recordAck(cloid, "filled", Optional.of(f.oid()), "protective " + what + " fired when placed: "
            + f.totalSz() + " at " + f.avgPx());
        problems.add(o.coin() + " " + what + " fired when placed (price already through " + o.trigger().get()
            .triggerPx() + ")");
        ok++;
      } else if (a instanceof OrderAck.Rejected rej) {
        store.recordAck(cloid, "rejected", Optional.empty(), rej.error());
        problems.add(o.coin() + " " + what + " rejected: " + rej.error());
      }
    }
    return ok;
  }

  private int cancel(List<FrontendOrder> stale, Meta meta, List<String> problems) {
    List<FrontendOrder> known = new ArrayList<>();
    List<OidCancel> cancels = new ArrayList<>();
    for (FrontendOrder f : stale) {
      Optional<AssetMeta> am = meta.find(f.order().coin());
      if (am.isEmpty()) {
        problems.add("cannot cancel protective order " + f.order().oid() + ": " + f.order().coin()
            + " is not in meta");
        continue;
      }
      known.add(f);
      cancels.add(new OidCancel(am.get().index(), f.order().oid()));
    }
    if (cancels.isEmpty()) {
      return 0;
    }
    List<String> res = exchange.cancel(cancels);
    int n = 0;
    for (int i = 0; i < known.size(); i++) {
      FrontendOrder f = known.get(i);
      String r = i < res.size() ? res.get(i) : "no status";
      if (r.equals("success")) {
        n++;
        store.recordAck(f.order().cloid().orElseThrow(), "cancelled", Optional.of(f.order().oid()),
            "protective order no longer matches the position");
      } else {
        problems.add("cancel protective order " + f.order().coin() + " oid " + f.order().oid() + ": " + r);
      }
    }
    return n;
  }
}
