package io.slipstream.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slipstream.data.MarketData;
import io.slipstream.live.alert.RunMonitor;
import io.slipstream.live.protect.Protector;
import io.slipstream.live.hl.AssetMeta;
import io.slipstream.live.hl.ExchangeException;
import io.slipstream.live.hl.Fill;
import io.slipstream.live.hl.InfoApi;
import io.slipstream.live.hl.Meta;
import io.slipstream.live.hl.OpenOrder;
import io.slipstream.live.hl.OrderQuery;
import io.slipstream.live.store.AuditStore;
import io.slipstream.live.store.AuditStore.OrderRecord;
import io.slipstream.live.store.AuditStore.RebalanceRecord;
import io.slipstream.live.store.AuditStore.SignalRow;
import io.slipstream.live.store.AuditStore.TargetRow;
import io.slipstream.portfolio.LotRounder;
import io.slipstream.portfolio.RoundedBook;
import io.slipstream.portfolio.TargetWeights;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One rebalance of a live strategy (the seed's Gradient live plan), the same in every mode up to the orders:
 * <ol>
 *   <li>Reconcile (paper and live): a rebalance of this mode that was started and never finished (a crash or a
 *       kill mid-rebalance) is settled first: each of its orders not known to be final is looked up by client id,
 *       what still rests is cancelled, fills the database lacks are booked from the exchange's fill history, and the
 *       rebalance is closed as {@code aborted}. Positions are then read from the exchange, so the new rebalance
 *       trades only what is still missing and nothing is sent twice.</li>
 *   <li>History: enough closed bars for the longest span ({@link HistorySource}), the stale-data check.</li>
 *   <li>Targets: the strategy object the backtester runs, fed every bar ({@link LiveTargets}); nothing happens
 *       when the last closed bar is not a rebalance time.</li>
 *   <li>Sizing: target USD = weight x {@code capital_usd}; pre-trade risk ({@link RiskChecks#preTrade}); sizes on
 *       the {@code szDecimals} lot grid from {@code meta} at the mid ({@link LotRounder}, no beta repair); deltas
 *       against the current positions; deltas worth less than {@code min_order_size_usd} skipped, full closes
 *       always sent (reduce-only).</li>
 *   <li>Dry-run stops here, having logged and recorded the plan; paper and live execute it in two stages
 *       ({@link TwoStageExecutor}), then record the final positions, equity, post-trade alerts and a summary.</li>
 * </ol>
 * Every step's output goes to the {@link AuditStore} when one is given (required for paper and live).
 */
public final class RebalanceRunner {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Loads the market data the strategy is fed.
   */
  @FunctionalInterface
  public interface HistorySource {
    /**
     * @param coins the strategy's coins (panel columns, in this order)
     * @param nowMs the current time, epoch ms; only bars closed at or before it
     * @return masked market data whose last row is the last closed bar
     */
    MarketData load(List<String> coins, long nowMs);
  }

  /**
   * What the runner needs besides the venue.
   *
   * @param mode the mode
   * @param configName config file name (audit trail)
   * @param configJson config text as run (audit trail; holds no secret)
   * @param capitalUsd {@code capital_usd}
   * @param live the live config
   * @param risk risk limits
   * @param accountAddress the account whose positions dry-run reads (empty: dry-run assumes a flat book)
   * @param bookCheckMs how often stage 1 checks resting quotes against the book, ms
   */
  public record Settings(Mode mode, String configName, String configJson, double capitalUsd, LiveConfig live,
      RiskLimits risk, Optional<String> accountAddress, long bookCheckMs) {
  }

  private final Settings s;
  private final InfoApi info;
  private final Optional<Venue> venue;
  private final Optional<AuditStore> store;
  private final HistorySource history;
  private final LiveTargets.Factory strategyFactory;
  private final Clock clock;
  private final Consumer<String> log;
  private final RunMonitor monitor;
  private final Optional<Protector> protector;

  /**
   * @param settings the run's settings
   * @param info REST reads (meta, books, mids, positions for dry-run)
   * @param venue where orders go: required for paper and live, must be empty for dry-run
   * @param store the audit trail: required for paper and live, optional for dry-run
   * @param history bars for the strategy
   * @param strategyFactory builds a fresh strategy for a coin list
   * @param clock time source
   * @param log one line per step
   * @throws IllegalArgumentException when the venue or store does not fit the mode
   */
  public RebalanceRunner(Settings settings, InfoApi info, Optional<Venue> venue, Optional<AuditStore> store,
      HistorySource history, LiveTargets.Factory strategyFactory, Clock clock, Consumer<String> log) {
    this(settings, info, venue, store, history, strategyFactory, clock, log, RunMonitor.NONE, Optional.empty());
  }

  /**
   * This runner with health and protection hooks.
   *
   * @param monitor receives heartbeats at every step, risk warnings and post-trade alerts (and protection
   *     problems as alerts)
   * @param protector live mode: after every run (a rebalance or a skipped bar) the exchange-side stop-loss and
   *     take-profit orders are brought in line with the positions ({@link Protector#sync}); its result is the
   *     summary's {@code protection}. A protection failure is recorded and alerted but does not fail the run.
   * @return the runner with those hooks
   * @throws IllegalArgumentException when a protector is given outside live mode (the paper engine does not
   *     simulate trigger orders; dry-run sends nothing)
   */
  public RebalanceRunner withHooks(RunMonitor monitor, Optional<Protector> protector) {
    if (protector.isPresent() && s.mode() != Mode.LIVE) {
      throw new IllegalArgumentException("exchange-side protection runs in live mode only, not "
          + s.mode().label());
    }
    return new RebalanceRunner(s, info, venue, store, history, strategyFactory, clock, log, monitor, protector);
  }

  private RebalanceRunner(Settings settings, InfoApi info, Optional<Venue> venue, Optional<AuditStore> store,
      HistorySource history, LiveTargets.Factory strategyFactory, Clock clock, Consumer<String> log,
      RunMonitor monitor, Optional<Protector> protector) {
    this.monitor = monitor;
    this.protector = protector;
    this.s = settings;
    this.info = info;
    this.venue = venue;
    this.store = store;
    this.history = history;
    this.strategyFactory = strategyFactory;
    this.clock = clock;
    this.log = log;
    if (settings.mode() == Mode.DRY_RUN && venue.isPresent()) {
      throw new IllegalArgumentException("dry-run takes no venue: it sends nothing");
    }
    if (settings.mode() != Mode.DRY_RUN && (venue.isEmpty() || store.isEmpty())) {
      throw new IllegalArgumentException(settings.mode().label() + " mode needs a venue and the database");
    }
  }

  /**
   * Runs one rebalance (see the class documentation).
   *
   * @return the summary (also stored as the rebalance's summary)
   * @throws RiskException when a pre-trade check refuses the whole rebalance (stale data, net exposure)
   * @throws ExchangeException when the exchange cannot be reached for a step that cannot be skipped
   * @throws InterruptedException when interrupted (resting orders are cancelled first)
   */
  public ObjectNode run() throws InterruptedException {
    long t0 = clock.nowMs();
    if (s.mode() != Mode.DRY_RUN) {
      monitor.heartbeat("reconcile");
      reconcileUnfinished();
    }
    monitor.heartbeat("history");
    Meta meta = info.meta();
    List<String> coins = new ArrayList<>();
    for (AssetMeta a : meta.universe()) {
      if (!a.delisted()) {
        coins.add(a.name());
      }
    }
    MarketData data = history.load(coins, t0);
    long dataInMemory = clock.nowMs();
    long lastClose = data.close().closeTimeMs(data.rows() - 1);
    long age = clock.nowMs() - lastClose;
    if (age > s.risk().maxDataAgeMs()) {
      String msg = "stale data: the last closed bar closed at " + java.time.Instant.ofEpochMilli(lastClose) + ", "
          + age / 60_000 + " minutes ago (limit " + s.risk().maxDataAgeMs() / 60_000 + ")";
      store.ifPresent(st -> st.recordEvent(Optional.empty(), "risk_check", "error", msg));
      throw new RiskException(msg);
    }
    LiveTargets.Result targets = LiveTargets.compute(strategyFactory, data);
    if (targets.weights().isEmpty()) {
      ObjectNode out = JSON.createObjectNode();
      out.put("status", "skipped");
      out.put("reason", "the last closed bar (" + java.time.Instant.ofEpochMilli(lastClose)
          + ") is not a rebalance time");
      log.accept(out.get("reason").asText());
      protect(Optional.empty(), out);
      return out;
    }
    monitor.heartbeat("targets");
    TargetWeights tw = targets.weights().get();
    long rebId = store.map(st -> st.startRebalance(s.mode().label(), s.configName(), s.configJson(),
        tw.decisionTimeMs(), s.capitalUsd())).orElse(-1L);
    try {
      ObjectNode summary = rebalance(rebId, meta, data, targets, dataInMemory);
      store.ifPresent(st -> st.finishRebalance(rebId, "completed", summary.toString()));
      return summary;
    } catch (RuntimeException | InterruptedException e) {
      store.ifPresent(st -> {
        st.recordError(Optional.of(rebId), "rebalance", String.valueOf(e.getMessage()));
        st.finishRebalance(rebId, "failed", "{\"error\":" + JSON.valueToTree(String.valueOf(e.getMessage())) + "}");
      });
      throw e;
    }
  }

  /** @param t0 when the bars were in memory (the start of the "data to first order" latency) */
  private ObjectNode rebalance(long rebId, Meta meta, MarketData data, LiveTargets.Result targets, long t0)
      throws InterruptedException {
    TargetWeights tw = targets.weights().orElseThrow();
    Optional<Long> rid = rebId >= 0 ? Optional.of(rebId) : Optional.empty();
    Map<String, Double> mids = info.allMids();
    Map<String, Double> current = currentPositions();
    // the coins traded: the strategy's universe plus anything held (a delisted or dropped coin is closed)
    Set<String> all = new LinkedHashSet<>(tw.coins());
    all.addAll(current.keySet());
    List<String> coins = new ArrayList<>();
    List<String> noPrice = new ArrayList<>();
    for (String c : all) {
      Double mid = mids.get(c);
      if (mid == null || !(mid > 0) || meta.find(c).isEmpty()) {
        noPrice.add(c);
      } else {
        coins.add(c);
      }
    }
    int n = coins.size();
    double cap = s.capitalUsd();
    double[] px = new double[n];
    double[] targetUsd = new double[n];
    double[] curSize = new double[n];
    double[] orderUsd = new double[n];
    double[] adv = new double[n];
    int[] szd = new int[n];
    Map<String, Integer> col = new LinkedHashMap<>();
    for (int i = 0; i < tw.coins().size(); i++) {
      col.put(tw.coins().get(i), i);
    }
    for (int i = 0; i < n; i++) {
      String c = coins.get(i);
      px[i] = mids.get(c);
      szd[i] = meta.get(c).szDecimals();
      Integer j = col.get(c);
      targetUsd[i] = j == null ? 0.0 : tw.weight(j) * cap;
      curSize[i] = current.getOrDefault(c, 0.0);
      orderUsd[i] = targetUsd[i] - curSize[i] * px[i];
      adv[i] = targets.advUsd().getOrDefault(c, Double.NaN);
    }
    for (String c : noPrice) {
      if (current.getOrDefault(c, 0.0) != 0 || (col.containsKey(c) && tw.weight(col.get(c)) != 0)) {
        String msg = c + " has no mid price or is not in meta: neither its target nor its position can be traded";
        log.accept(msg);
        store.ifPresent(st -> st.recordEvent(rid, "risk_check", "warn", msg));
        monitor.riskWarning(msg);
      }
    }
    RiskChecks.PreTradeResult pre = RiskChecks.preTrade(s.risk(), cap, coins, targetUsd, orderUsd, adv,
        data.close().closeTimeMs(data.rows() - 1), clock.nowMs());
    for (RiskChecks.Violation v : pre.violations()) {
      log.accept("risk: " + v);
      store.ifPresent(st -> st.recordEvent(rid, "risk_check", "warn", v.toString()));
      monitor.riskWarning(v.toString());
    }
    if (pre.refused()) {
      String msg = "pre-trade risk check refused the rebalance: " + pre.refusal();
      store.ifPresent(st -> st.recordEvent(rid, "risk_check", "error", msg));
      throw new RiskException(msg);
    }
    double[] adjUsd = pre.adjustedTargetUsd();
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      w[i] = adjUsd[i] / cap;
    }
    LotRounder rounder = new LotRounder(s.live().execution().minOrderSizeUsd(), 0, 0, true);
    RoundedBook book = rounder.round(coins, w, cap, px, szd, curSize, new double[n], new double[n * n]);
    double[] size = book.sizes();
    List<PlannedOrder> plan = new ArrayList<>();
    List<TargetRow> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double delta = size[i] - curSize[i];
      String note = book.skipped(i) ? "delta under min_order_size_usd, skipped" : "";
      if (adjUsd[i] != targetUsd[i]) {
        note = (note.isEmpty() ? "" : note + "; ") + "risk-adjusted from " + targetUsd[i] + " USD";
      }
      rows.add(new TargetRow(coins.get(i), w[i], adjUsd[i], size[i], curSize[i], delta, px[i], note));
      if (delta != 0) {
        boolean close = size[i] == 0;
        plan.add(new PlannedOrder(coins.get(i), meta.get(coins.get(i)).index(), szd[i], delta, px[i], close));
      }
    }
    if (rid.isPresent()) {
      AuditStore st = store.orElseThrow();
      st.setStage(rebId, "targets");
      st.recordSignals(rebId, targets.signals());
      st.recordTargets(rebId, rows);
      st.recordPositions(rid, s.mode() == Mode.PAPER ? "paper" : "exchange", current, clock.nowMs());
    }
    long planned = clock.nowMs();
    log.accept(String.format("decision %s: %d coins, %d long / %d short, %d orders planned (%.0f ms from start)",
        tw.decisionTime(), tw.coins().size(), tw.nLong(), tw.nShort(), plan.size(), (double) (planned - t0)));
    for (PlannedOrder p : plan) {
      log.accept(String.format("  %s %s %s (~$%.2f at %s)%s", p.isBuy() ? "buy " : "sell", p.delta() > 0
          ? Double.toString(p.delta()) : Double.toString(-p.delta()), p.coin(), Math.abs(p.delta()) * p.decisionPx(),
          p.decisionPx(), p.reduceOnly() ? " reduce-only" : ""));
    }
    ObjectNode out = JSON.createObjectNode();
    out.put("mode", s.mode().label());
    out.put("rebalance_id", rebId);
    out.put("decision_time", tw.decisionTime().toString());
    out.put("capital_usd", cap);
    out.put("orders_planned", plan.size());
    out.put("planning_ms", planned - t0);
    if (s.mode() == Mode.DRY_RUN) {
      out.put("status", "dry-run");
      out.set("plan", planJson(plan));
      return out;
    }
    Venue v = venue.orElseThrow();
    monitor.heartbeat("execution");
    TwoStageExecutor ex = new TwoStageExecutor(v, info, store.orElseThrow(), s.live().execution(), clock,
        s.bookCheckMs(), log);
    ExecutionReport report = ex.execute(rebId, plan);
    AuditStore st = store.orElseThrow();
    st.setStage(rebId, "post-trade");
    monitor.heartbeat("post-trade");
    Map<String, Double> fin = v.positions();
    st.recordPositions(rid, s.mode() == Mode.PAPER ? "paper" : "exchange", fin, clock.nowMs());
    double equity = v.accountValue(info.allMids());
    st.recordEquity(s.mode().label(), clock.nowMs(), equity);
    // post-trade alerts
    double[] finSize = new double[n];
    double[] avgPx = new double[n];
    double[] filled = new double[n];
    Map<String, ExecutionReport.CoinExecution> byCoin = new LinkedHashMap<>();
    for (ExecutionReport.CoinExecution c : report.coins()) {
      byCoin.put(c.coin(), c);
    }
    for (int i = 0; i < n; i++) {
      finSize[i] = fin.getOrDefault(coins.get(i), 0.0);
      ExecutionReport.CoinExecution c = byCoin.get(coins.get(i));
      avgPx[i] = c == null ? Double.NaN : c.avgPx();
      filled[i] = c == null ? 0 : c.filled();
    }
    List<RiskChecks.Alert> alerts = RiskChecks.postTrade(s.risk(), coins, size, finSize, px, avgPx, filled);
    for (RiskChecks.Alert a : alerts) {
      log.accept("ALERT " + a);
      st.recordEvent(rid, "alert", "warn", a.toString());
      monitor.alert(a.toString());
    }
    out.put("status", "completed");
    out.put("data_to_first_order_ms", report.firstOrderAtMs() < 0 ? -1 : report.firstOrderAtMs() - t0);
    out.put("orders_sent", report.ordersSent());
    out.put("requotes", report.requotes());
    out.put("alo_rejections", report.aloRejections());
    out.put("passive_fills", report.passiveFills());
    out.put("sweep_fills", report.sweepFills());
    out.put("passive_notional_usd", report.passiveNotional());
    out.put("sweep_notional_usd", report.sweepNotional());
    out.put("passive_fill_ratio", report.passiveFillRatio());
    out.put("fees_usd", report.fees());
    out.put("shortfall_usd", report.shortfallUsd());
    out.put("shortfall_bps", report.shortfallBps());
    out.put("duplicate_fill_messages", report.duplicateFills());
    out.put("still_resting", report.stillResting());
    out.put("websocket_reconnects", v.reconnects());
    out.put("account_value_usd", equity);
    out.put("alerts", alerts.size());
    ArrayNode pos = out.putArray("positions");
    for (int i = 0; i < n; i++) {
      if (size[i] == 0 && finSize[i] == 0 && curSize[i] == 0) {
        continue;
      }
      ObjectNode p = pos.addObject();
      p.put("coin", coins.get(i));
      p.put("target", size[i]);
      p.put("final", finSize[i]);
      p.put("start", curSize[i]);
      ExecutionReport.CoinExecution c = byCoin.get(coins.get(i));
      if (c != null && !c.note().isEmpty()) {
        p.put("note", c.note());
      }
    }
    protect(rid, out);
    log.accept(String.format("done: %d orders, fills %d passive + %d sweep, passive ratio %.2f, fees $%.4f, "
        + "shortfall $%.4f (%.2f bps), %d alerts", report.ordersSent(), report.passiveFills(), report.sweepFills(),
        report.passiveFillRatio(), report.fees(), report.shortfallUsd(), report.shortfallBps(), alerts.size()));
    return out;
  }

  /**
   * Live mode with a protector: brings the stop-loss / take-profit orders in line with the positions and puts the
   * result in the summary; problems (and a failure to read the account) are recorded and alerted, never thrown.
   */
  private void protect(Optional<Long> rid, ObjectNode out) {
    if (protector.isEmpty()) {
      return;
    }
    monitor.heartbeat("protection");
    List<String> problems = new ArrayList<>();
    try {
      Protector.Result r = protector.get().sync();
      out.set("protection", r.toJson());
      problems.addAll(r.problems());
    } catch (RuntimeException e) {
      String msg = "protection sync failed: " + e.getMessage();
      out.putObject("protection").put("error", msg);
      problems.add(msg);
    }
    for (String p : problems) {
      log.accept("ALERT protection: " + p);
      store.ifPresent(st -> st.recordEvent(rid, "protection", "warn", p));
      monitor.alert("protection: " + p);
    }
  }

  private Map<String, Double> currentPositions() {
    if (venue.isPresent()) {
      return venue.get().positions();
    }
    if (s.accountAddress().isPresent()) {
      Map<String, Double> m = new LinkedHashMap<>();
      info.clearinghouseState(s.accountAddress().get()).positions().forEach(p -> {
        if (p.szi() != 0) {
          m.put(p.coin(), p.szi());
        }
      });
      return m;
    }
    log.accept("dry-run without api.account_address or HL_ACCOUNT_ADDRESS: assuming a flat book");
    return Map.of();
  }

  private static ArrayNode planJson(List<PlannedOrder> plan) {
    ArrayNode a = JSON.createArrayNode();
    for (PlannedOrder p : plan) {
      ObjectNode o = a.addObject();
      o.put("coin", p.coin());
      o.put("delta", p.delta());
      o.put("decision_px", p.decisionPx());
      o.put("reduce_only", p.reduceOnly());
    }
    return a;
  }

  /**
   * Settles a rebalance left unfinished by a crash (see the class documentation, step 1).
   *
   * @return the rebalance settled, if there was one
   */
  Optional<Long> reconcileUnfinished() {
    AuditStore st = store.orElseThrow();
    Venue v = venue.orElseThrow();
    Optional<RebalanceRecord> open = st.unfinishedRebalance(s.mode().label());
    if (open.isEmpty()) {
      return Optional.empty();
    }
    long id = open.get().id();
    Optional<Long> rid = Optional.of(id);
    log.accept("reconciling rebalance " + id + " left at stage " + open.get().stage());
    st.setStage(id, "reconcile");
    List<OrderRecord> orders = st.orders(id);
    Map<Long, String> cloidByOid = new LinkedHashMap<>();
    Set<String> cloids = new HashSet<>();
    int cancelled = 0;
    for (OrderRecord o : orders) {
      cloids.add(o.cloid());
      o.oid().ifPresent(oid -> cloidByOid.put(oid, o.cloid()));
      if (Set.of("filled", "rejected", "cancelled", "error").contains(o.status())) {
        continue;
      }
      OrderQuery q = v.orderStatus(o.cloid());
      if (!q.known()) {
        st.recordAck(o.cloid(), "error", Optional.empty(), "reconcile: never reached the exchange");
        continue;
      }
      Optional<Long> oid = q.order().map(OpenOrder::oid);
      oid.ifPresent(x -> cloidByOid.put(x, o.cloid()));
      if (q.status().equals("open")) {
        List<String> r = v.exchange().cancelByCloid(List.of(new io.slipstream.live.hl.ExchangeApi.CloidCancel(
            o.asset(), o.cloid())));
        st.recordAck(o.cloid(), "cancelled", oid, "reconcile: cancelled (" + r.get(0) + ")");
        cancelled++;
      } else {
        st.recordAck(o.cloid(), q.status().equals("filled") ? "filled" : "cancelled", oid,
            "reconcile: exchange says " + q.status());
      }
    }
    int booked = 0;
    for (Fill f : v.recentFills()) {
      boolean ours = f.cloid().map(cloids::contains).orElse(false) || cloidByOid.containsKey(f.oid());
      if (ours && st.recordFill(rid, f)) {
        booked++;
      }
    }
    Map<String, Double> pos = v.positions();
    st.recordPositions(rid, s.mode() == Mode.PAPER ? "paper" : "exchange", pos, clock.nowMs());
    String msg = "reconciled rebalance " + id + ": " + orders.size() + " orders checked, " + cancelled
        + " cancelled, " + booked + " missing fills booked, positions re-read";
    st.recordEvent(rid, "reconcile", "info", msg);
    st.finishRebalance(id, "aborted", "{\"reconciled\":true,\"cancelled\":" + cancelled + ",\"fills_booked\":"
        + booked + "}");
    log.accept(msg);
    return rid;
  }
}
