package io.slipstream.live.hl;

/**
 * One {@code fundingHistory} row: the hourly funding rate paid at {@code timeMs}.
 *
 * @param coin the coin
 * @param timeMs payment time, epoch ms UTC
 * @param fundingRate the rate for that hour, a fraction of notional (positive: longs pay)
 * @param premium the premium component, a fraction
 */
public record FundingRate(String coin, long timeMs, double fundingRate, double premium) {
}
