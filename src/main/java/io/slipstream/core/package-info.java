/**
 * Shared vocabulary that depends on no other Slipstream package: argument checks, exceptions, bar intervals, units,
 * and the JSON config-reading checks ({@link io.slipstream.core.ConfigNodes}, on Jackson) that the backtest, live and
 * ML config parsers share.
 */
package io.slipstream.core;
