package io.slipstream.backtest.search;

import io.slipstream.strategy.gradient.GradientConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slipstream.backtest.BacktestConfig;
import io.slipstream.backtest.ConfigParser;
import io.slipstream.core.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Grid parsing, mixed-radix enumeration and every bad-grid case, against config/gradient.json. */
class GridSpecTest {
  static ObjectNode base() throws IOException {
    return ConfigParser.readTree(Files.readString(Path.of("config/gradient.json")), "gradient.json");
  }

  static GridSpec grid(String json) throws IOException {
    return GridSpec.parse(ConfigParser.readTree(json, "grid"), base(), "grid");
  }

  @Test
  void enumeratesCartesianProduct_lastKeyFastest() throws IOException {
    GridSpec g = grid("{\"concentration_pct\": [10, 20, 30], \"lookback_spans\": [[2, 4], [8]],"
        + " \"costs.taker_fee_bps\": [3.5, 4.5]}");
    assertThat(g.size()).isEqualTo(12);
    assertThat(g.keys()).containsExactly("concentration_pct", "lookback_spans", "costs.taker_fee_bps");
    // id 7 = 1*4 + 1*2 + 1 -> (20, [8], 4.5)
    assertThat(g.paramsJson(7)).isEqualTo("{\"concentration_pct\":20,\"lookback_spans\":[8],"
        + "\"costs.taker_fee_bps\":4.5}");
    BacktestConfig c = g.config(base(), 7, "t");
    assertThat(c.params(GradientConfig.class).concentrationPct()).isEqualTo(20);
    assertThat(c.params(GradientConfig.class).lookbackSpans()).containsExactly(8);
    assertThat(c.costs().takerFeeBps()).isEqualTo(4.5);
    assertThat(c.params(GradientConfig.class).volSpan()).isEqualTo(24);
    Set<String> all = new HashSet<>();
    for (long id = 0; id < g.size(); id++) {
      all.add(g.paramsJson(id));
    }
    assertThat(all).hasSize(12);
    assertThat(g.isNumeric(0)).isTrue();
    assertThat(g.isNumeric(1)).isFalse();
    assertThatThrownBy(() -> g.valueIndex(12, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void optionalCostKeyAbsentFromBase_isAccepted() throws IOException {
    GridSpec g = grid("{\"costs.min_trade_usd\": [0, 10]}");
    assertThat(g.config(base(), 1, "t").costConfig().minTradeUsd()).isEqualTo(10);
  }

  @Test
  void badGrids_nameTheProblem() {
    assertThatThrownBy(() -> grid("{}")).isInstanceOf(ConfigException.class).hasMessageContaining("empty");
    assertThatThrownBy(() -> grid("{\"concentration\": [10]}")).isInstanceOf(ConfigException.class)
        .hasMessageContaining("grid.concentration").hasMessageContaining("not a config key");
    assertThatThrownBy(() -> grid("{\"costs.fee\": [1]}")).isInstanceOf(ConfigException.class)
        .hasMessageContaining("grid.costs.fee").hasMessageContaining("not a config key");
    assertThatThrownBy(() -> grid("{\"foo.bar\": [1]}")).isInstanceOf(ConfigException.class)
        .hasMessageContaining("grid.foo.bar").hasMessageContaining("no object \"foo\"");
    assertThatThrownBy(() -> grid("{\"vol_span\": []}")).isInstanceOf(ConfigException.class)
        .hasMessageContaining("grid.vol_span").hasMessageContaining("non-empty array");
    assertThatThrownBy(() -> grid("{\"vol_span\": 24}")).isInstanceOf(ConfigException.class)
        .hasMessageContaining("non-empty array");
    assertThatThrownBy(() -> grid("{\"concentration_pct\": [10, 60]}")).isInstanceOf(ConfigException.class)
        .hasMessageContaining("grid.concentration_pct").hasMessageContaining("60");
    assertThatThrownBy(() -> grid("{\"interval\": [\"1h\"]}")).isInstanceOf(ConfigException.class)
        .hasMessageContaining("cannot be searched");
    assertThatThrownBy(() -> grid("[1]")).isInstanceOf(ConfigException.class);
  }

  @Test
  void valuesAreCopied_baseUntouched() throws IOException {
    ObjectNode b = base();
    String before = b.toString();
    GridSpec g = GridSpec.parse(ConfigParser.readTree("{\"vol_span\": [30, 60]}", "g"), b, "g");
    g.apply(b, 1);
    assertThat(b.toString()).isEqualTo(before);
    assertThat(g.valuesAt(1)).hasToString(List.of(g.values(0).get(1)).toString());
  }
}
