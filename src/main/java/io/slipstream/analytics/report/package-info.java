/** Report writers: PNG charts (XChart, headless) and self-contained HTML reports. */
package io.slipstream.analytics.report;
