/**
 * Alerts and health of live runs: a status file per run with a heartbeat ({@link io.slipstream.live.alert.StatusFile}),
 * a Slack-compatible webhook ({@link io.slipstream.live.alert.Webhook}), both fed through
 * {@link io.slipstream.live.alert.RunMonitor}; configured by the optional {@code alerts} section of the live config
 * ({@link io.slipstream.live.alert.AlertConfig}). The webhook URL is a secret: it is never logged, stored or written.
 */
package io.slipstream.live.alert;
