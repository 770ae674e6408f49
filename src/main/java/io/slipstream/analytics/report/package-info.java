/**
 * Report writers: PNG charts ({@link io.slipstream.analytics.report.Charts}, XChart, headless), a builder of
 * self-contained HTML pages ({@link io.slipstream.analytics.report.HtmlPage}), interactive charts drawn by the inlined
 * ECharts WebJar ({@link io.slipstream.analytics.report.InteractiveCharts}) and the backtest tear sheet
 * ({@link io.slipstream.analytics.report.TearSheet}).
 */
package io.slipstream.analytics.report;
