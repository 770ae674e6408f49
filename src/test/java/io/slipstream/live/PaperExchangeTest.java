package io.slipstream.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.slipstream.core.BarInterval;
import io.slipstream.live.hl.AccountState;
import io.slipstream.live.hl.BookLevel;
import io.slipstream.live.hl.Candle;
import io.slipstream.live.hl.ExchangeApi.CloidCancel;
import io.slipstream.live.hl.ExchangeApi.OidCancel;
import io.slipstream.live.hl.ExchangeException;
import io.slipstream.live.hl.Fill;
import io.slipstream.live.hl.FundingRate;
import io.slipstream.live.hl.InfoApi;
import io.slipstream.live.hl.L2Book;
import io.slipstream.live.hl.Meta;
import io.slipstream.live.hl.OpenOrder;
import io.slipstream.live.hl.OrderAck;
import io.slipstream.live.hl.OrderQuery;
import io.slipstream.live.hl.OrderRequest;
import io.slipstream.live.hl.Tif;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PaperExchangeTest {
  private static final long T0 = 1_700_000_000_000L;
  private static final String CLOID_A = "0x0000000000000000000000000000000a";
  private static final String CLOID_B = "0x0000000000000000000000000000000b";

  private final StubInfo info = new StubInfo();
  private final InMemoryAuditStore store = new InMemoryAuditStore(() -> T0);
  private final AtomicLong now = new AtomicLong(T0);
  private final List<Fill> heard = new ArrayList<>();
  private final PaperExchange paper =
      PaperExchange.open(info, store, 10_000.0, new io.slipstream.cost.FeeModel(1.5, 4.5, 0.5, 0), now::get, heard::add);

  /** Scripted books; every other request throws. */
  static final class StubInfo implements InfoApi {
    final Map<String, L2Book> books = new HashMap<>();
    int l2Calls;

    void book(String coin, double[][] bids, double[][] asks) {
      books.put(coin, new L2Book(coin, T0, levels(bids), levels(asks)));
    }

    private static List<BookLevel> levels(double[][] pxSz) {
      List<BookLevel> out = new ArrayList<>();
      for (double[] l : pxSz) {
        out.add(new BookLevel(l[0], l[1], 1));
      }
      return out;
    }

    @Override
    public L2Book l2Book(String coin) {
      l2Calls++;
      L2Book b = books.get(coin);
      if (b == null) {
        throw new ExchangeException("l2Book " + coin + ": no scripted book");
      }
      return b;
    }

    @Override
    public Map<String, Double> allMids() {
      Map<String, Double> m = new HashMap<>();
      books.forEach((c, b) -> m.put(c, b.mid()));
      return m;
    }

    @Override
    public Meta meta() {
      throw new UnsupportedOperationException("meta");
    }

    @Override
    public List<Candle> candles(String coin, BarInterval interval, long startMs, long endMs) {
      throw new UnsupportedOperationException("candles");
    }

    @Override
    public List<FundingRate> fundingHistory(String coin, long startMs, long endMs) {
      throw new UnsupportedOperationException("fundingHistory");
    }

    @Override
    public AccountState clearinghouseState(String user) {
      throw new UnsupportedOperationException("clearinghouseState");
    }

    @Override
    public List<OpenOrder> openOrders(String user) {
      throw new UnsupportedOperationException("openOrders");
    }

    @Override
    public List<Fill> userFills(String user) {
      throw new UnsupportedOperationException("userFills");
    }

    @Override
    public OrderQuery orderStatus(String user, String cloid) {
      throw new UnsupportedOperationException("orderStatus");
    }
  }

  private static OrderRequest order(int asset, String coin, boolean buy, double px, double sz, boolean reduceOnly,
      Tif tif, String cloid) {
    return new OrderRequest(asset, coin, buy, px, sz, reduceOnly, tif, Optional.ofNullable(cloid));
  }

  private OrderAck place(OrderRequest o) {
    List<OrderAck> acks = paper.placeOrders(List.of(o));
    assertThat(acks).hasSize(1);
    return acks.get(0);
  }

  @Test
  void alo_crossingBuyAndSell_rejectedWithTheExchangeText() {
    info.book("ETH", new double[][] {{1670.1, 2}}, new double[][] {{1670.2, 2}});

    OrderAck buy = place(order(1, "ETH", true, 1670.2, 1, false, Tif.ALO, CLOID_A));
    OrderAck sell = place(order(1, "ETH", false, 1670.1, 1, false, Tif.ALO, CLOID_B));

    assertThat(buy).isEqualTo(
        new OrderAck.Rejected("Post only order would have immediately matched, bbo was 1670.1@1670.2."));
    assertThat(sell).isEqualTo(
        new OrderAck.Rejected("Post only order would have immediately matched, bbo was 1670.1@1670.2."));
    assertThat(paper.openOrders()).isEmpty();
    assertThat(paper.fills()).isEmpty();
  }

  @Test
  void alo_restsThenFillsOnPollWhenTheAskDropsThroughIt() {
    info.book("ETH", new double[][] {{1999.9, 1}}, new double[][] {{2000.1, 1}});
    OrderAck ack = place(order(1, "ETH", true, 2000, 0.5, false, Tif.ALO, CLOID_A));
    assertThat(ack).isInstanceOf(OrderAck.Resting.class);
    long oid = ((OrderAck.Resting) ack).oid();
    assertThat(paper.openOrders()).containsExactly(
        new OpenOrder("ETH", true, 2000, 0.5, oid, T0, Optional.of(CLOID_A)));

    assertThat(paper.poll()).isEmpty(); // ask 2000.1 > 2000: nothing
    info.book("ETH", new double[][] {{1999.0, 1}}, new double[][] {{1999.5, 1}});
    now.set(T0 + 60_000);
    List<Fill> fills = paper.poll();

    // maker fee = 2000 x 0.5 x 1.5 / 1e4 = 0.15; cash = 10000 - 1000 - 0.15
    Fill expected = new Fill("ETH", true, 2000, 0.5, T0 + 60_000, oid, fills.get(0).tid(), 0.15, false,
        Optional.of(CLOID_A));
    assertThat(fills).hasSize(1);
    assertThat(fills.get(0)).usingRecursiveComparison().ignoringFields("fee").isEqualTo(expected);
    assertThat(fills.get(0).fee()).isCloseTo(0.15, within(1e-12));
    assertThat(heard).containsExactlyElementsOf(fills);
    assertThat(store.allFills()).containsExactlyElementsOf(fills);
    assertThat(paper.fills()).containsExactlyElementsOf(fills);
    assertThat(paper.openOrders()).isEmpty();
    assertThat(paper.positions()).containsExactly(Map.entry("ETH", 0.5));
    assertThat(store.paperCash()).isCloseTo(8999.85, within(1e-9));
  }

  @Test
  void restingSell_fillsWhenTheBidReachesItsPrice() {
    info.book("ETH", new double[][] {{1999.0, 1}}, new double[][] {{2001.0, 1}});
    place(order(1, "ETH", false, 2000, 0.5, false, Tif.ALO, CLOID_A));
    info.book("ETH", new double[][] {{1999.9, 1}}, new double[][] {{2001.0, 1}});
    assertThat(paper.poll()).isEmpty();
    info.book("ETH", new double[][] {{2000.0, 1}}, new double[][] {{2001.0, 1}});

    List<Fill> fills = paper.poll();

    assertThat(fills).singleElement().satisfies(f -> {
      assertThat(f.isBuy()).isFalse();
      assertThat(f.px()).isEqualTo(2000.0);
      assertThat(f.sz()).isEqualTo(0.5);
      assertThat(f.crossed()).isFalse();
    });
    assertThat(paper.positions()).containsExactly(Map.entry("ETH", -0.5));
    assertThat(store.paperCash()).isCloseTo(10_000 + 1000 - 0.15, within(1e-9));
  }

  @Test
  void ioc_walksThreeLevels_avgPriceAndTakerFeeByHand() {
    info.book("SOL", new double[][] {{99, 10}}, new double[][] {{100, 1}, {101, 2}, {102, 3}, {103, 5}});

    OrderAck ack = place(order(3, "SOL", true, 102.5, 5, false, Tif.IOC, CLOID_A));

    // 1 @ 100 + 2 @ 101 + 2 @ 102 = 506 USD for 5 -> avg 101.2; fee 506 x 4.5 / 1e4 = 0.2277
    assertThat(ack).isInstanceOf(OrderAck.Filled.class);
    OrderAck.Filled f = (OrderAck.Filled) ack;
    assertThat(f.totalSz()).isEqualTo(5.0);
    assertThat(f.avgPx()).isCloseTo(101.2, within(1e-12));
    List<Fill> fills = paper.fills();
    assertThat(fills).extracting(Fill::px).containsExactly(100.0, 101.0, 102.0);
    assertThat(fills).extracting(Fill::sz).containsExactly(1.0, 2.0, 2.0);
    assertThat(fills).allSatisfy(x -> {
      assertThat(x.crossed()).isTrue();
      assertThat(x.oid()).isEqualTo(f.oid());
      assertThat(x.cloid()).contains(CLOID_A);
    });
    assertThat(fills).extracting(Fill::tid).doesNotHaveDuplicates();
    assertThat(fills.stream().mapToDouble(Fill::fee).sum()).isCloseTo(0.2277, within(1e-12));
    assertThat(paper.positions()).containsExactly(Map.entry("SOL", 5.0));
    assertThat(store.paperCash()).isCloseTo(10_000 - 506 - 0.2277, within(1e-9));
    assertThat(paper.openOrders()).isEmpty();
  }

  @Test
  void ioc_partialFillTakesWhatIsWithinTheLimitAndCancelsTheRest() {
    info.book("SOL", new double[][] {{99, 10}}, new double[][] {{100, 1}, {101, 2}, {102, 3}});

    OrderAck ack = place(order(3, "SOL", true, 101.5, 10, false, Tif.IOC, null));

    // 1 @ 100 + 2 @ 101 = 302 for 3
    assertThat(ack).isInstanceOf(OrderAck.Filled.class);
    assertThat(((OrderAck.Filled) ack).totalSz()).isEqualTo(3.0);
    assertThat(((OrderAck.Filled) ack).avgPx()).isCloseTo(302.0 / 3, within(1e-12));
    assertThat(paper.openOrders()).isEmpty();
    assertThat(paper.positions()).containsExactly(Map.entry("SOL", 3.0));
  }

  @Test
  void ioc_sellWalksBidsDownToItsLimit() {
    info.book("SOL", new double[][] {{99, 1}, {98, 1}, {97, 1}}, new double[][] {{100, 1}});

    OrderAck ack = place(order(3, "SOL", false, 98, 3, false, Tif.IOC, null));

    assertThat(ack).isInstanceOf(OrderAck.Filled.class);
    assertThat(((OrderAck.Filled) ack).totalSz()).isEqualTo(2.0);
    assertThat(((OrderAck.Filled) ack).avgPx()).isCloseTo(98.5, within(1e-12));
    assertThat(paper.positions()).containsExactly(Map.entry("SOL", -2.0));
  }

  @Test
  void ioc_nothingWithinTheLimit_rejectedWithAssetIndex() {
    info.book("SOL", new double[][] {{99, 10}}, new double[][] {{100, 1}});

    OrderAck ack = place(order(3, "SOL", true, 99.5, 1, false, Tif.IOC, null));

    assertThat(ack).isEqualTo(
        new OrderAck.Rejected("Order could not immediately match against any resting orders. asset=3"));
    assertThat(paper.fills()).isEmpty();
    assertThat(store.paperCash()).isEqualTo(10_000.0);
  }

  @Test
  void gtc_takesTheCrossingPartThenRestsTheRest() {
    info.book("SOL", new double[][] {{99, 10}}, new double[][] {{100, 1}, {105, 5}});

    OrderAck ack = place(order(3, "SOL", true, 101, 3, false, Tif.GTC, CLOID_A));

    assertThat(ack).isInstanceOf(OrderAck.Resting.class);
    long oid = ((OrderAck.Resting) ack).oid();
    assertThat(paper.fills()).singleElement().satisfies(f -> {
      assertThat(f.px()).isEqualTo(100.0);
      assertThat(f.sz()).isEqualTo(1.0);
      assertThat(f.crossed()).isTrue();
    });
    assertThat(paper.openOrders()).containsExactly(new OpenOrder("SOL", true, 101, 2.0, oid, T0,
        Optional.of(CLOID_A)));

    OrderAck full = place(order(3, "SOL", false, 99, 2, false, Tif.GTC, CLOID_B));
    assertThat(full).isEqualTo(new OrderAck.Filled(2.0, 99.0, ((OrderAck.Filled) full).oid()));
  }

  @Test
  void minimumValue_under10UsdRejected_10UsdAccepted() {
    info.book("SOL", new double[][] {{99, 10}}, new double[][] {{101, 10}});

    OrderAck small = place(order(3, "SOL", true, 100, 0.09, false, Tif.ALO, null));
    OrderAck ten = place(order(3, "SOL", true, 100, 0.1, false, Tif.ALO, null));

    assertThat(small).isEqualTo(new OrderAck.Rejected("Order must have minimum value of $10."));
    assertThat(ten).isInstanceOf(OrderAck.Resting.class);
  }

  @Test
  void reduceOnly_flatOrIncreasingRejected_largerClippedToThePosition() {
    info.book("SOL", new double[][] {{100, 10}}, new double[][] {{100, 10}});

    assertThat(place(order(3, "SOL", false, 100, 1, true, Tif.IOC, null)))
        .isEqualTo(new OrderAck.Rejected("Reduce only order would increase position."));
    place(order(3, "SOL", true, 100, 0.375, false, Tif.IOC, null));
    assertThat(place(order(3, "SOL", true, 100, 1, true, Tif.IOC, null)))
        .isEqualTo(new OrderAck.Rejected("Reduce only order would increase position."));

    OrderAck close = place(order(3, "SOL", false, 100, 1, true, Tif.IOC, null));

    assertThat(close).isInstanceOf(OrderAck.Filled.class);
    assertThat(((OrderAck.Filled) close).totalSz()).isEqualTo(0.375);
    assertThat(paper.positions()).isEmpty();
  }

  @Test
  void reduceOnly_closingAWholePositionUnder10Usd_isExemptFromTheMinimum() {
    info.book("SOL", new double[][] {{100, 10}}, new double[][] {{100, 10}});
    place(order(3, "SOL", true, 100, 0.375, false, Tif.IOC, null));
    place(order(3, "SOL", false, 100, 0.25, false, Tif.IOC, null));
    assertThat(paper.positions()).containsExactly(Map.entry("SOL", 0.125));
    info.book("SOL", new double[][] {{50, 10}}, new double[][] {{51, 10}});

    // 0.125 x 50 = 6.25 USD
    assertThat(place(order(3, "SOL", false, 50, 0.125, false, Tif.IOC, null)))
        .isEqualTo(new OrderAck.Rejected("Order must have minimum value of $10."));
    assertThat(place(order(3, "SOL", false, 50, 0.0625, true, Tif.IOC, null)))
        .isEqualTo(new OrderAck.Rejected("Order must have minimum value of $10."));
    OrderAck close = place(order(3, "SOL", false, 50, 0.125, true, Tif.IOC, null));

    assertThat(close).isInstanceOf(OrderAck.Filled.class);
    assertThat(paper.positions()).isEmpty();
  }

  @Test
  void cashAndPosition_exactByHand_afterABuyAndASell() {
    InMemoryAuditStore s = new InMemoryAuditStore(() -> T0);
    PaperExchange p = PaperExchange.open(info, s, 100_000.0, new io.slipstream.cost.FeeModel(1.5, 4.5, 0.5, 0), now::get, f -> { });
    info.book("BTC", new double[][] {{19_990, 1}}, new double[][] {{20_000, 1}});
    p.placeOrders(List.of(order(0, "BTC", true, 20_000, 0.5, false, Tif.IOC, null)));
    // cost 10000 + fee 10000 x 4.5e-4 = 4.5 -> cash 89995.5
    assertThat(s.paperCash()).isCloseTo(89_995.5, within(1e-9));
    assertThat(p.positions()).containsExactly(Map.entry("BTC", 0.5));

    info.book("BTC", new double[][] {{20_400, 1}}, new double[][] {{20_410, 1}});
    p.placeOrders(List.of(order(0, "BTC", false, 20_400, 0.25, false, Tif.IOC, null)));

    // proceeds 5100 - fee 5100 x 4.5e-4 = 2.295 -> cash 89995.5 + 5097.705 = 95093.205
    assertThat(s.paperCash()).isCloseTo(95_093.205, within(1e-9));
    assertThat(p.positions()).containsExactly(Map.entry("BTC", 0.25));
    // account value at mid 20405: 95093.205 + 0.25 x 20405 = 100194.455
    assertThat(p.accountValue(Map.of("BTC", 20_405.0))).isCloseTo(100_194.455, within(1e-9));
    assertThatThrownBy(() -> p.accountValue(Map.of())).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("BTC");
  }

  @Test
  void open_keepsAnExistingAccount() {
    info.book("BTC", new double[][] {{19_990, 1}}, new double[][] {{20_000, 1}});
    paper.placeOrders(List.of(order(0, "BTC", true, 20_000, 0.25, false, Tif.IOC, null)));
    double cash = store.paperCash();

    PaperExchange again = PaperExchange.open(info, store, 50_000.0, new io.slipstream.cost.FeeModel(1.5, 4.5, 0.5, 0), now::get, f -> { });

    assertThat(store.paperCash()).isEqualTo(cash);
    assertThat(again.positions()).containsExactly(Map.entry("BTC", 0.25));
  }

  @Test
  void cancelByCloid_removesTheRestingOrderOnce() {
    info.book("ETH", new double[][] {{1999, 1}}, new double[][] {{2001, 1}});
    place(order(1, "ETH", true, 2000, 0.5, false, Tif.ALO, CLOID_A));

    assertThat(paper.cancelByCloid(List.of(new CloidCancel(1, CLOID_A)))).containsExactly("success");
    assertThat(paper.cancelByCloid(List.of(new CloidCancel(1, CLOID_A)))).containsExactly(
        "Order was never placed, already canceled, or filled.");
    assertThat(paper.openOrders()).isEmpty();
    info.book("ETH", new double[][] {{1990, 1}}, new double[][] {{1995, 1}});
    assertThat(paper.poll()).isEmpty();
  }

  @Test
  void cancel_byOid_matchesTheAssetToo() {
    info.book("ETH", new double[][] {{1999, 1}}, new double[][] {{2001, 1}});
    long oid = ((OrderAck.Resting) place(order(1, "ETH", true, 2000, 0.5, false, Tif.ALO, null))).oid();

    assertThat(paper.cancel(List.of(new OidCancel(2, oid), new OidCancel(1, oid + 1))))
        .containsExactly(PaperExchange.MISSING_ORDER, PaperExchange.MISSING_ORDER);
    assertThat(paper.cancel(List.of(new OidCancel(1, oid)))).containsExactly("success");
    assertThat(paper.openOrders()).isEmpty();
  }

  @Test
  void scheduleCancel_tooSoonRefused_laterCancelsAllOnTheNextPoll() {
    info.book("ETH", new double[][] {{1999, 1}}, new double[][] {{2001, 1}});
    place(order(1, "ETH", true, 2000, 0.5, false, Tif.ALO, CLOID_A));

    assertThatThrownBy(() -> paper.scheduleCancel(OptionalLong.of(T0 + 4_999)))
        .isInstanceOf(ExchangeException.class).hasMessageContaining("5 s");
    paper.scheduleCancel(OptionalLong.of(T0 + 5_000));
    now.set(T0 + 4_000);
    paper.poll();
    assertThat(paper.openOrders()).hasSize(1);
    now.set(T0 + 5_000);
    info.book("ETH", new double[][] {{1990, 1}}, new double[][] {{1995, 1}});

    assertThat(paper.poll()).isEmpty();
    assertThat(paper.openOrders()).isEmpty();
  }

  @Test
  void oneBatch_fetchesEachBookOnce_andDoesNotTakeALevelTwice() {
    info.book("SOL", new double[][] {{99, 10}}, new double[][] {{100, 1}, {101, 1}});

    List<OrderAck> acks = paper.placeOrders(List.of(
        order(3, "SOL", true, 100, 1, false, Tif.IOC, null),
        order(3, "SOL", true, 100, 1, false, Tif.IOC, null)));

    assertThat(info.l2Calls).isEqualTo(1);
    assertThat(acks.get(0)).isInstanceOf(OrderAck.Filled.class);
    assertThat(acks.get(1)).isEqualTo(
        new OrderAck.Rejected("Order could not immediately match against any resting orders. asset=3"));
  }

  @Test
  void duplicateCloid_rejected() {
    info.book("ETH", new double[][] {{1999, 1}}, new double[][] {{2001, 1}});
    place(order(1, "ETH", true, 2000, 0.5, false, Tif.ALO, CLOID_A));

    OrderAck again = place(order(1, "ETH", true, 2000, 0.5, false, Tif.ALO, CLOID_A));

    assertThat(again).isInstanceOf(OrderAck.Rejected.class);
    assertThat(((OrderAck.Rejected) again).error()).contains(CLOID_A);
    assertThat(paper.openOrders()).hasSize(1);
  }

  @Test
  void bookFetchFailure_changesNothing() {
    info.book("SOL", new double[][] {{99, 10}}, new double[][] {{100, 10}});

    assertThatThrownBy(() -> paper.placeOrders(List.of(
        order(3, "SOL", true, 100, 1, false, Tif.IOC, null),
        order(4, "DOGE", true, 1, 100, false, Tif.IOC, null)))).isInstanceOf(ExchangeException.class);
    assertThat(paper.fills()).isEmpty();
    assertThat(paper.positions()).isEmpty();
  }

  @Test
  void secondSession_usesFreshTradeIds() {
    info.book("SOL", new double[][] {{99, 10}}, new double[][] {{100, 10}});
    place(order(3, "SOL", true, 100, 1, false, Tif.IOC, null));
    now.set(T0 + 1);
    PaperExchange later = new PaperExchange(info, store, new io.slipstream.cost.FeeModel(1.5, 4.5, 0.5, 0), now::get, f -> { });

    later.placeOrders(List.of(order(3, "SOL", true, 100, 1, false, Tif.IOC, null)));

    assertThat(store.allFills()).hasSize(2);
    assertThat(paper.positions()).containsExactly(Map.entry("SOL", 2.0));
  }

  @Test
  void fees_validated() {
    assertThatThrownBy(() -> new io.slipstream.cost.FeeModel(1.5, -1, 0.5, 0)).hasMessageContaining("taker_fee_bps");
    assertThatThrownBy(() -> new io.slipstream.cost.FeeModel(Double.NaN, 4.5, 0.5, 0))
        .hasMessageContaining("maker_fee_bps");
  }
}
