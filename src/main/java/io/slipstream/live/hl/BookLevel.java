package io.slipstream.live.hl;

/**
 * One price level of an {@code l2Book} side.
 *
 * @param px price, USD
 * @param sz total size at the level, base asset
 * @param n number of orders
 */
public record BookLevel(double px, double sz, int n) {
}
