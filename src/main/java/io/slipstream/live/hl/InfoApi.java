package io.slipstream.live.hl;

import io.slipstream.core.BarInterval;
import java.util.List;
import java.util.Map;

/**
 * Hyperliquid read requests ({@code POST /info}, API.md "Info requests"). Implementations respect the request
 * weights, retry HTTP 429 and 5xx with backoff, and time out every call; a failure that survives the retries is an
 * {@link ExchangeException} naming the request.
 */
public interface InfoApi {
  /** @return the perpetuals universe ({@code meta}) */
  Meta meta();

  /**
   * All candles of one coin whose open time lies in {@code [startMs, endMs]}, paging forward from the last open
   * time until the window is covered (one reply may be capped at 500); no duplicates, ascending open time. The
   * last candle may still be forming (its close time is in the future): callers drop it.
   *
   * @param coin the coin
   * @param interval bar interval
   * @param startMs first open time wanted, epoch ms
   * @param endMs last open time wanted, epoch ms
   * @return candles, ascending open time
   */
  List<Candle> candles(String coin, BarInterval interval, long startMs, long endMs);

  /**
   * All funding payments of one coin with time in {@code [startMs, endMs]}, paging forward (500 a reply);
   * ascending time, no duplicates.
   *
   * @param coin the coin
   * @param startMs from, epoch ms
   * @param endMs to, epoch ms
   * @return funding rows
   */
  List<FundingRate> fundingHistory(String coin, long startMs, long endMs);

  /**
   * @param coin the coin
   * @return the current book (up to 20 levels a side)
   */
  L2Book l2Book(String coin);

  /** @return mid price by coin, USD */
  Map<String, Double> allMids();

  /**
   * @param user the account address, {@code 0x} + 40 lowercase hex
   * @return positions and margin summary
   */
  AccountState clearinghouseState(String user);

  /**
   * @param user the account address
   * @return resting orders
   */
  List<OpenOrder> openOrders(String user);

  /**
   * @param user the account address
   * @return the most recent fills (up to 2000), newest first as the exchange sends them
   */
  List<Fill> userFills(String user);

  /**
   * @param user the account address
   * @param cloid a client order id ({@code 0x} + 32 hex)
   * @return the order's status, {@link OrderQuery#UNKNOWN} when the exchange does not know it
   */
  OrderQuery orderStatus(String user, String cloid);
}
