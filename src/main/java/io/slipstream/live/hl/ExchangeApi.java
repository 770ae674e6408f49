package io.slipstream.live.hl;

import java.util.List;
import java.util.OptionalLong;

/**
 * Hyperliquid signed actions ({@code POST /exchange}, API.md "Exchange actions"). Every call sends one signed
 * action with a fresh, strictly increasing millisecond nonce. A whole-request failure ({@code "status":"err"}) or
 * a transport failure that survives the retries is an {@link ExchangeException}; per-order rejections come back
 * as {@link OrderAck.Rejected}. A signed request whose outcome is unknown (timeout, HTTP 5xx) is never resent
 * blindly: the implementation first asks the exchange whether it landed (order status by client id, the order's
 * status for a cancel) and sends again, with a fresh nonce, only what did not; orders are looked up by their client
 * ids, which the runner always sets.
 */
public interface ExchangeApi {
  /**
   * Places orders in one {@code order} action ({@code grouping "na"}).
   *
   * @param orders the orders, in the action's order
   * @return one acknowledgement per order, same order
   */
  List<OrderAck> placeOrders(List<OrderRequest> orders);

  /**
   * Cancels by client order id ({@code cancelByCloid}).
   *
   * @param cancels (asset, cloid) pairs
   * @return per cancel: {@code "success"} or the exchange's error text
   */
  List<String> cancelByCloid(List<CloidCancel> cancels);

  /**
   * Cancels by exchange order id ({@code cancel}).
   *
   * @param cancels (asset, oid) pairs
   * @return per cancel: {@code "success"} or the exchange's error text
   */
  List<String> cancel(List<OidCancel> cancels);

  /**
   * Dead man's switch ({@code scheduleCancel}): cancel all open orders at {@code timeMs}, or unset it when empty.
   *
   * @param timeMs when to cancel, epoch ms (at least 5 s ahead), or empty to unset
   */
  void scheduleCancel(OptionalLong timeMs);

  /** @param asset asset index @param cloid client order id */
  record CloidCancel(int asset, String cloid) {
  }

  /** @param asset asset index @param oid exchange order id */
  record OidCancel(int asset, long oid) {
  }
}
