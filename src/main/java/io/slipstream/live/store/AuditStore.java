package io.slipstream.live.store;

import io.slipstream.live.hl.Fill;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The runner's durable state and audit trail. Every method commits before it returns (one transaction per call),
 * so a crash loses nothing already recorded. Failures are {@link StoreException}s naming the operation; secrets
 * are never passed in and so never stored.
 */
public interface AuditStore extends AutoCloseable {
  /**
   * Opens a rebalance.
   *
   * @param mode "dry-run", "paper" or "live"
   * @param configName the config file name
   * @param configJson the config text as run
   * @param decisionTimeMs close time of the bar the targets are decided at, epoch ms
   * @param capitalUsd capital the targets are sized from, USD
   * @return the rebalance id
   */
  long startRebalance(String mode, String configName, String configJson, long decisionTimeMs, double capitalUsd);

  /**
   * Records the stage a rebalance has reached ("targets", "stage1", "stage2", "reconcile", ...).
   *
   * @param rebalanceId the rebalance
   * @param stage the stage name
   */
  void setStage(long rebalanceId, String stage);

  /**
   * Closes a rebalance.
   *
   * @param rebalanceId the rebalance
   * @param status "completed", "failed" or "aborted"
   * @param summaryJson the run summary (fills per stage, passive fill ratio, fees, shortfall, final positions)
   */
  void finishRebalance(long rebalanceId, String status, String summaryJson);

  /**
   * @param mode a mode
   * @return the latest rebalance of that mode that was started and never finished (a crash mid-rebalance)
   */
  Optional<RebalanceRecord> unfinishedRebalance(String mode);

  /** @param rebalanceId a rebalance @return it, if it exists */
  Optional<RebalanceRecord> rebalance(long rebalanceId);

  /** @param rebalanceId the rebalance @param rows per-coin signals at the decision */
  void recordSignals(long rebalanceId, List<SignalRow> rows);

  /** @param rebalanceId the rebalance @param rows per-coin targets and deltas */
  void recordTargets(long rebalanceId, List<TargetRow> rows);

  /** @param rebalanceId a rebalance @return its target rows, in insertion order */
  List<TargetRow> targets(long rebalanceId);

  /**
   * Records an order before it is sent (status {@code "pending"}). The cloid is unique: recording it twice is a
   * {@link StoreException} (the caller's bug: resubmission must reuse the recorded order).
   *
   * @param order the order intent
   */
  void recordOrder(OrderRecord order);

  /**
   * Records the exchange's acknowledgement of an order and moves its status.
   *
   * @param cloid the order's client id
   * @param status new status: "resting", "filled", "rejected", "error", "cancelled", "unknown"
   * @param oid exchange order id, when known
   * @param detail the exchange's text (error message, fill summary), may be empty
   */
  void recordAck(String cloid, String status, Optional<Long> oid, String detail);

  /**
   * Records a fill once: a fill whose {@code tid} is already stored is ignored.
   *
   * @param rebalanceId the rebalance the fill belongs to, when known
   * @param fill the fill
   * @return true when stored, false for a duplicate
   */
  boolean recordFill(Optional<Long> rebalanceId, Fill fill);

  /** @param cloid a client order id @return the order, if recorded */
  Optional<OrderRecord> order(String cloid);

  /** @param rebalanceId a rebalance @return its orders, in the order they were recorded */
  List<OrderRecord> orders(long rebalanceId);

  /** @param rebalanceId a rebalance @return its fills, ascending time */
  List<Fill> fills(long rebalanceId);

  /**
   * Snapshots positions.
   *
   * @param rebalanceId the rebalance, when the snapshot belongs to one
   * @param source "exchange", "paper" or "target"
   * @param sizes signed size by coin, base asset
   * @param timeMs snapshot time, epoch ms
   */
  void recordPositions(Optional<Long> rebalanceId, String source, Map<String, Double> sizes, long timeMs);

  /** @param mode the mode @param timeMs when @param accountValueUsd account value, USD */
  void recordEquity(String mode, long timeMs, double accountValueUsd);

  /**
   * An event worth keeping: a risk check, an alert, an emergency-stop action, a reconciliation.
   *
   * @param rebalanceId the rebalance, when it belongs to one
   * @param kind e.g. "risk_check", "alert", "stop", "reconcile"
   * @param level "info", "warn" or "error"
   * @param message one line
   */
  void recordEvent(Optional<Long> rebalanceId, String kind, String level, String message);

  /** @param rebalanceId a rebalance, or empty for all @return events, in insertion order */
  List<EventRecord> events(Optional<Long> rebalanceId);

  /** @param rebalanceId when known @param where the step that failed @param message the error, one line */
  void recordError(Optional<Long> rebalanceId, String where, String message);

  /** @return the paper account: signed size by coin (coins with size 0 omitted) */
  Map<String, Double> paperPositions();

  /** @return the paper account's cash balance, USD (starts at the first {@link #initPaperAccount} value) */
  double paperCash();

  /**
   * Creates the paper account with {@code cashUsd} and no positions, if it does not exist yet.
   *
   * @param cashUsd starting cash, USD
   */
  void initPaperAccount(double cashUsd);

  /**
   * Books a paper fill: position += signed size, cash -= signed size x px + fee, in one transaction.
   *
   * @param coin the coin
   * @param signedSize + buy, - sell, base asset
   * @param px fill price, USD
   * @param feeUsd fee, USD
   */
  void applyPaperFill(String coin, double signedSize, double px, double feeUsd);

  /** Releases the connection; idempotent. */
  @Override
  void close();

  /**
   * @param id rebalance id
   * @param mode the mode
   * @param decisionTimeMs decision bar close, epoch ms
   * @param stage last stage recorded
   * @param status "running", "completed", "failed", "aborted"
   * @param startedAtMs when it was opened, epoch ms
   */
  record RebalanceRecord(long id, String mode, long decisionTimeMs, String stage, String status, long startedAtMs) {
  }

  /**
   * @param coin the coin
   * @param score momentum score (NaN when not computable)
   * @param sigma EW volatility per bar, a fraction (NaN when not computable)
   * @param advUsd dollar ADV, USD (NaN when not computable)
   * @param weight target weight, a fraction of capital (signed)
   */
  record SignalRow(String coin, double score, double sigma, double advUsd, double weight) {
  }

  /**
   * @param coin the coin
   * @param targetWeight a fraction of capital (signed)
   * @param targetUsd signed target notional, USD
   * @param targetSize signed target size after lot rounding, base asset
   * @param currentSize signed size held at the decision, base asset
   * @param deltaSize targetSize - currentSize, base asset (0 when skipped)
   * @param decisionPx the mid price the target was sized at, USD
   * @param note why a delta was skipped or clipped, empty otherwise
   */
  record TargetRow(String coin, double targetWeight, double targetUsd, double targetSize, double currentSize,
      double deltaSize, double decisionPx, String note) {
  }

  /**
   * @param cloid client order id (unique)
   * @param rebalanceId the rebalance, when it belongs to one (emergency-stop orders do not)
   * @param stage "stage1", "stage2", "stop"
   * @param coin the coin
   * @param asset asset index
   * @param isBuy side
   * @param px limit price, USD
   * @param sz size, base asset
   * @param tif "Alo", "Ioc", "Gtc"
   * @param reduceOnly reduce-only flag
   * @param status "pending", "resting", "filled", "rejected", "error", "cancelled", "unknown"
   * @param oid exchange order id, when acknowledged
   * @param detail the last acknowledgement text
   * @param createdAtMs when recorded, epoch ms
   */
  record OrderRecord(String cloid, Optional<Long> rebalanceId, String stage, String coin, int asset, boolean isBuy,
      double px, double sz, String tif, boolean reduceOnly, String status, Optional<Long> oid, String detail,
      long createdAtMs) {
  }

  /**
   * @param rebalanceId the rebalance, when any
   * @param kind event kind
   * @param level "info", "warn", "error"
   * @param message one line
   * @param timeMs when, epoch ms
   */
  record EventRecord(Optional<Long> rebalanceId, String kind, String level, String message, long timeMs) {
  }
}
