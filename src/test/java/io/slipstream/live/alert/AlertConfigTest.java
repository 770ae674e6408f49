package io.slipstream.live.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slipstream.core.ConfigException;
import io.slipstream.live.protect.ProtectionConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The {@code alerts} and {@code protection} sections: defaults, ranges, and a webhook URL never echoed. */
class AlertConfigTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SECRET = "https://hooks.example.com/services/T0/B0/s3cr3tT0k3n";

  private static ObjectNode json(String s) throws Exception {
    return (ObjectNode) JSON.readTree(s);
  }

  @Test
  void alerts_parsesAndHidesTheUrl() throws Exception {
    AlertConfig a = AlertConfig.parse(json("{\"webhook_url\":\"" + SECRET + "\",\"status_file\":\"s.json\","
        + "\"timeout_seconds\":3}"));
    assertThat(a.webhookUrl().orElseThrow().toString()).isEqualTo(SECRET);
    assertThat(a.statusFile()).contains(Path.of("s.json"));
    assertThat(a.timeoutSeconds()).isEqualTo(3.0);
    assertThat(a.toString()).doesNotContain("s3cr3t");
    ObjectNode root = json("{\"dry_run\":true,\"alerts\":{\"webhook_url\":\"" + SECRET + "\"}}");
    String redacted = AlertConfig.redact(root).toString();
    assertThat(redacted).doesNotContain("s3cr3t").contains(AlertConfig.REDACTED);
    assertThat(root.toString()).contains("s3cr3t"); // the original is not modified
  }

  @Test
  void alerts_badValues_nameTheKey_neverTheUrl() throws Exception {
    assertThatThrownBy(() -> AlertConfig.parse(json("{\"webhook_url\":\"ftp://s3cr3t@host/x\"}")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("alerts.webhook_url")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cr3t"));
    assertThatThrownBy(() -> AlertConfig.parse(json("{\"webhook_url\":\"not a url s3cr3t\"}")))
        .hasMessageContaining("alerts.webhook_url").satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cr3t"));
    assertThatThrownBy(() -> AlertConfig.parse(json("{\"timeout_seconds\":0}")))
        .hasMessageContaining("alerts.timeout_seconds");
    assertThatThrownBy(() -> AlertConfig.parse(json("{\"webhook\":\"" + SECRET + "\"}")))
        .hasMessageContaining("alerts.webhook").satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cr3t"));
  }

  @Test
  void protection_defaultsAndRanges() throws Exception {
    ProtectionConfig p = ProtectionConfig.parse(json("{\"stop_loss_pct\":8}"));
    assertThat(p.stopLossPct().getAsDouble()).isEqualTo(8.0);
    assertThat(p.takeProfitPct()).isEmpty();
    assertThat(p.market()).isTrue();
    assertThat(p.slippagePct()).isEqualTo(5.0);
    assertThat(ProtectionConfig.parse(json("{\"take_profit_pct\":30,\"order_type\":\"limit\",\"slippage_pct\":1}"))
        .market()).isFalse();
    assertThatThrownBy(() -> ProtectionConfig.parse(json("{}"))).hasMessageContaining("stop_loss_pct");
    assertThatThrownBy(() -> ProtectionConfig.parse(json("{\"stop_loss_pct\":100}")))
        .hasMessageContaining("protection.stop_loss_pct").hasMessageContaining("100");
    assertThatThrownBy(() -> ProtectionConfig.parse(json("{\"stop_loss_pct\":5,\"order_type\":\"stop\"}")))
        .hasMessageContaining("protection.order_type");
    assertThatThrownBy(() -> ProtectionConfig.parse(json("{\"stop_loss_pct\":5,\"slippage_pct\":60}")))
        .hasMessageContaining("protection.slippage_pct");
    assertThatThrownBy(() -> ProtectionConfig.parse(json("{\"stop_loss_pct\":5,\"trailing\":1}")))
        .hasMessageContaining("protection.trailing");
  }
}
