package io.slipstream.live.hl;

/**
 * One {@code candleSnapshot} bar.
 *
 * @param coin the coin ({@code s})
 * @param interval the interval label ({@code i}), e.g. {@code "4h"}
 * @param openMs open time ({@code t}), epoch ms UTC
 * @param closeMs the exchange's close time ({@code T}), epoch ms UTC (open + interval - 1 on Hyperliquid)
 * @param open open price, USD
 * @param high high price, USD
 * @param low low price, USD
 * @param close close price, USD
 * @param volume base-asset volume ({@code v})
 * @param trades number of trades ({@code n})
 */
public record Candle(String coin, String interval, long openMs, long closeMs, double open, double high, double low,
    double close, double volume, long trades) {
}
