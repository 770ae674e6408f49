package io.slipstream.live.hl;

import java.util.Optional;

/**
 * One fill ({@code userFills} REST reply or WebSocket {@code userFills} message). {@code tid} identifies a fill:
 * a fill delivered twice (WebSocket duplicate, snapshot plus REST) has the same {@code tid}.
 *
 * @param coin the coin
 * @param isBuy side ({@code "B"} buy, {@code "A"} sell)
 * @param px fill price, USD
 * @param sz filled size, base asset (positive)
 * @param timeMs fill time, epoch ms
 * @param oid exchange order id
 * @param tid trade id (unique per fill)
 * @param fee fee paid, USD (negative = rebate)
 * @param crossed true when the order took liquidity
 * @param cloid client order id, when the order carried one
 */
public record Fill(String coin, boolean isBuy, double px, double sz, long timeMs, long oid, long tid, double fee,
    boolean crossed, Optional<String> cloid) {
}
