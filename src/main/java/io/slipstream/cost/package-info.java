/** Trading costs (fees, spread, slippage, later impact and funding carry): one model for backtest and optimizer. */
package io.slipstream.cost;
