package io.slipstream.live.fake;

import io.slipstream.live.hl.Fill;
import java.util.Optional;

/**
 * One fill booked by the fake exchange, with every field of the wire {@code userFills} entry.
 *
 * @param user the account (lowercase address)
 * @param coin the coin
 * @param isBuy side ({@code "B"} buy, {@code "A"} sell on the wire)
 * @param px fill price, USD
 * @param sz filled size, base asset (positive)
 * @param timeMs fill time, epoch ms
 * @param startPosition the signed position before the fill, base asset
 * @param dir {@code Open Long, Close Long, Open Short, Close Short, Long > Short, Short > Long}
 * @param closedPnl realised P&amp;L of the closed part, USD, rounded to 6 decimals (fee not included)
 * @param hash a fake transaction hash, {@code 0x} + 64 hex
 * @param oid exchange order id
 * @param crossed true when the order took liquidity (taker)
 * @param fee fee paid, USD, rounded to 6 decimals: notional x (taker or maker bps) / 1e4
 * @param tid trade id, unique per fill
 * @param cloid the order's client order id, when set
 */
public record FakeFill(String user, String coin, boolean isBuy, double px, double sz, long timeMs,
    double startPosition, String dir, double closedPnl, String hash, long oid, boolean crossed, double fee, long tid,
    Optional<String> cloid) {
  /** @return the fill in the adapter's vocabulary */
  public Fill toFill() {
    return new Fill(coin, isBuy, px, sz, timeMs, oid, tid, fee, crossed, cloid);
  }
}
