package io.slipstream.live.hl;

/**
 * One {@code clearinghouseState.assetPositions[].position}.
 *
 * @param coin the coin
 * @param szi signed size, base asset (positive long, negative short)
 * @param entryPx average entry price, USD (NaN when absent)
 * @param positionValue |size| x mark, USD
 * @param unrealizedPnl unrealised P&amp;L, USD
 */
public record Position(String coin, double szi, double entryPx, double positionValue, double unrealizedPnl) {
}
