package io.slipstream.live;

import io.slipstream.live.hl.Fill;
import io.slipstream.live.store.AuditStore;
import io.slipstream.live.store.StoreException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * A test double of {@link AuditStore} in maps and lists, with the interface's semantics: ids from 1, a duplicate
 * cloid or an unknown rebalance/cloid is a {@link StoreException}, fills de-duplicated by tid, and the paper
 * arithmetic in doubles exactly as the Javadoc says ({@code position += signedSize; cash -= signedSize x px + fee},
 * a coin whose size becomes exactly 0 is omitted). Extra getters expose what the interface has no reader for
 * (position snapshots, equity marks, errors, the order of acknowledgements). Before {@link #initPaperAccount}
 * {@link #paperPositions} is empty and {@link #paperCash} / {@link #applyPaperFill} throw. Thread-safe
 * (synchronized).
 */
public final class InMemoryAuditStore implements AuditStore {
  /** A recorded position snapshot. */
  public record PositionSnapshot(Optional<Long> rebalanceId, String source, Map<String, Double> sizes, long timeMs) {
  }

  /** A recorded equity mark. */
  public record EquityMark(String mode, long timeMs, double accountValueUsd) {
  }

  /** A recorded error. */
  public record ErrorRecord(Optional<Long> rebalanceId, String where, String message, long timeMs) {
  }

  /** A recorded acknowledgement. */
  public record AckRecord(String cloid, String status, Optional<Long> oid, String detail) {
  }

  private final LongSupplier clockMs;
  private final Map<Long, RebalanceRecord> rebalances = new LinkedHashMap<>();
  private final Map<Long, String> summaries = new LinkedHashMap<>();
  private final Map<Long, List<SignalRow>> signals = new LinkedHashMap<>();
  private final Map<Long, List<TargetRow>> targets = new LinkedHashMap<>();
  private final Map<String, OrderRecord> orders = new LinkedHashMap<>();
  private final List<AckRecord> acks = new ArrayList<>();
  private final List<Fill> fills = new ArrayList<>();
  private final Map<Long, Optional<Long>> fillRebalance = new LinkedHashMap<>();
  private final Set<Long> tids = new HashSet<>();
  private final List<PositionSnapshot> snapshots = new ArrayList<>();
  private final List<EquityMark> equity = new ArrayList<>();
  private final List<EventRecord> events = new ArrayList<>();
  private final List<ErrorRecord> errors = new ArrayList<>();
  private final Map<String, Double> paperPositions = new TreeMap<>();
  private Double paperCash;
  private long nextId = 1;
  private boolean closed;

  /** A store on the system clock. */
  public InMemoryAuditStore() {
    this(System::currentTimeMillis);
  }

  /** @param clockMs the clock for record times, epoch ms */
  public InMemoryAuditStore(LongSupplier clockMs) {
    this.clockMs = clockMs;
  }

  @Override
  public synchronized long startRebalance(String mode, String configName, String configJson, long decisionTimeMs,
      double capitalUsd) {
    long id = nextId++;
    rebalances.put(id, new RebalanceRecord(id, mode, decisionTimeMs, "started", "running", clockMs.getAsLong()));
    return id;
  }

  @Override
  public synchronized void setStage(long rebalanceId, String stage) {
    RebalanceRecord r = existing(rebalanceId, "setStage");
    rebalances.put(rebalanceId, new RebalanceRecord(r.id(), r.mode(), r.decisionTimeMs(), stage, r.status(),
        r.startedAtMs()));
  }

  @Override
  public synchronized void finishRebalance(long rebalanceId, String status, String summaryJson) {
    RebalanceRecord r = existing(rebalanceId, "finishRebalance");
    rebalances.put(rebalanceId, new RebalanceRecord(r.id(), r.mode(), r.decisionTimeMs(), r.stage(), status,
        r.startedAtMs()));
    summaries.put(rebalanceId, summaryJson);
  }

  @Override
  public synchronized Optional<RebalanceRecord> unfinishedRebalance(String mode) {
    return rebalances.values().stream().filter(r -> r.mode().equals(mode) && r.status().equals("running"))
        .max(Comparator.comparingLong(RebalanceRecord::id));
  }

  @Override
  public synchronized Optional<RebalanceRecord> rebalance(long rebalanceId) {
    return Optional.ofNullable(rebalances.get(rebalanceId));
  }

  @Override
  public synchronized void recordSignals(long rebalanceId, List<SignalRow> rows) {
    existing(rebalanceId, "recordSignals");
    signals.computeIfAbsent(rebalanceId, k -> new ArrayList<>()).addAll(rows);
  }

  @Override
  public synchronized void recordTargets(long rebalanceId, List<TargetRow> rows) {
    existing(rebalanceId, "recordTargets");
    targets.computeIfAbsent(rebalanceId, k -> new ArrayList<>()).addAll(rows);
  }

  @Override
  public synchronized List<TargetRow> targets(long rebalanceId) {
    return List.copyOf(targets.getOrDefault(rebalanceId, List.of()));
  }

  @Override
  public synchronized void recordOrder(OrderRecord order) {
    if (orders.containsKey(order.cloid())) {
      throw new StoreException("recordOrder: cloid " + order.cloid() + " is already recorded", null);
    }
    order.rebalanceId().ifPresent(id -> existing(id, "recordOrder"));
    orders.put(order.cloid(), order);
  }

  @Override
  public synchronized void recordAck(String cloid, String status, Optional<Long> oid, String detail) {
    OrderRecord o = orders.get(cloid);
    if (o == null) {
      throw new StoreException("recordAck: no order with cloid " + cloid, null);
    }
    Optional<Long> newOid = oid.isPresent() ? oid : o.oid();
    orders.put(cloid, new OrderRecord(o.cloid(), o.rebalanceId(), o.stage(), o.coin(), o.asset(), o.isBuy(), o.px(),
        o.sz(), o.tif(), o.reduceOnly(), status, newOid, detail, o.createdAtMs()));
    acks.add(new AckRecord(cloid, status, oid, detail));
  }

  @Override
  public synchronized boolean recordFill(Optional<Long> rebalanceId, Fill fill) {
    rebalanceId.ifPresent(id -> existing(id, "recordFill"));
    if (!tids.add(fill.tid())) {
      return false;
    }
    fills.add(fill);
    fillRebalance.put(fill.tid(), rebalanceId);
    return true;
  }

  @Override
  public synchronized Optional<OrderRecord> order(String cloid) {
    return Optional.ofNullable(orders.get(cloid));
  }

  @Override
  public synchronized List<OrderRecord> orders(long rebalanceId) {
    return orders.values().stream().filter(o -> o.rebalanceId().equals(Optional.of(rebalanceId))).toList();
  }

  @Override
  public synchronized List<Fill> fills(long rebalanceId) {
    return fills.stream().filter(f -> fillRebalance.get(f.tid()).equals(Optional.of(rebalanceId)))
        .sorted(Comparator.comparingLong(Fill::timeMs)).toList();
  }

  @Override
  public synchronized void recordPositions(Optional<Long> rebalanceId, String source, Map<String, Double> sizes,
      long timeMs) {
    snapshots.add(new PositionSnapshot(rebalanceId, source, Map.copyOf(sizes), timeMs));
  }

  @Override
  public synchronized void recordEquity(String mode, long timeMs, double accountValueUsd) {
    equity.add(new EquityMark(mode, timeMs, accountValueUsd));
  }

  @Override
  public synchronized void recordEvent(Optional<Long> rebalanceId, String kind, String level, String message) {
    events.add(new EventRecord(rebalanceId, kind, level, message, clockMs.getAsLong()));
  }

  @Override
  public synchronized List<EventRecord> events(Optional<Long> rebalanceId) {
    return rebalanceId.isEmpty() ? List.copyOf(events)
        : events.stream().filter(e -> e.rebalanceId().equals(rebalanceId)).toList();
  }

  @Override
  public synchronized void recordError(Optional<Long> rebalanceId, String where, String message) {
    errors.add(new ErrorRecord(rebalanceId, where, message, clockMs.getAsLong()));
  }

  @Override
  public synchronized Map<String, Double> paperPositions() {
    return Map.copyOf(paperPositions);
  }

  @Override
  public synchronized double paperCash() {
    requirePaper("paperCash");
    return paperCash;
  }

  @Override
  public synchronized void initPaperAccount(double cashUsd) {
    if (paperCash == null) {
      paperCash = cashUsd;
    }
  }

  @Override
  public synchronized void applyPaperFill(String coin, double signedSize, double px, double feeUsd) {
    requirePaper("applyPaperFill");
    double size = paperPositions.getOrDefault(coin, 0.0) + signedSize;
    if (size == 0) {
      paperPositions.remove(coin);
    } else {
      paperPositions.put(coin, size);
    }
    paperCash = paperCash - (signedSize * px + feeUsd);
  }

  @Override
  public synchronized void close() {
    closed = true;
  }

  /** @return whether {@link #close()} was called */
  public synchronized boolean closed() {
    return closed;
  }

  /** @return every fill stored, in insertion order */
  public synchronized List<Fill> allFills() {
    return List.copyOf(fills);
  }

  /** @return every acknowledgement, in order */
  public synchronized List<AckRecord> acks() {
    return List.copyOf(acks);
  }

  /** @param rebalanceId a rebalance @return its summary JSON, if finished */
  public synchronized Optional<String> summary(long rebalanceId) {
    return Optional.ofNullable(summaries.get(rebalanceId));
  }

  /** @param rebalanceId a rebalance @return its signal rows */
  public synchronized List<SignalRow> signals(long rebalanceId) {
    return List.copyOf(signals.getOrDefault(rebalanceId, List.of()));
  }

  /** @return position snapshots, in order */
  public synchronized List<PositionSnapshot> snapshots() {
    return List.copyOf(snapshots);
  }

  /** @return equity marks, in order */
  public synchronized List<EquityMark> equityMarks() {
    return List.copyOf(equity);
  }

  /** @return errors, in order */
  public synchronized List<ErrorRecord> errors() {
    return List.copyOf(errors);
  }

  private RebalanceRecord existing(long id, String op) {
    RebalanceRecord r = rebalances.get(id);
    if (r == null) {
      throw new StoreException(op + ": no rebalance " + id, null);
    }
    return r;
  }

  private void requirePaper(String op) {
    if (paperCash == null) {
      throw new StoreException(op + ": the paper account does not exist (call initPaperAccount first)", null);
    }
  }
}
