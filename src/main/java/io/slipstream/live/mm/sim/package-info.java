/**
 * Brawler's replay simulator ({@code slipstream mm backtest}): the live {@link io.slipstream.live.mm.QuotingEngine}
 * object driven by recorded events in time order, with a documented queue-position fill model, feed and order
 * latencies, and a P&L decomposition into spread capture, inventory P&L, fees and funding.
 */
package io.slipstream.live.mm.sim;
