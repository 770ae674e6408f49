/**
 * Brawler, a CEX-anchored passive market maker for Hyperliquid (issue 18): the pure, event-driven
 * {@link io.slipstream.live.mm.QuotingEngine} (fair value = Binance USD-M mid x (1 + EWMA basis), volatility-scaled
 * half-spread, reservation-price inventory skew, size tapers, limits and self-resuming kill switches), its strict
 * {@link io.slipstream.live.mm.BrawlerConfig}, the venue {@link io.slipstream.live.mm.SymbolMap} and the replay
 * simulator in {@code live.mm.sim} that drives the very same engine object with recorded events.
 *
 * <p>A market-making strategy posts and manages quotes instead of target weights, so it is kept apart from the
 * {@code strategy} contract (DESIGN.md "Strategy layer").
 */
package io.slipstream.live.mm;
