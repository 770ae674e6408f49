package io.slipstream.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slipstream.core.BarInterval;
import io.slipstream.core.DataException;
import io.slipstream.data.Lake;
import io.slipstream.data.MarketData;
import io.slipstream.data.Panel;
import io.slipstream.live.hl.AccountState;
import io.slipstream.live.hl.Candle;
import io.slipstream.live.hl.Fill;
import io.slipstream.live.hl.FundingRate;
import io.slipstream.live.hl.InfoApi;
import io.slipstream.live.hl.L2Book;
import io.slipstream.live.hl.Meta;
import io.slipstream.live.hl.OpenOrder;
import io.slipstream.live.hl.OrderQuery;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link LiveHistory} against the real lake replayed as the exchange ({@link RecordedInfoApi}). */
class LiveHistoryTest {
  private static final BarInterval H4 = BarInterval.H4;
  private static MarketData lake;

  @BeforeAll
  static void load() {
    lake = Lake.load(RecordedInfoApi.DATA, H4, true);
  }

  private static long ms(String iso) {
    return Instant.parse(iso).toEpochMilli();
  }

  private static List<Panel> panels(MarketData md) {
    return List.of(md.open(), md.high(), md.low(), md.close(), md.volume(), md.funding());
  }

  /**
   * Asserts that {@code coin}'s columns in {@code got} equal the lake's over the same bars, in every price and volume
   * panel, and in the funding panel when {@code funding}.
   */
  private static void assertColumnsEqualLake(MarketData got, String coin, boolean funding) {
    int from = lake.close().lastRowClosedBy(got.close().closeTimeMs(0));
    int to = lake.close().lastRowClosedBy(got.close().closeTimeMs(got.rows() - 1));
    assertThat(lake.close().openTimeMs(from)).isEqualTo(got.close().firstOpenMs());
    MarketData window = lake.sliceRows(from, to + 1);
    List<Panel> a = panels(got);
    List<Panel> b = panels(window);
    for (int k = 0; k < (funding ? 6 : 5); k++) {
      assertThat(a.get(k).column(a.get(k).columnOf(coin).getAsInt()))
          .as(coin + " panel " + k).isEqualTo(b.get(k).column(b.get(k).columnOf(coin).getAsInt()));
    }
  }

  @Test
  void lastClosedOpenMs_byHand() {
    assertThat(LiveHistory.lastClosedOpenMs(H4, ms("2025-03-01T02:30:00Z"))).isEqualTo(ms("2025-02-28T20:00:00Z"));
    assertThat(LiveHistory.lastClosedOpenMs(H4, ms("2025-03-01T04:00:00Z"))).isEqualTo(ms("2025-03-01T00:00:00Z"));
    assertThat(LiveHistory.lastClosedOpenMs(H4, ms("2025-03-01T04:00:00Z") - 1))
        .isEqualTo(ms("2025-02-28T20:00:00Z"));
    assertThat(LiveHistory.lastClosedOpenMs(BarInterval.H1, ms("2025-03-01T04:59:59Z")))
        .isEqualTo(ms("2025-03-01T03:00:00Z"));
  }

  @Test
  void fetch_midBar_gridEndsAtTheLastClosedBarAndFormingBarIsLeftOut() {
    long now = ms("2025-03-01T02:30:00Z");
    RecordedInfoApi exchange = RecordedInfoApi.at(now);

    LiveHistory.Snapshot s = LiveHistory.fetch(exchange, List.of("BTC", "ETH"), H4, 50, now, false);

    assertThat(s.lastCloseMs()).isEqualTo(ms("2025-03-01T00:00:00Z"));
    assertThat(s.data().rows()).isEqualTo(50);
    assertThat(s.data().close().closeTimeMs(49)).isEqualTo(s.lastCloseMs());
    assertThat(s.data().close().firstOpenMs()).isEqualTo(ms("2025-03-01T00:00:00Z") - 50 * H4.millis());
    assertThat(s.warnings()).isEmpty();
    assertColumnsEqualLake(s.data(), "BTC", false);
    // the exchange did serve the bar opening 00:00 (still forming): it is not in the panels
    assertThat(exchange.candles("BTC", H4, ms("2025-03-01T00:00:00Z"), now)).hasSize(1);
  }

  @Test
  void fetch_exactlyAtAClose_thatBarIsTheLastRow() {
    long now = ms("2025-03-01T04:00:00Z");

    LiveHistory.Snapshot s = LiveHistory.fetch(RecordedInfoApi.at(now), List.of("BTC"), H4, 10, now, false);

    assertThat(s.lastCloseMs()).isEqualTo(now);
    assertColumnsEqualLake(s.data(), "BTC", false);
  }

  @Test
  void fetch_coinsWithBackfillAndLateListing_sameMaskedPanelsAsTheBacktestLoader() {
    long now = ms("2024-12-10T00:30:00Z"); // after the 00:00 funding payment is published
    List<String> coins = List.of("HYPE", "BTC", "kPEPE", "SOL");

    LiveHistory.Snapshot s = LiveHistory.fetch(RecordedInfoApi.at(now), coins, H4, 600, now, true);

    assertThat(s.data().coins()).containsExactlyElementsOf(coins);
    for (String c : coins) {
      assertColumnsEqualLake(s.data(), c, true);
    }
    // HYPE lists on 2024-12-05: NaN before, prices after
    Panel close = s.data().close();
    int hype = close.columnOf("HYPE").getAsInt();
    assertThat(close.get(0, hype)).isNaN();
    assertThat(close.get(close.rows() - 1, hype)).isPositive();
    assertThat(s.warnings()).isEmpty();
  }

  @Test
  void fetch_coinsUnknownOrNotYetListedOrDelisted_allNaNColumnsAndOneWarningEach() {
    long now = ms("2025-05-01T00:30:00Z");
    RecordedInfoApi exchange = RecordedInfoApi.at(now);
    List<String> coins = List.of("BTC", "NOPE", "DOOD", "RLB");

    LiveHistory.Snapshot s = LiveHistory.fetch(exchange, coins, H4, 100, now, true);

    assertThat(s.data().coins()).containsExactlyElementsOf(coins);
    for (String c : List.of("NOPE", "DOOD", "RLB")) {
      int col = s.data().close().columnOf(c).getAsInt();
      assertThat(s.data().close().column(col)).as(c).containsOnly(Double.NaN);
      assertThat(s.data().volume().column(col)).as(c).containsOnly(Double.NaN);
    }
    assertColumnsEqualLake(s.data(), "BTC", true);
    assertThat(s.warnings()).hasSize(4);
    assertThat(s.warnings().get(0)).contains("coin NOPE is not in the exchange's meta.universe");
    assertThat(s.warnings().get(1)).contains("coin DOOD is not in the exchange's meta.universe"); // lists in May
    assertThat(s.warnings().get(2)).contains("coin RLB is delisted");
    assertThat(s.warnings().get(3)).contains("coin RLB has no closed candle");
    // no request for coins the exchange does not list
    assertThat(exchange.candleCalls()).isEqualTo(2);
    assertThat(exchange.fundingCalls()).isEqualTo(2);
  }

  @Test
  void fromLake_sameWindow_equalsFetchedPanels() {
    long now = ms("2025-02-14T09:10:00Z");
    List<String> coins = List.of("SOL", "ETH", "HYPE", "BERA", "kPEPE");

    LiveHistory.Snapshot fetched = LiveHistory.fetch(RecordedInfoApi.at(now), coins, H4, 400, now, true);
    LiveHistory.Snapshot fromLake = LiveHistory.fromLake(RecordedInfoApi.sourceCandles(H4),
        Optional.of(RecordedInfoApi.sourceFunding()), coins, H4, 400, now);

    assertThat(fromLake.lastCloseMs()).isEqualTo(fetched.lastCloseMs()).isEqualTo(ms("2025-02-14T08:00:00Z"));
    assertThat(fromLake.data().coins()).isEqualTo(fetched.data().coins());
    for (int k = 0; k < 6; k++) {
      assertThat(panels(fromLake.data()).get(k).toColumnMajor()).as("panel " + k)
          .isEqualTo(panels(fetched.data()).get(k).toColumnMajor());
    }
    // 09:00 is paid at 09:00:00.0xx <= now, but belongs to the bar closing 12:00, which is not closed yet
    assertThat(fromLake.warnings()).isEmpty();
  }

  @Test
  void fromLake_withoutFunding_zeroFundingPanel() {
    long now = ms("2025-02-14T09:10:00Z");

    MarketData md = LiveHistory.fromLake(RecordedInfoApi.sourceCandles(H4), Optional.empty(), List.of("BTC"), H4, 20,
        now).data();

    assertThat(md.funding().toColumnMajor()).containsOnly(0.0);
    assertThat(md.rows()).isEqualTo(20);
  }

  @Test
  void fetch_nonFiniteCandle_dataExceptionNamingTheCoin() {
    long now = ms("2025-03-01T02:30:00Z");
    InfoApi bad = new OneCandle(new Candle("BTC", "4h", ms("2025-02-28T16:00:00Z"), ms("2025-02-28T20:00:00Z") - 1,
        1, 1, 1, Double.NaN, 5, 1));

    assertThatThrownBy(() -> LiveHistory.fetch(bad, List.of("BTC"), H4, 10, now, false))
        .isInstanceOf(DataException.class).hasMessageContaining("coin BTC").hasMessageContaining("close NaN");
  }

  @Test
  void fetch_handMadeCandles_zeroVolumeMaskedAndMissingBarsNaN() {
    long now = ms("2025-03-01T02:30:00Z");
    long last = ms("2025-02-28T20:00:00Z");
    long step = H4.millis();
    InfoApi exchange = new OneCandle(
        new Candle("BTC", "4h", last - 2 * step, last - step - 1, 10, 12, 9, 11, 3, 1),
        new Candle("BTC", "4h", last - step, last - 1, 11, 11, 11, 11, 0, 0),
        new Candle("BTC", "4h", last + step, last + 2 * step - 1, 11, 14, 10, 13, 2, 1));

    MarketData md = LiveHistory.fetch(exchange, List.of("BTC"), H4, 4, now, false).data();

    // rows: last-3 (missing), last-2 (traded), last-1 (zero volume), last (missing); the forming bar is dropped
    assertThat(md.close().column(0)).containsExactly(Double.NaN, 11.0, Double.NaN, Double.NaN);
    assertThat(md.volume().column(0)).containsExactly(Double.NaN, 3.0, Double.NaN, Double.NaN);
    assertThat(md.high().column(0)).containsExactly(Double.NaN, 12.0, Double.NaN, Double.NaN);
  }

  @Test
  void fetch_badArguments_rejected() {
    RecordedInfoApi exchange = RecordedInfoApi.at(ms("2025-03-01T00:00:00Z"));

    assertThatThrownBy(() -> LiveHistory.fetch(exchange, List.of("BTC"), H4, 0, 0, false))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bars");
    assertThatThrownBy(() -> LiveHistory.fetch(exchange, List.of(), H4, 5, 0, false))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("coins");
    assertThatThrownBy(() -> LiveHistory.fetch(exchange, List.of("BTC", "BTC"), H4, 5, 0, false))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("BTC");
  }

  /** An exchange listing BTC whose candle replies are the given candles (filtered to the window asked for). */
  private static final class OneCandle implements InfoApi {
    private final List<Candle> candles;

    OneCandle(Candle... candles) {
      this.candles = Arrays.asList(candles);
    }

    @Override
    public Meta meta() {
      return new Meta(List.of(new io.slipstream.live.hl.AssetMeta(0, "BTC", 5, 40, false)));
    }

    @Override
    public List<Candle> candles(String coin, BarInterval interval, long startMs, long endMs) {
      return candles.stream().filter(c -> c.openMs() >= startMs).toList();
    }

    @Override
    public List<FundingRate> fundingHistory(String coin, long startMs, long endMs) {
      return List.of();
    }

    @Override
    public L2Book l2Book(String coin) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Map<String, Double> allMids() {
      throw new UnsupportedOperationException();
    }

    @Override
    public AccountState clearinghouseState(String user) {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<OpenOrder> openOrders(String user) {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<Fill> userFills(String user) {
      throw new UnsupportedOperationException();
    }

    @Override
    public OrderQuery orderStatus(String user, String cloid) {
      throw new UnsupportedOperationException();
    }
  }
}
