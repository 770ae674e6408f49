package io.slipstream.live.mm.sim;

import java.util.List;
import java.util.Map;

/**
 * The outcome of one replay.
 *
 * @param coins the configured coins, in config order
 * @param startMs first event time, epoch ms
 * @param endMs last processed time, epoch ms
 * @param events recorded events processed (BBO of both venues and trades)
 * @param pnl P&L per coin (config order), USD
 * @param total P&L summed over coins, USD
 * @param markouts one row per horizon
 * @param ordersPlaced orders that rested (post-only accepted)
 * @param ordersFilled rested orders with at least one fill
 * @param rejections post-only orders refused because they would have crossed the true HL book
 * @param cancels orders cancelled (replaced or withdrawn)
 * @param placedNotionalUsd sum of {@code px x sz} of the orders placed, USD
 * @param filledNotionalUsd sum of {@code px x sz} of the fills, USD
 * @param suspendedMs time suspended per coin, then per reason, ms (warm-up included as {@code warmup})
 * @param fills every fill in time order
 * @param inventory inventory samples (every 60 s of replay time and at every fill)
 */
public record SimResult(List<String> coins, long startMs, long endMs, long events, List<Pnl> pnl, Pnl total,
    List<Markout> markouts, long ordersPlaced, long ordersFilled, long rejections, long cancels,
    double placedNotionalUsd, double filledNotionalUsd, Map<String, Map<String, Long>> suspendedMs,
    List<SimFill> fills, List<InventorySample> inventory) {

  /**
   * P&L decomposition, USD: {@code total = spreadCapture + inventoryPnl + fees + funding} (the identity holds to
   * rounding); {@code total} itself is computed independently as {@code cash + inventory x mid_end}.
   *
   * @param coin the coin ({@code TOTAL} for the sum)
   * @param spreadCapture {@code sum side (mid_fill - px) sz} over fills (side +1 buy, -1 sell; mid = HL mid)
   * @param inventoryPnl {@code sum inventory x (mid_t - mid_{t-1})} over HL mid changes
   * @param fees {@code -sum maker_fee_bps / 1e4 x px x sz} (positive when rebated)
   * @param funding {@code -sum inventory x mid x rate} at funding settlements
   * @param total {@code cash + inventory x mid_end} (cash: fills, fees and funding)
   * @param inventoryEnd inventory at the end, HL units
   */
  public record Pnl(String coin, double spreadCapture, double inventoryPnl, double fees, double funding,
      double total, double inventoryEnd) {
    /** @return {@code spreadCapture + inventoryPnl + fees + funding}, USD */
    public double sumOfParts() {
      return spreadCapture + inventoryPnl + fees + funding;
    }
  }

  /**
   * Markouts (adverse selection) at one horizon, over fills whose horizon ends inside the replay.
   *
   * @param horizonMs the horizon, ms
   * @param fills fills measured
   * @param usd {@code sum side (mid(t + h) - px) sz}, USD
   * @param bps size-weighted mean of {@code side (mid(t + h) / px - 1) 1e4}, bps (NaN without fills)
   */
  public record Markout(long horizonMs, int fills, double usd, double bps) {
  }

  /**
   * One simulated fill.
   *
   * @param timeMs exchange time, epoch ms
   * @param coin the coin
   * @param isBuy our bid filled
   * @param px price, USD
   * @param sz size, HL units
   * @param midAtFill HL mid at the fill, USD
   * @param feeUsd fee paid, USD (negative = rebate)
   */
  public record SimFill(long timeMs, String coin, boolean isBuy, double px, double sz, double midAtFill,
      double feeUsd) {
  }

  /**
   * One inventory sample.
   *
   * @param timeMs epoch ms
   * @param coin the coin
   * @param inventory HL units
   * @param mid HL mid, USD
   */
  public record InventorySample(long timeMs, String coin, double inventory, double mid) {
  }

  /** @return ordersFilled / ordersPlaced (NaN when nothing was placed) */
  public double fillRatio() {
    return ordersPlaced == 0 ? Double.NaN : (double) ordersFilled / ordersPlaced;
  }

  /** @return filledNotional / placedNotional (NaN when nothing was placed) */
  public double notionalFillRatio() {
    return placedNotionalUsd == 0 ? Double.NaN : filledNotionalUsd / placedNotionalUsd;
  }
}
