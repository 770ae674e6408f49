/**
 * Market data: the Parquet lake (candles and funding in long format), {@link io.slipstream.data.Panel}
 * (rows = bar times on a regular UTC grid, columns = coins), masking and validation of real-world defects,
 * and import of freqtrade Feather files.
 */
package io.slipstream.data;
