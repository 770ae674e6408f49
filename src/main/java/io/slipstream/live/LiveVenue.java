package io.slipstream.live;

import io.slipstream.live.hl.AccountState;
import io.slipstream.live.hl.ExchangeApi;
import io.slipstream.live.hl.Fill;
import io.slipstream.live.hl.InfoApi;
import io.slipstream.live.hl.OpenOrder;
import io.slipstream.live.hl.OrderQuery;
import io.slipstream.live.hl.Position;
import io.slipstream.live.hl.UserStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The real exchange: signed actions through {@link ExchangeApi}, positions and fills read over REST for the account
 * address, fills pushed over the WebSocket {@code userFills} feed.
 */
public final class LiveVenue implements Venue {
  private final InfoApi info;
  private final ExchangeApi exchange;
  private final UserStream stream;
  private final String user;

  /**
   * @param info REST reads
   * @param exchange signed actions
   * @param stream the WebSocket session (closed with this venue)
   * @param user the account address, {@code 0x} + 40 lowercase hex
   */
  public LiveVenue(InfoApi info, ExchangeApi exchange, UserStream stream, String user) {
    this.info = Objects.requireNonNull(info, "info");
    this.exchange = Objects.requireNonNull(exchange, "exchange");
    this.stream = Objects.requireNonNull(stream, "stream");
    this.user = Objects.requireNonNull(user, "user");
  }

  @Override
  public String mode() {
    return "live";
  }

  @Override
  public ExchangeApi exchange() {
    return exchange;
  }

  @Override
  public Map<String, Double> positions() {
    AccountState s = info.clearinghouseState(user);
    Map<String, Double> m = new LinkedHashMap<>();
    for (Position p : s.positions()) {
      if (p.szi() != 0) {
        m.put(p.coin(), p.szi());
      }
    }
    return m;
  }

  @Override
  public double accountValue(Map<String, Double> mids) {
    return info.clearinghouseState(user).accountValue();
  }

  @Override
  public List<OpenOrder> openOrders() {
    return info.openOrders(user);
  }

  @Override
  public List<Fill> recentFills() {
    return info.userFills(user);
  }

  @Override
  public OrderQuery orderStatus(String cloid) {
    return info.orderStatus(user, cloid);
  }

  @Override
  public void onFill(Consumer<Fill> onFill) {
    stream.subscribeUserFills(user, onFill);
  }

  @Override
  public void poll() {
    // the exchange matches on its own
  }

  @Override
  public int reconnects() {
    return stream.reconnects();
  }

  @Override
  public void close() {
    stream.close();
  }
}
