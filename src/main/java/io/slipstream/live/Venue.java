package io.slipstream.live;

import io.slipstream.live.hl.ExchangeApi;
import io.slipstream.live.hl.Fill;
import io.slipstream.live.hl.OpenOrder;
import io.slipstream.live.hl.OrderQuery;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Where the runner's orders go and where its fills and positions come from: the exchange ({@link LiveVenue}) or
 * the paper engine ({@link PaperVenue}). The executor talks only to this, so paper and live run the same code.
 */
public interface Venue extends AutoCloseable {
  /** @return "live" or "paper" */
  String mode();

  /** @return signed actions (orders, cancels) */
  ExchangeApi exchange();

  /** @return signed size by coin, base asset (coins without a position omitted) */
  Map<String, Double> positions();

  /**
   * @param mids mid price by coin, USD
   * @return account value, USD
   */
  double accountValue(Map<String, Double> mids);

  /** @return resting orders */
  List<OpenOrder> openOrders();

  /** @return the most recent fills as the venue knows them (REST {@code userFills}, or the paper ledger) */
  List<Fill> recentFills();

  /**
   * @param cloid a client order id
   * @return its status; {@link OrderQuery#UNKNOWN} when the venue never received it
   */
  OrderQuery orderStatus(String cloid);

  /**
   * Registers the fill listener (WebSocket {@code userFills} live, the paper engine's fills in paper mode). A fill
   * may arrive twice or not at all; the executor de-duplicates by trade id and reconciles over {@link #recentFills}.
   *
   * @param onFill called on the venue's thread
   */
  void onFill(Consumer<Fill> onFill);

  /** Lets time pass for the venue: the paper engine matches resting orders against the current book; live: no-op. */
  void poll();

  /** @return WebSocket reconnects so far (0 for paper) */
  int reconnects();

  /** Releases connections; idempotent. */
  @Override
  void close();
}
