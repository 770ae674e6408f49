/**
 * Report writers: PNG charts ({@link io.slipstream.analytics.report.Charts}, XChart, headless), a builder of
 * self-contained HTML pages ({@link io.slipstream.analytics.report.HtmlPage}) and the backtest tear sheet
 * ({@link io.slipstream.analytics.report.TearSheet}).
 */
package io.slipstream.analytics.report;
