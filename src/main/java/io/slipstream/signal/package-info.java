/**
 * Signals as small kernels over a {@link io.slipstream.data.Panel} (rows = bars, columns = coins), each with an
 * incremental one-bar-at-a-time form that the live adapter uses and that agrees bit for bit with the batch form:
 * log returns, EWMA, EW volatility, vol-normalised returns, multi-span EWMA momentum, dollar ADV and the liquidity
 * universe (DESIGN.md conventions 2 to 6).
 */
package io.slipstream.signal;
