package io.slipstream.backtest.walkforward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slipstream.backtest.search.Objective;
import io.slipstream.core.ConfigException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WalkForwardConfigTest {
  @Test
  void parseDays_wholeDays_parse() {
    assertThat(WalkForwardConfig.parseDays("train", "90d")).isEqualTo(Duration.ofDays(90));
    assertThat(WalkForwardConfig.parseDays("train", " 1d ")).isEqualTo(Duration.ofDays(1));
  }

  @ParameterizedTest
  @ValueSource(strings = {"90", "0d", "-5d", "12h", "1.5d", "d", "", "90D x", "999999d"})
  void parseDays_badText_namesKeyAndText(String text) {
    assertThatThrownBy(() -> WalkForwardConfig.parseDays("test", text)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("'test'").hasMessageContaining("\"" + text + "\"");
  }

  @Test
  void of_defaults_rollingStepEqualsTest() {
    WalkForwardConfig c = WalkForwardConfig.of(Duration.ofDays(90), Duration.ofDays(30));
    assertThat(c.step()).isEqualTo(Duration.ofDays(30));
    assertThat(c.anchored()).isFalse();
    assertThat(c.purgeBars()).isZero();
    assertThat(c.embargoBars()).isZero();
    assertThat(c.objective()).isEqualTo(Objective.SHARPE);
    assertThat(c.threads()).isPositive();
  }

  @Test
  void constructor_badValues_nameTheSetting() {
    Duration d30 = Duration.ofDays(30);
    assertThatThrownBy(() -> new WalkForwardConfig(Duration.ofHours(36), d30, d30, false, 0, 0, Objective.SHARPE, 1))
        .isInstanceOf(ConfigException.class).hasMessageContaining("'train'").hasMessageContaining("PT36H");
    assertThatThrownBy(() -> new WalkForwardConfig(d30, Duration.ZERO, d30, false, 0, 0, Objective.SHARPE, 1))
        .isInstanceOf(ConfigException.class).hasMessageContaining("'test'");
    assertThatThrownBy(() -> new WalkForwardConfig(d30, d30, Duration.ofDays(20), false, 0, 0, Objective.SHARPE, 1))
        .isInstanceOf(ConfigException.class).hasMessageContaining("'step'").hasMessageContaining("20d");
    assertThatThrownBy(() -> new WalkForwardConfig(d30, d30, d30, false, -1, 0, Objective.SHARPE, 1))
        .isInstanceOf(ConfigException.class).hasMessageContaining("'purge_bars'").hasMessageContaining("-1");
    assertThatThrownBy(() -> new WalkForwardConfig(d30, d30, d30, false, 0, -2, Objective.SHARPE, 1))
        .isInstanceOf(ConfigException.class).hasMessageContaining("'embargo_bars'").hasMessageContaining("-2");
    assertThatThrownBy(() -> new WalkForwardConfig(d30, d30, d30, false, 0, 0, Objective.SHARPE, 0))
        .isInstanceOf(ConfigException.class).hasMessageContaining("'threads'");
  }
}
