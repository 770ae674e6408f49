package io.slipstream.live;

import io.slipstream.cost.FeeModel;
import io.slipstream.live.hl.ExchangeApi;
import io.slipstream.live.hl.Fill;
import io.slipstream.live.hl.InfoApi;
import io.slipstream.live.hl.OpenOrder;
import io.slipstream.live.hl.OrderQuery;
import io.slipstream.live.store.AuditStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Paper trading: orders go to a {@link PaperExchange} that fills them against the live book, positions and cash
 * live in the database's paper account. Resting paper orders exist only while the runner runs (a restart treats
 * them as cancelled; the audit trail still holds them).
 */
public final class PaperVenue implements Venue {
  private final PaperExchange paper;
  private final AuditStore store;
  private final List<Consumer<Fill>> listeners = new CopyOnWriteArrayList<>();

  /**
   * @param books live books
   * @param store the audit trail and the paper account
   * @param capitalUsd starting cash of a new paper account, USD
   * @param fees the run's fee model, the backtest's {@code costs} (maker fee on resting fills, taker fee on crossing
   *     fills); the spread and impact the backtest's cost model charges are paid here by filling at the live book
   * @param clock time source
   */
  public PaperVenue(InfoApi books, AuditStore store, double capitalUsd, FeeModel fees, Clock clock) {
    this.store = store;
    this.paper = PaperExchange.open(books, store, capitalUsd, fees, clock::nowMs, f -> {
      for (Consumer<Fill> l : listeners) {
        l.accept(f);
      }
    });
  }

  @Override
  public String mode() {
    return "paper";
  }

  @Override
  public ExchangeApi exchange() {
    return paper;
  }

  @Override
  public Map<String, Double> positions() {
    return paper.positions();
  }

  @Override
  public double accountValue(Map<String, Double> mids) {
    return paper.accountValue(mids);
  }

  @Override
  public List<OpenOrder> openOrders() {
    return paper.openOrders();
  }

  @Override
  public List<Fill> recentFills() {
    return paper.fills();
  }

  @Override
  public OrderQuery orderStatus(String cloid) {
    for (OpenOrder o : paper.openOrders()) {
      if (o.cloid().equals(Optional.of(cloid))) {
        return new OrderQuery(true, Optional.of(o), "open", o.timestampMs());
      }
    }
    boolean filled = paper.fills().stream().anyMatch(f -> f.cloid().equals(Optional.of(cloid)));
    if (filled) {
      return new OrderQuery(true, Optional.empty(), "filled", 0);
    }
    // a paper order that is not resting and never filled was cancelled, rejected, or never reached the engine
    return store.order(cloid).filter(r -> !r.status().equals("pending"))
        .map(r -> new OrderQuery(true, Optional.empty(), "canceled", 0)).orElse(OrderQuery.UNKNOWN);
  }

  @Override
  public void onFill(Consumer<Fill> onFill) {
    listeners.add(onFill);
  }

  @Override
  public void poll() {
    paper.poll();
  }

  @Override
  public int reconnects() {
    return 0;
  }

  @Override
  public void close() {
    listeners.clear();
  }
}
