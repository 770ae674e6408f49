/** Performance metrics of ledgers; {@code analytics.report} writes charts and self-contained HTML reports. */
package io.slipstream.analytics;
