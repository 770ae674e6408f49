package io.slipstream.live.alert;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a live run reports as it goes, for health and alerting ({@link Health}): every method returns quickly and
 * never throws (a monitoring failure must not stop trading or a stop).
 */
public interface RunMonitor {
  /** A monitor that does nothing. */
  RunMonitor NONE = new RunMonitor() {
  };

  /**
   * The run reached a step (a heartbeat).
   *
   * @param stage e.g. {@code "history"}, {@code "targets"}, {@code "execution"}, {@code "protection"}
   */
  default void heartbeat(String stage) {
  }

  /**
   * A risk warning (an order clipped, a coin without a price): status file only, not alerted.
   *
   * @param message one line, no secret
   */
  default void riskWarning(String message) {
  }

  /**
   * A post-trade alert (slippage, a position off target) or a protection problem: alerted.
   *
   * @param message one line, no secret
   */
  default void alert(String message) {
  }

  /**
   * The emergency stop ran: alerted.
   *
   * @param message what it did and what it could not do
   */
  default void emergencyStop(String message) {
  }

  /**
   * The run ended well.
   *
   * @param summary the run's summary (status, rebalance id, counts)
   */
  default void succeeded(ObjectNode summary) {
  }

  /**
   * The run failed (alerted): a risk check refused the rebalance (stale data, net exposure), or an error.
   *
   * @param message the one-line cause, no secret
   * @param riskRefusal whether a risk check refused the rebalance (also an open risk event)
   */
  default void failed(String message, boolean riskRefusal) {
  }
}
