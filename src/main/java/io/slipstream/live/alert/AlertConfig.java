package io.slipstream.live.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slipstream.core.ConfigException;
import io.slipstream.core.ConfigNodes;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * The optional {@code alerts} section of a live config.
 *
 * <pre>
 * "alerts": {"webhook_url": "https://hooks.slack.com/services/...", "status_file": "reports/live/status.json",
 *            "timeout_seconds": 5}
 * </pre>
 * The webhook URL is a secret (it lets anyone post to the channel): it is never echoed in an error message, a log
 * line, the status file or the audit database (the config text stored with each rebalance carries
 * {@value #REDACTED} in its place, see {@link #redact}); {@link #toString()} hides it. The environment variable
 * {@value #WEBHOOK_ENV}, when set, gives the URL instead of the file (so it need not sit in a config file).
 *
 * @param webhookUrl where alerts are posted ({@code https}, or {@code http} for a local receiver); empty for none
 * @param statusFile (optional) the run's status file; empty for the default {@code reports/live/<config>-<mode>.status.json}
 * @param timeoutSeconds (default 5) the webhook's connect and request timeout, seconds, in {@code (0, 60]}
 */
public record AlertConfig(Optional<URI> webhookUrl, Optional<Path> statusFile, double timeoutSeconds) {
  /** What replaces the webhook URL in the config text the audit trail keeps. */
  public static final String REDACTED = "(secret, not stored)";
  /** The environment variable that gives the webhook URL (it wins over {@code alerts.webhook_url}). */
  public static final String WEBHOOK_ENV = "SLIPSTREAM_ALERT_WEBHOOK";
  private static final Set<String> KEYS = Set.of("webhook_url", "status_file", "timeout_seconds");

  /** No webhook, the default status file, 5 s. */
  public static final AlertConfig DEFAULT = new AlertConfig(Optional.empty(), Optional.empty(), 5.0);

  /**
   * Parses the section.
   *
   * @param section the {@code alerts} object
   * @return the config
   * @throws ConfigException naming the dotted key when a key is unknown or a value is out of range; a bad
   *     {@code webhook_url} is named but its value never shown
   */
  public static AlertConfig parse(JsonNode section) {
    JsonNode a = ConfigNodes.objectValue(section, "alerts");
    ConfigNodes.rejectUnknownKeys(a, KEYS, "alerts.", "known");
    Optional<URI> url = Optional.empty();
    if (a.has("webhook_url") && !a.get("webhook_url").isNull()) {
      JsonNode v = a.get("webhook_url");
      if (!v.isTextual()) {
        throw new ConfigException("alerts.webhook_url", "must be a string (an http or https URL)");
      }
      url = Optional.of(webhook(v.textValue(), "alerts.webhook_url"));
    }
    Optional<Path> status = Optional.empty();
    if (a.has("status_file")) {
      String s = ConfigNodes.textValue(a.get("status_file"), "alerts.status_file");
      if (s.isBlank()) {
        throw new ConfigException("alerts.status_file", "must be a file path, was \"\"");
      }
      status = Optional.of(Path.of(s));
    }
    double timeout = 5.0;
    if (a.has("timeout_seconds")) {
      timeout = ConfigNodes.numberValue(a.get("timeout_seconds"), "alerts.timeout_seconds");
      if (!(timeout > 0 && timeout <= 60)) {
        throw new ConfigException("alerts.timeout_seconds", "must be in (0, 60], was " + timeout);
      }
    }
    return new AlertConfig(url, status, timeout);
  }

  /**
   * Checks a webhook URL without ever putting it in a message.
   *
   * @param text the URL
   * @param name the key or variable it came from, for the message
   * @return the URL
   * @throws ConfigException naming {@code name} when it is not an absolute http(s) URL with a host
   */
  public static URI webhook(String text, String name) {
    URI u;
    try {
      u = URI.create(text.strip());
    } catch (IllegalArgumentException e) {
      throw new ConfigException(name, "is not a valid URL (value not shown: it is a secret)");
    }
    if (!("https".equals(u.getScheme()) || "http".equals(u.getScheme())) || u.getHost() == null) {
      throw new ConfigException(name, "must be an http or https URL with a host (value not shown: it is a secret)");
    }
    return u;
  }

  /**
   * @param url the webhook URL to use instead (from {@value #WEBHOOK_ENV})
   * @return this config with that URL
   */
  public AlertConfig withWebhook(URI url) {
    return new AlertConfig(Optional.of(url), statusFile, timeoutSeconds);
  }

  /**
   * The config with its webhook URL replaced by {@value #REDACTED}, for the audit trail.
   *
   * @param root the whole config (not modified)
   * @return a copy whose {@code alerts.webhook_url}, when present, is {@value #REDACTED}
   */
  public static ObjectNode redact(ObjectNode root) {
    ObjectNode copy = root.deepCopy();
    JsonNode a = copy.get("alerts");
    if (a instanceof ObjectNode o && o.has("webhook_url")) {
      o.put("webhook_url", REDACTED);
    }
    return copy;
  }

  @Override
  public String toString() {
    return "AlertConfig[webhook " + (webhookUrl.isPresent() ? "set (secret)" : "none") + ", status file "
        + statusFile.map(Path::toString).orElse("default") + ", timeout " + timeoutSeconds + " s]";
  }
}
