package io.slipstream.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slipstream.backtest.ConfigParser;
import io.slipstream.core.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The live sections of {@code config/gradient_live.json}: values, defaults, and errors naming the key. */
class LiveConfigTest {
  private static ObjectNode shipped() throws Exception {
    return ConfigParser.readTree(Files.readString(Path.of("config/gradient_live.json")), "gradient_live.json");
  }

  @Test
  void shippedConfig_parses_withItsValues() throws Exception {
    LiveConfig c = LiveConfig.parse(shipped(), 1.0, 4);
    assertThat(c.dryRun()).isTrue();
    assertThat(c.execution().passiveTimeoutSeconds()).isEqualTo(60);
    assertThat(c.execution().limitOrderAggression()).isZero();
    assertThat(c.execution().cancelBeforeMarketSweep()).isTrue();
    assertThat(c.execution().minOrderSizeUsd()).isEqualTo(10);
    assertThat(c.execution().maxRequotes()).isEqualTo(3);
    assertThat(c.execution().sweepSlippagePct()).isEqualTo(1.0);
    assertThat(c.execution().deadManSwitchSeconds()).isEqualTo(120);
    assertThat(c.api().endpoint().toString()).isEqualTo("https://api.hyperliquid.xyz");
    assertThat(c.api().wsUrl()).isEmpty();
    assertThat(c.risk().maxNetLeverage()).isEqualTo(0.5);
    assertThat(c.risk().maxDataAgeMinutes()).isEqualTo(30);
  }

  @Test
  void optionalKeys_takeTheirDefaults() throws Exception {
    ObjectNode root = shipped();
    ObjectNode ex = (ObjectNode) root.get("execution");
    ex.remove("max_requotes");
    ex.remove("sweep_slippage_pct");
    ex.remove("dead_man_switch_seconds");
    root.remove("risk");
    LiveConfig c = LiveConfig.parse(root, 2.0, 4);
    assertThat(c.execution().maxRequotes()).isEqualTo(3);
    assertThat(c.execution().sweepSlippagePct()).isEqualTo(1.0);
    assertThat(c.execution().deadManSwitchSeconds()).isEqualTo(120);
    // defaults: gross 1.05 x gross_leverage, data age two bars
    assertThat(c.risk().maxGrossLeverage()).isEqualTo(2.1);
    assertThat(c.risk().maxDataAgeMinutes()).isEqualTo(480);
  }

  @Test
  void badValues_areErrorsNamingTheKey() throws Exception {
    ObjectNode a = shipped();
    ((ObjectNode) a.get("execution")).put("dead_man_switch_seconds", 3);
    assertThatThrownBy(() -> LiveConfig.parse(a, 1.0, 4)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("execution.dead_man_switch_seconds").hasMessageContaining("3");
    ObjectNode b = shipped();
    ((ObjectNode) b.get("execution")).put("limit_order_aggression", 1.0);
    assertThatThrownBy(() -> LiveConfig.parse(b, 1.0, 4)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("execution.limit_order_aggression");
    ObjectNode c = shipped();
    ((ObjectNode) c.get("api")).put("endpoint", "ftp://example.com");
    assertThatThrownBy(() -> LiveConfig.parse(c, 1.0, 4)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("api.endpoint");
    ObjectNode d = shipped();
    ((ObjectNode) d.get("execution")).put("min_order_size_usd", 5);
    assertThatThrownBy(() -> LiveConfig.parse(d, 1.0, 4)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("execution.min_order_size_usd");
    ObjectNode e = shipped();
    ((ObjectNode) e.get("risk")).put("max_leverage", 1);
    assertThatThrownBy(() -> LiveConfig.parse(e, 1.0, 4)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("risk.max_leverage");
    ObjectNode f = shipped();
    f.remove("dry_run");
    assertThatThrownBy(() -> LiveConfig.parse(f, 1.0, 4)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("dry_run");
    ObjectNode g = shipped();
    ((ObjectNode) g.get("api")).put("account_address", "0x123");
    assertThatThrownBy(() -> LiveConfig.parse(g, 1.0, 4)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("api.account_address");
  }
}
