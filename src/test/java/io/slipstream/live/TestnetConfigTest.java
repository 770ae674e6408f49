package io.slipstream.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slipstream.backtest.BacktestConfig;
import io.slipstream.backtest.ConfigParser;
import io.slipstream.live.hl.Network;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The shipped testnet config: the backtest keys of gradient_live.json, the testnet endpoint, stops and health. */
class TestnetConfigTest {
  @Test
  void shippedTestnetConfig_parses_onTestnet_withProtectionAndAStatusFile() throws Exception {
    String text = Files.readString(Path.of("config/gradient_live_testnet.json"));
    ObjectNode root = ConfigParser.readTree(text, "gradient_live_testnet.json");
    BacktestConfig bt = ConfigParser.parse(root, "gradient_live_testnet.json");
    LiveConfig c = LiveConfig.parse(root, bt.params().grossLeverage(), bt.interval().hours());
    assertThat(Network.of(c.api().endpoint().toString(), true)).isEqualTo(Network.TESTNET);
    assertThat(c.dryRun()).isFalse();
    assertThat(bt.capitalUsd()).isEqualTo(1000.0);
    assertThat(c.protection().orElseThrow().stopLossPct().getAsDouble()).isEqualTo(15.0);
    assertThat(c.protection().get().takeProfitPct().getAsDouble()).isEqualTo(30.0);
    assertThat(c.alerts().webhookUrl()).isEmpty();
    assertThat(c.alerts().statusFile()).contains(Path.of("reports/live/gradient_live_testnet.status.json"));
    // the strategy keys are gradient_live.json's
    String mainnet = Files.readString(Path.of("config/gradient_live.json"));
    BacktestConfig main = ConfigParser.parse(ConfigParser.readTree(mainnet, "gradient_live.json"),
        "gradient_live.json");
    assertThat(bt.params()).isEqualTo(main.params());
    assertThat(bt.strategy()).isEqualTo(main.strategy());
  }
}
