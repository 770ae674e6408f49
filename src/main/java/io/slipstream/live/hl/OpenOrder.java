package io.slipstream.live.hl;

import java.util.Optional;

/**
 * One resting order ({@code openOrders} reply, or an {@code orderStatus} order).
 *
 * @param coin the coin
 * @param isBuy side ({@code "B"} buy, {@code "A"} sell)
 * @param limitPx limit price, USD
 * @param sz remaining size, base asset
 * @param oid exchange order id
 * @param timestampMs placement time, epoch ms
 * @param cloid client order id ({@code 0x} + 32 hex), when the order carried one
 */
public record OpenOrder(String coin, boolean isBuy, double limitPx, double sz, long oid, long timestampMs,
    Optional<String> cloid) {
}
