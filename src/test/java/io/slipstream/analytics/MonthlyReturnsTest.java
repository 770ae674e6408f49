package io.slipstream.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.slipstream.backtest.BacktestResult;
import io.slipstream.core.BarInterval;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Monthly and yearly compounded returns on hand ledgers around month and year boundaries. */
class MonthlyReturnsTest {
  private static long ms(String iso) {
    return Instant.parse(iso).toEpochMilli();
  }

  @Test
  void of_barClosingAtMidnightOfThe1st_belongsToThePreviousMonth() {
    // 4h bars opening 2024-01-31T12:00; the decision bar closes 16:00; booked bars close 20:00 (January),
    // 2024-02-01T00:00 (opens 20:00 Jan 31: January), 04:00, 08:00 and 12:00 (February)
    // closes 100 | 100, 101 | 102.01, 100, 90 -> Jan = 101/100 - 1, Feb = 90/101 - 1, 2024 = 90/100 - 1
    BacktestResult r = Ledgers.holdOne(BarInterval.H4, ms("2024-01-31T12:00:00Z"), 100, 100, 101, 102.01, 100, 90);
    assertThat(r.time(1)).isEqualTo(Instant.parse("2024-02-01T00:00:00Z"));

    MonthlyReturns t = MonthlyReturns.of(r);

    assertThat(t.years()).containsExactly(2024);
    assertThat(t.month(2024, 1)).isCloseTo(0.01, within(1e-12));
    assertThat(t.month(2024, 2)).isCloseTo(90 / 101.0 - 1, within(1e-12));
    assertThat(t.year(2024)).isCloseTo(-0.1, within(1e-12));
    assertThat(t.month(2024, 3)).isNaN();
    assertThat(t.table()[0]).hasSize(12);
  }

  @Test
  void of_yearsWithoutBars_areNaNRowsBetween() {
    long[] close = {ms("2022-12-31T00:00:00Z"), ms("2024-06-01T00:00:00Z")};
    double[] r = {0.05, -0.02};

    MonthlyReturns t = MonthlyReturns.of(close, BarInterval.D1, r);

    assertThat(t.years()).containsExactly(2022, 2023, 2024);
    assertThat(t.month(2022, 12)).isCloseTo(0.05, within(1e-15));
    assertThat(t.year(2023)).isNaN();
    assertThat(t.month(2024, 5)).isCloseTo(-0.02, within(1e-15)); // opens May 31
    assertThat(t.year(2024)).isCloseTo(-0.02, within(1e-15));
  }

  @Test
  void of_nanReturn_makesItsMonthAndYearNaN() {
    long[] close = {ms("2024-01-10T00:00:00Z"), ms("2024-02-10T00:00:00Z")};

    MonthlyReturns t = MonthlyReturns.of(close, BarInterval.D1, new double[] {Double.NaN, 0.01});

    assertThat(t.month(2024, 1)).isNaN();
    assertThat(t.month(2024, 2)).isCloseTo(0.01, within(1e-15));
    assertThat(t.year(2024)).isNaN();
  }

  @Test
  void table_isACopy() {
    MonthlyReturns t = MonthlyReturns.of(new long[] {ms("2024-01-10T00:00:00Z")}, BarInterval.D1,
        new double[] {0.01});

    t.table()[0][0] = 99;

    assertThat(t.month(2024, 1)).isCloseTo(0.01, within(1e-15));
  }

  @Test
  void badInput_throwsNamingTheArgument() {
    long[] two = {ms("2024-01-10T00:00:00Z"), ms("2024-01-09T00:00:00Z")};
    assertThatThrownBy(() -> MonthlyReturns.of(two, BarInterval.D1, new double[] {0, 0}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("closeTimesMs")
        .hasMessageContaining("row 1");
    assertThatThrownBy(() -> MonthlyReturns.of(new long[] {0L}, BarInterval.D1, new double[2]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("returns");
    assertThatThrownBy(() -> MonthlyReturns.of(new long[0], BarInterval.D1, new double[0]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
    MonthlyReturns t = MonthlyReturns.of(new long[] {ms("2024-01-10T00:00:00Z")}, BarInterval.D1,
        new double[] {0.01});
    assertThatThrownBy(() -> t.month(2024, 13)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("month").hasMessageContaining("13");
    assertThatThrownBy(() -> t.year(2025)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("year").hasMessageContaining("2025");
  }
}
