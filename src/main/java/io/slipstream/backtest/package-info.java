/**
 * The path-dependent backtest ledger (DESIGN.md convention 8), run configs and the files of a run
 * ({@code returns.csv}, {@code weights.parquet}).
 */
package io.slipstream.backtest;
