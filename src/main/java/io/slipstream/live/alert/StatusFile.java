package io.slipstream.live.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The health file of a live runner (one per config and mode), rewritten atomically (a temporary file in the same
 * folder, then an atomic rename) at every heartbeat, so a reader (a monitoring script, {@code cat}) never sees a
 * half-written file:
 * <pre>
 * {"config": "gradient_live.json", "mode": "live", "state": "running" | "succeeded" | "failed",
 *  "run_started": ISO, "heartbeat": ISO, "stage": "execution",
 *  "last_success": {"time": ISO, "summary": {"status", "rebalance_id", "orders_sent", "alerts"}} | null,
 *  "last_error": {"time": ISO, "message": ".."} | null,
 *  "open_risk_events": [{"time": ISO, "level": "warn" | "refusal" | "alert", "message": ".."}]}
 * </pre>
 * {@code last_success} and {@code last_error} carry over from the previous run's file (the last of each ever seen);
 * {@code open_risk_events} are those of the current run (a new run starts with none). Times are UTC.
 */
public final class StatusFile {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;
  private final LongSupplier clockMs;
  private final ObjectNode state;

  /**
   * Starts a run's status: reads the previous file when there is one (a file that does not parse is replaced,
   * keeping nothing), sets {@code state: running} and writes it.
   *
   * @param file the status file (its folder is created)
   * @param config the config file name
   * @param mode the mode label
   * @param clockMs current time, epoch ms
   * @throws UncheckedIOException naming the file when it cannot be written
   */
  public StatusFile(Path file, String config, String mode, LongSupplier clockMs) {
    this.file = Objects.requireNonNull(file, "file");
    this.clockMs = Objects.requireNonNull(clockMs, "clockMs");
    JsonNode previous = null;
    if (Files.isRegularFile(file)) {
      try {
        previous = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
      } catch (IOException e) {
        previous = null; // a damaged status file is replaced: it holds no data anyone needs
      }
    }
    state = JSON.createObjectNode();
    state.put("config", config);
    state.put("mode", mode);
    state.put("state", "running");
    String now = now();
    state.put("run_started", now);
    state.put("heartbeat", now);
    state.put("stage", "start");
    state.set("last_success", carried(previous, "last_success"));
    state.set("last_error", carried(previous, "last_error"));
    state.putArray("open_risk_events");
    write();
  }

  private static JsonNode carried(JsonNode previous, String key) {
    JsonNode v = previous == null ? null : previous.get(key);
    return v == null || !v.isObject() ? JSON.nullNode() : v.deepCopy();
  }

  /** @return the file */
  public Path file() {
    return file;
  }

  /** @return a copy of the current content */
  public synchronized ObjectNode snapshot() {
    return state.deepCopy();
  }

  /**
   * @param stage the step reached; updates {@code heartbeat} and {@code stage}
   */
  public synchronized void heartbeat(String stage) {
    state.put("heartbeat", now());
    state.put("stage", stage);
    write();
  }

  /**
   * @param level {@code "warn"}, {@code "refusal"} or {@code "alert"}
   * @param message one line, no secret
   */
  public synchronized void riskEvent(String level, String message) {
    ObjectNode e = ((ArrayNode) state.get("open_risk_events")).addObject();
    e.put("time", now());
    e.put("level", level);
    e.put("message", message);
    state.put("heartbeat", now());
    write();
  }

  /** @param summary the run's summary; its status, rebalance id and counts go to {@code last_success} */
  public synchronized void succeeded(ObjectNode summary) {
    ObjectNode s = JSON.createObjectNode();
    s.put("time", now());
    ObjectNode brief = s.putObject("summary");
    for (String k : new String[] {"status", "reason", "rebalance_id", "decision_time", "orders_sent", "alerts",
        "account_value_usd"}) {
      if (summary.has(k)) {
        brief.set(k, summary.get(k));
      }
    }
    if (summary.has("protection")) {
      brief.set("protection", summary.get("protection"));
    }
    state.set("last_success", s);
    state.put("state", "succeeded");
    state.put("heartbeat", now());
    state.put("stage", "done");
    write();
  }

  /** @param message the one-line cause, no secret */
  public synchronized void failed(String message) {
    ObjectNode e = JSON.createObjectNode();
    e.put("time", now());
    e.put("message", message);
    state.set("last_error", e);
    state.put("state", "failed");
    state.put("heartbeat", now());
    write();
  }

  private String now() {
    return Instant.ofEpochMilli(clockMs.getAsLong()).toString();
  }

  private void write() {
    try {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
      try {
        Files.writeString(tmp, state.toPrettyString() + "\n", StandardCharsets.UTF_8);
        try {
          Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the status file " + file + " (" + e.getClass().getSimpleName()
          + ")", e);
    }
  }
}
