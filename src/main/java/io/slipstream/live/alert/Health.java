package io.slipstream.live.alert;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The {@link RunMonitor} of a live command: every event goes to the run's {@link StatusFile} (heartbeat, last
 * success, last error, open risk events) and, for errors, risk refusals, post-trade alerts and emergency stops, to
 * the {@link Webhook} when one is configured. A status file that cannot be written or a webhook that does not answer
 * is logged (one line, never the URL) and the run goes on.
 */
public final class Health implements RunMonitor {
  private final Optional<StatusFile> status;
  private final Optional<Webhook> webhook;
  private final Consumer<String> log;

  /**
   * @param status the run's status file, if any
   * @param webhook the alert webhook, if any
   * @param log where monitoring failures are reported
   */
  public Health(Optional<StatusFile> status, Optional<Webhook> webhook, Consumer<String> log) {
    this.status = status;
    this.webhook = webhook;
    this.log = log;
  }

  @Override
  public void heartbeat(String stage) {
    file(s -> s.heartbeat(stage));
  }

  @Override
  public void riskWarning(String message) {
    file(s -> s.riskEvent("warn", message));
  }

  @Override
  public void alert(String message) {
    file(s -> s.riskEvent("alert", message));
    post("alert: " + message);
  }

  @Override
  public void emergencyStop(String message) {
    file(s -> s.riskEvent("alert", "emergency stop: " + message));
    post("emergency stop: " + message);
  }

  @Override
  public void succeeded(ObjectNode summary) {
    file(s -> s.succeeded(summary));
  }

  @Override
  public void failed(String message, boolean riskRefusal) {
    if (riskRefusal) {
      file(s -> s.riskEvent("refusal", message));
    }
    file(s -> s.failed(message));
    post((riskRefusal ? "risk refusal: " : "error: ") + message);
  }

  private void file(Consumer<StatusFile> action) {
    status.ifPresent(s -> {
      try {
        action.accept(s);
      } catch (RuntimeException e) {
        log.accept("health: " + e.getMessage());
      }
    });
  }

  private void post(String message) {
    webhook.ifPresent(w -> w.post(message));
  }
}
