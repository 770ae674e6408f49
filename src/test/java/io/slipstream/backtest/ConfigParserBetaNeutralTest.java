package io.slipstream.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slipstream.core.BarInterval;
import io.slipstream.core.ConfigException;
import io.slipstream.factor.VolumeWeighting;
import io.slipstream.strategy.betaneutral.BetaNeutralConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The {@code beta_neutral} config section and the extended {@code costs} keys. */
class ConfigParserBetaNeutralTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Path CONFIG = Path.of("config/beta_neutral.json");

  private static String json(Consumer<ObjectNode> edit) throws IOException {
    ObjectNode root = (ObjectNode) MAPPER.readTree(Files.readString(CONFIG));
    edit.accept(root);
    return MAPPER.writeValueAsString(root);
  }

  @Test
  void shippedConfig_parses() {
    BacktestConfig c = ConfigParser.parse(CONFIG);
    assertThat(c.strategy()).isEqualTo("beta_neutral");
    assertThat(c.interval()).isEqualTo(BarInterval.H4);
    BetaNeutralConfig b = c.params(BetaNeutralConfig.class);
    assertThat(b.horizonHours()).isEqualTo(24);
    assertThat(b.horizonBars()).isEqualTo(6);
    assertThat(b.weighting()).isEqualTo(VolumeWeighting.SQRT_DOLLAR);
    assertThat(b.optimizer()).isEqualTo(BetaNeutralConfig.Optimizer.COST_AWARE);
    assertThat(b.forecast().momentumSpans()).isEqualTo(List.of(2, 4, 8, 16, 32));
    assertThat(c.costConfig().halfSpreadBps().getAsDouble()).isEqualTo(1.0);
    assertThat(c.costConfig().impactCoefficient()).isEqualTo(0.6);
    assertThat(c.costConfig().minTradeUsd()).isEqualTo(10.0);
    assertThatThrownBy(() -> c.params(io.slipstream.strategy.gradient.GradientConfig.class)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void halfSpreadEstimate_isAccepted() throws IOException {
    BacktestConfig c = ConfigParser.parse(json(r -> ((ObjectNode) r.get("costs")).put("half_spread_bps", "estimate")),
        "t");
    assertThat(c.costConfig().halfSpreadBps()).isEmpty();
  }

  @Test
  void badValues_nameTheKey() {
    expect(r -> ((ObjectNode) r.get("beta_neutral")).put("horizon_hours", 6), "beta_neutral.horizon_hours",
        "multiple of the 4h");
    expect(r -> ((ObjectNode) r.get("beta_neutral")).put("optimizer", "magic"), "beta_neutral.optimizer", "magic");
    expect(r -> ((ObjectNode) r.get("beta_neutral")).put("weight_method", "cube"), "beta_neutral.weight_method", "cube");
    expect(r -> ((ObjectNode) r.get("beta_neutral")).put("gross_leverage", 0), "beta_neutral.gross_leverage", "0");
    expect(r -> ((ObjectNode) r.get("beta_neutral")).put("risk_aversion", -1), "beta_neutral.risk_aversion", "-1");
    expect(r -> ((ObjectNode) r.get("beta_neutral")).put("surprise", 1), "beta_neutral.surprise", "unknown");
    expect(r -> ((ObjectNode) r.get("beta_neutral")).remove("lot_rounding"), "beta_neutral.lot_rounding", "missing");
    expect(r -> ((ObjectNode) r.get("costs")).put("half_spread_bps", "guess"), "costs.half_spread_bps", "guess");
    expect(r -> ((ObjectNode) r.get("costs")).put("impact_coefficient", -0.1), "costs.impact_coefficient", "-0.1");
    expect(r -> r.put("concentration_pct", 35), "concentration_pct", "unknown");
    expect(r -> r.put("strategy", "martingale"), "strategy", "martingale");
  }

  private static void expect(Consumer<ObjectNode> edit, String key, String fragment) {
    assertThatThrownBy(() -> ConfigParser.parse(json(edit), "t")).isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(((ConfigException) e).key()).isEqualTo(key)).hasMessageContaining(fragment);
  }
}
