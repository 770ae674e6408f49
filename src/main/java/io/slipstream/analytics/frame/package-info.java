/**
 * The notebooks' data-frame bridge: {@link io.slipstream.analytics.frame.Frames} turns {@code Panel}s,
 * {@code MarketData} and backtest ledgers into Tablesaw tables (and back), {@link io.slipstream.analytics.frame.LakeSql}
 * runs DuckDB SQL straight over the Parquet lake into a Tablesaw table, {@link io.slipstream.analytics.frame.FrameHtml}
 * shows a table truncated the way pandas does (head, tail, row and column count) and
 * {@link io.slipstream.analytics.frame.LakeCache} loads the lake once per JVM (one notebook kernel).
 */
package io.slipstream.analytics.frame;
