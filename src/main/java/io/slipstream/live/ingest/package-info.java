/**
 * Exchange data into the Parquet lake: {@link io.slipstream.live.ingest.HyperliquidIngest} fetches closed candles
 * and funding payments through {@link io.slipstream.live.hl.InfoApi}, validates them, and merges them into
 * {@code candles_<interval>.parquet} and {@code funding.parquet} (DESIGN.md, data lake layout) without ever
 * duplicating or losing a row, replacing each file atomically.
 */
package io.slipstream.live.ingest;
