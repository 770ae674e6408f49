package io.slipstream.live.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link StatusFile}: content at each step on an injected clock, carry-over between runs, no temporary left. */
class StatusFileTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long T0 = 1_740_787_200_000L; // 2025-03-01T00:00:00Z

  @TempDir
  Path dir;

  private JsonNode read(Path f) throws Exception {
    return JSON.readTree(Files.readString(f));
  }

  @Test
  void run_heartbeatsRiskEventsAndSuccess_thenTheNextRunCarriesLastSuccessAndStartsWithoutEvents() throws Exception {
    Path f = dir.resolve("live").resolve("status.json");
    AtomicLong now = new AtomicLong(T0);
    StatusFile s = new StatusFile(f, "live.json", "live", now::get);
    JsonNode j = read(f);
    assertThat(j.get("state").asText()).isEqualTo("running");
    assertThat(j.get("run_started").asText()).isEqualTo("2025-03-01T00:00:00Z");
    assertThat(j.get("last_success").isNull()).isTrue();
    assertThat(j.get("last_error").isNull()).isTrue();

    now.addAndGet(60_000);
    s.heartbeat("execution");
    assertThat(read(f).get("heartbeat").asText()).isEqualTo("2025-03-01T00:01:00Z");
    assertThat(read(f).get("stage").asText()).isEqualTo("execution");
    s.riskEvent("warn", "BTC order clipped to ADV");
    ObjectNode summary = JSON.createObjectNode().put("status", "completed").put("rebalance_id", 7)
        .put("orders_sent", 12).put("alerts", 0).put("secretish_field_not_copied", "x");
    now.addAndGet(1_000);
    s.succeeded(summary);
    j = read(f);
    assertThat(j.get("state").asText()).isEqualTo("succeeded");
    assertThat(j.get("open_risk_events")).singleElement().satisfies(e -> {
      assertThat(e.get("level").asText()).isEqualTo("warn");
      assertThat(e.get("message").asText()).isEqualTo("BTC order clipped to ADV");
    });
    assertThat(j.get("last_success").get("time").asText()).isEqualTo("2025-03-01T00:01:01Z");
    assertThat(j.get("last_success").get("summary").get("rebalance_id").asLong()).isEqualTo(7);
    assertThat(j.get("last_success").get("summary").has("secretish_field_not_copied")).isFalse();

    now.addAndGet(4 * 3_600_000L);
    StatusFile next = new StatusFile(f, "live.json", "live", now::get);
    next.failed("stale data: ...");
    j = read(f);
    assertThat(j.get("state").asText()).isEqualTo("failed");
    assertThat(j.get("open_risk_events")).isEmpty();
    assertThat(j.get("last_success").get("summary").get("rebalance_id").asLong()).isEqualTo(7);
    assertThat(j.get("last_error").get("message").asText()).isEqualTo("stale data: ...");
    assertThat(j.get("last_error").get("time").asText()).isEqualTo("2025-03-01T04:01:01Z");
    try (Stream<Path> files = Files.list(f.getParent())) {
      assertThat(files).containsExactly(f); // every write renamed its temporary file into place
    }
  }

  @Test
  void start_damagedPreviousFile_isReplaced() throws Exception {
    Path f = dir.resolve("status.json");
    Files.writeString(f, "{not json");
    new StatusFile(f, "live.json", "paper", () -> T0);
    JsonNode j = read(f);
    assertThat(j.get("mode").asText()).isEqualTo("paper");
    assertThat(j.get("last_error").isNull()).isTrue();
  }
}
