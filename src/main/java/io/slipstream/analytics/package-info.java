/**
 * Performance analytics of ledgers: {@link io.slipstream.analytics.Metrics} (the quantstats/pyfolio metric set),
 * {@link io.slipstream.analytics.MonthlyReturns} (year x month table) and {@link io.slipstream.analytics.RollingStats}
 * (rolling Sharpe and volatility); {@code analytics.report} writes charts and self-contained HTML reports.
 */
package io.slipstream.analytics;
