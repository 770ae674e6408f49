package io.slipstream.live.hl;

/**
 * One perpetual of the {@code meta} universe.
 *
 * @param index the asset index ({@code a} in orders) = position in {@code universe}
 * @param name the coin, e.g. {@code "BTC"}
 * @param szDecimals size decimals: sizes are rounded to this many decimals; prices to at most
 *     {@code 6 - szDecimals} decimals and 5 significant figures
 * @param maxLeverage maximum leverage
 * @param delisted {@code isDelisted} (absent = false)
 */
public record AssetMeta(int index, String name, int szDecimals, int maxLeverage, boolean delisted) {
}
