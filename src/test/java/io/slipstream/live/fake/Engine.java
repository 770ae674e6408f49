package io.slipstream.live.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slipstream.live.hl.BookLevel;
import io.slipstream.live.hl.Candle;
import io.slipstream.live.hl.FundingRate;
import io.slipstream.live.hl.L2Book;
import io.slipstream.live.hl.Position;
import io.slipstream.live.hl.Signature;
import io.slipstream.live.hl.Tif;
import io.slipstream.live.hl.Trigger;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * The fake exchange's state and rules: universe, synthetic books, accounts, orders, fills, candles, funding, and
 * the handling of {@code /info} and {@code /exchange} bodies. Every method is {@code synchronized} on this object,
 * which is the fake's one lock (the WebSocket hub takes it too); pushes are handed to the {@link Publisher} while
 * the lock is held, so subscribers see state changes in order.
 */
final class Engine {
  static final ObjectMapper MAPPER = new ObjectMapper();
  static final int BOOK_LEVELS = 20;
  static final int MAX_LEVERAGE = 50;
  static final int LEVERAGE = 20;
  static final int CANDLE_CAP = 500;
  static final int FUNDING_CAP = 500;
  static final int USER_FILLS_CAP = 2000;
  static final long SCHEDULE_CANCEL_MIN_LEAD_MS = 5_000;
  static final Set<String> INTERVALS =
      Set.of("1m", "3m", "5m", "15m", "30m", "1h", "2h", "4h", "8h", "12h", "1d", "3d", "1w", "1M");
  private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");
  private static final Pattern CLOID = Pattern.compile("0x[0-9a-fA-F]{32}");
  private static final Pattern SIG_HEX = Pattern.compile("0x[0-9a-fA-F]{1,64}");
  private static final long DAY_MS = 86_400_000L;
  private static final BigDecimal MIN_NOTIONAL_USD = BigDecimal.TEN;
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Receives every push; {@code key} is a subscription key ({@link #subscriptionKey}). */
  interface Publisher {
    /**
     * @param key subscription key, e.g. {@code userFills:0xab..}
     * @param message the whole WebSocket message
     * @param fill whether it is a {@code userFills} message (subject to the fill faults)
     */
    void publish(String key, String message, boolean fill);
  }

  /** A malformed request: the REST layer answers HTTP 422 with the message, as the real server does. */
  static final class BadRequest extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadRequest(String message) {
      super("Failed to deserialize the JSON body into the target type: " + message);
    }
  }

  private final LongSupplier clock;
  private final List<CoinState> coins = new ArrayList<>();
  private final Map<String, CoinState> coinsByName = new HashMap<>();
  private final Map<String, Account> accounts = new HashMap<>();
  /** API (agent) wallet to the account it trades for. */
  private final Map<String, String> agents = new HashMap<>();
  /** Vault to its leader. */
  private final Map<String, String> vaults = new HashMap<>();
  /** Spot pairs ({@code @N}, asset {@code 10000 + N}): not in {@code meta}, only their resting orders exist. */
  private final Map<Integer, CoinState> spotPairs = new HashMap<>();
  private final List<Order> orders = new ArrayList<>();
  private final Map<Long, Order> ordersByOid = new HashMap<>();
  private final List<FakeFill> fills = new ArrayList<>();
  private long nextOid = 1_000_001;
  private long nextTid = 5_000_001;
  private double takerFeeBps = 4.5;
  private double makerFeeBps = 1.5;
  private String account = FakeExchange.DEFAULT_ACCOUNT;
  private SignatureCheck signatureCheck = SignatureCheck.shapeOnly(FakeExchange.DEFAULT_ACCOUNT);
  private boolean customSignatureCheck;
  private Publisher publisher = (key, message, fill) -> { };

  Engine(LongSupplier clock) {
    this.clock = clock;
  }

  synchronized void setPublisher(Publisher publisher) {
    this.publisher = publisher;
  }

  // ---------------------------------------------------------------- configuration

  synchronized void addCoin(String name, int szDecimals, double midPx, double spreadBps, double depthPerLevel) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("coin must be a non-empty name, was \"" + name + "\"");
    }
    if (coinsByName.containsKey(name)) {
      throw new IllegalArgumentException("coin \"" + name + "\" was already added");
    }
    if (szDecimals < 0 || szDecimals > 6) {
      throw new IllegalArgumentException("szDecimals must be in [0, 6], was " + szDecimals + " (" + name + ")");
    }
    positiveFinite(midPx, "midPx");
    if (!(spreadBps >= 0) || Double.isInfinite(spreadBps)) {
      throw new IllegalArgumentException("spreadBps must be >= 0 and finite, was " + spreadBps + " (" + name + ")");
    }
    positiveFinite(depthPerLevel, "depthPerLevel");
    double depth = PriceGrid.round(depthPerLevel, szDecimals);
    if (depth <= 0) {
      throw new IllegalArgumentException("depthPerLevel " + depthPerLevel + " rounds to 0 at szDecimals "
          + szDecimals + " (" + name + ")");
    }
    CoinState c = new CoinState(coins.size(), name, szDecimals);
    c.spreadBps = spreadBps;
    c.depth = depth;
    c.prevDayPx = midPx;
    coins.add(c);
    coinsByName.put(name, c);
    c.mid = midPx;
    rebuildSyntheticBook(c);
  }

  synchronized void setMid(String coin, double px) {
    positiveFinite(px, "mid");
    CoinState c = coin(coin);
    c.mid = px;
    rebuildSyntheticBook(c);
    publishBookAndMids(c);
    sweepResting(c, px);
    fireTriggers(c, now());
  }

  synchronized double mid(String coin) {
    return coin(coin).mid;
  }

  synchronized void setBook(String coin, List<BookLevel> bids, List<BookLevel> asks) {
    CoinState c = coin(coin);
    checkSide(c, bids, "bids", true);
    checkSide(c, asks, "asks", false);
    if (!bids.isEmpty() && !asks.isEmpty() && bids.get(0).px() >= asks.get(0).px()) {
      throw new IllegalArgumentException("book of " + coin + " is crossed: best bid " + bids.get(0).px()
          + " >= best ask " + asks.get(0).px());
    }
    c.bids.clear();
    c.asks.clear();
    bids.forEach(l -> c.bids.add(new Level(l.px(), l.sz(), l.n())));
    asks.forEach(l -> c.asks.add(new Level(l.px(), l.sz(), l.n())));
    if (!bids.isEmpty() && !asks.isEmpty()) {
      c.mid = (bids.get(0).px() + asks.get(0).px()) / 2;
    }
    publishBookAndMids(c);
    sweepResting(c, c.mid);
    fireTriggers(c, now());
  }

  synchronized L2Book l2Book(String coin) {
    CoinState c = coin(coin);
    return new L2Book(c.name, now(), levels(c.bids), levels(c.asks));
  }

  synchronized List<FakeFill> tradeThrough(String coin, double px) {
    positiveFinite(px, "trade px");
    return sweepResting(coin(coin), px);
  }

  synchronized FakeFill fillOrder(long oid, double sz) {
    Order o = ordersByOid.get(oid);
    if (o == null) {
      throw new IllegalArgumentException("oid " + oid + " is not known");
    }
    if (!o.isOpen() || o.waitingTrigger()) {
      throw new IllegalStateException("order " + oid + " is not open on the book (status " + o.status
          + (o.waitingTrigger() ? ", a trigger order waiting for its price" : "") + ")");
    }
    positiveFinite(sz, "fill sz");
    if (PriceGrid.round(sz, o.coin.szDecimals) != sz || sz > o.sz) {
      throw new IllegalArgumentException("fill sz must have at most " + o.coin.szDecimals
          + " decimals and be <= the remaining " + o.sz + ", was " + sz + " (oid " + oid + ")");
    }
    List<FakeFill> f = fillResting(o, sz, now());
    if (f.isEmpty()) {
      throw new IllegalStateException("reduce-only order " + oid + " was cancelled: the position is flat");
    }
    return f.get(0);
  }

  synchronized void addCandles(String coin, String interval, List<Candle> candles) {
    if (!INTERVALS.contains(interval)) {
      throw new IllegalArgumentException("interval must be one of " + INTERVALS + ", was \"" + interval + "\"");
    }
    CoinState c = coin(coin);
    TreeMap<Long, Candle> m = c.candles.computeIfAbsent(interval, k -> new TreeMap<>());
    for (Candle k : candles) {
      if (!k.coin().equals(coin) || !k.interval().equals(interval)) {
        throw new IllegalArgumentException("candle " + k + " is not a " + coin + " " + interval + " candle");
      }
      m.put(k.openMs(), k);
    }
  }

  synchronized void addFunding(String coin, List<FundingRate> rows) {
    CoinState c = coin(coin);
    for (FundingRate r : rows) {
      if (!r.coin().equals(coin)) {
        throw new IllegalArgumentException("funding row " + r + " is not a " + coin + " row");
      }
      c.funding.add(r);
    }
    c.funding.sort(Comparator.comparingLong(FundingRate::timeMs));
  }

  synchronized void payFunding(String coin, double rate, long timeMs) {
    if (!Double.isFinite(rate)) {
      throw new IllegalArgumentException("funding rate must be finite, was " + rate + " (" + coin + ")");
    }
    CoinState c = coin(coin);
    for (Account a : accounts.values()) {
      Pos p = a.positions.get(c.name);
      if (p != null && p.szi != 0) {
        double payment = PriceGrid.roundUsd(rate * p.szi * c.mid); // longs pay when the rate is positive
        a.cash -= payment;
        p.cumAll += payment;
        p.cumSinceOpen += payment;
        p.cumSinceChange += payment;
      }
    }
    c.funding.add(new FundingRate(c.name, timeMs, rate, 0.0));
    c.funding.sort(Comparator.comparingLong(FundingRate::timeMs));
  }

  synchronized void setAssetContext(String coin, double dayNtlVlmUsd, double openInterest, double prevDayPx) {
    CoinState c = coin(coin);
    nonNegativeFinite(dayNtlVlmUsd, "dayNtlVlmUsd");
    nonNegativeFinite(openInterest, "openInterest");
    positiveFinite(prevDayPx, "prevDayPx");
    c.dayNtlVlm = dayNtlVlmUsd;
    c.openInterest = openInterest;
    c.prevDayPx = prevDayPx;
  }

  synchronized void setDelisted(String coin, boolean delisted) {
    coin(coin).delisted = delisted;
  }

  synchronized void setFees(double takerBps, double makerBps) {
    if (!Double.isFinite(takerBps) || !Double.isFinite(makerBps)) {
      throw new IllegalArgumentException("fees must be finite, were taker " + takerBps + ", maker " + makerBps);
    }
    this.takerFeeBps = takerBps;
    this.makerFeeBps = makerBps;
  }

  synchronized String account() {
    return account;
  }

  synchronized void setAccount(String address) {
    this.account = address(address, "account");
    if (!customSignatureCheck) {
      this.signatureCheck = SignatureCheck.shapeOnly(this.account);
    }
  }

  synchronized void approveAgent(String master, String agent) {
    String m = address(master, "master");
    String a = address(agent, "agent");
    if (a.equals(m) || vaults.containsKey(a)) {
      throw new IllegalArgumentException("agent " + a + " cannot be the account itself or a vault");
    }
    agents.put(a, m);
    acct(m);
  }

  synchronized void addVault(String vault, String leader) {
    String v = address(vault, "vault");
    vaults.put(v, address(leader, "leader"));
    acct(v);
  }

  synchronized long restSpotOrder(String user, int spotIndex, boolean isBuy, double px, double sz) {
    if (spotIndex < 0 || spotIndex > 9_999) {
      throw new IllegalArgumentException("spot index must be in [0, 9999], was " + spotIndex);
    }
    CoinState c = spotPairs.computeIfAbsent(spotIndex, i -> new CoinState(10_000 + i, "@" + i, 2));
    long now = now();
    Order o = new Order(nextOid++, address(user, "user"), c, isBuy, px, sz, Tif.GTC, false, Optional.empty(), now,
        Optional.empty());
    orders.add(o);
    ordersByOid.put(o.oid, o);
    return o.oid;
  }

  /** The role {@code userRole} answers for an address (API wallets, vaults, accounts that have done anything). */
  private ObjectNode userRole(String user) {
    ObjectNode r = NODES.objectNode();
    if (agents.containsKey(user)) {
      r.put("role", "agent");
      r.putObject("data").put("user", agents.get(user));
    } else if (vaults.containsKey(user)) {
      r.put("role", "vault");
    } else {
      Account a = accounts.get(user);
      boolean used = a != null && (a.cash != 0 || !a.fills.isEmpty() || !a.positions.isEmpty()
          || !a.nonces.isEmpty());
      r.put("role", used ? "user" : "missing");
    }
    return r;
  }

  private JsonNode vaultDetails(String vault) {
    String leader = vaults.get(vault);
    if (leader == null) {
      return NullNode.getInstance();
    }
    ObjectNode r = NODES.objectNode();
    r.put("name", "fake vault");
    r.put("vaultAddress", vault);
    r.put("leader", leader);
    r.put("isClosed", false);
    return r;
  }

  synchronized void setSignatureCheck(SignatureCheck check) {
    if (check == null) {
      throw new IllegalArgumentException("signature check must not be null");
    }
    this.signatureCheck = check;
    this.customSignatureCheck = true;
  }

  synchronized void setAccountValue(String user, double usd) {
    if (!Double.isFinite(usd)) {
      throw new IllegalArgumentException("account value must be finite, was " + usd);
    }
    Account a = acct(address(user, "user"));
    a.cash = usd - unrealizedPnl(a);
  }

  synchronized double accountValue(String user) {
    Account a = acct(address(user, "user"));
    return a.cash + unrealizedPnl(a);
  }

  synchronized double cash(String user) {
    return acct(address(user, "user")).cash;
  }

  synchronized Optional<Position> position(String user, String coin) {
    Account a = acct(address(user, "user"));
    Pos p = a.positions.get(coin);
    if (p == null || p.szi == 0) {
      return Optional.empty();
    }
    CoinState c = coin(coin);
    return Optional.of(new Position(coin, p.szi, p.entryPx, Math.abs(p.szi) * c.mid, p.szi * (c.mid - p.entryPx)));
  }

  synchronized List<FakeOrder> orders() {
    return orders.stream().map(Order::snapshot).toList();
  }

  synchronized Optional<FakeOrder> order(long oid) {
    return Optional.ofNullable(ordersByOid.get(oid)).map(Order::snapshot);
  }

  synchronized List<FakeFill> fills() {
    return List.copyOf(fills);
  }

  synchronized OptionalLong scheduledCancelMs(String user) {
    return acct(address(user, "user")).scheduledCancelMs;
  }

  synchronized int fireScheduledCancel(String user) {
    Account a = acct(address(user, "user"));
    if (a.scheduledCancelMs.isEmpty()) {
      throw new IllegalStateException("no scheduled cancel is set for " + a.user);
    }
    return runScheduledCancel(a, now());
  }

  /** Runs every scheduled cancel whose time has come; called by the fake's timer and before each request. */
  synchronized void checkScheduledCancels() {
    long now = now();
    for (Account a : accounts.values()) {
      if (a.scheduledCancelMs.isPresent() && a.scheduledCancelMs.getAsLong() <= now) {
        runScheduledCancel(a, now);
      }
    }
  }

  // ---------------------------------------------------------------- info

  synchronized JsonNode info(JsonNode body) {
    checkScheduledCancels();
    String type = text(body, "type");
    return switch (type) {
      case "meta" -> metaJson();
      case "metaAndAssetCtxs" -> metaAndAssetCtxs();
      case "candleSnapshot" -> candleSnapshot(object(body, "req"));
      case "fundingHistory" -> fundingHistory(body);
      case "l2Book" -> {
        CoinState c = coinsByName.get(text(body, "coin"));
        yield c == null ? NullNode.getInstance() : l2BookJson(c);
      }
      case "allMids" -> midsJson();
      case "clearinghouseState" -> clearinghouseState(acct(address(text(body, "user"), "user")));
      case "openOrders" -> openOrdersJson(address(text(body, "user"), "user"));
      case "frontendOpenOrders" -> frontendOpenOrdersJson(address(text(body, "user"), "user"));
      case "userFills" -> userFillsJson(acct(address(text(body, "user"), "user")));
      case "orderStatus" -> orderStatus(address(text(body, "user"), "user"), field(body, "oid"));
      case "userRole" -> userRole(address(text(body, "user"), "user"));
      case "vaultDetails" -> vaultDetails(address(text(body, "vaultAddress"), "vaultAddress"));
      default -> throw new BadRequest("unknown info type \"" + type + "\"");
    };
  }

  private ObjectNode metaJson() {
    ObjectNode meta = NODES.objectNode();
    ArrayNode universe = meta.putArray("universe");
    for (CoinState c : coins) {
      ObjectNode a = universe.addObject();
      a.put("name", c.name);
      a.put("szDecimals", c.szDecimals);
      a.put("maxLeverage", MAX_LEVERAGE);
      if (c.delisted) {
        a.put("isDelisted", true);
      }
    }
    return meta;
  }

  private ArrayNode metaAndAssetCtxs() {
    ArrayNode r = NODES.arrayNode();
    r.add(metaJson());
    ArrayNode ctxs = r.addArray();
    for (CoinState c : coins) {
      ObjectNode x = ctxs.addObject();
      FundingRate last = c.funding.isEmpty() ? null : c.funding.get(c.funding.size() - 1);
      x.put("funding", last == null ? "0" : PriceGrid.exact(last.fundingRate()));
      x.put("openInterest", PriceGrid.exact(c.openInterest));
      x.put("prevDayPx", PriceGrid.exact(c.prevDayPx));
      x.put("dayNtlVlm", PriceGrid.exact(c.dayNtlVlm));
      x.put("premium", last == null ? "0" : PriceGrid.exact(last.premium()));
      x.put("oraclePx", PriceGrid.exact(c.mid));
      x.put("markPx", PriceGrid.exact(c.mid));
      x.put("midPx", PriceGrid.exact(c.mid));
      ArrayNode impact = x.putArray("impactPxs");
      impact.add(c.bids.isEmpty() ? PriceGrid.exact(c.mid) : PriceGrid.wire(c.bids.get(0).px));
      impact.add(c.asks.isEmpty() ? PriceGrid.exact(c.mid) : PriceGrid.wire(c.asks.get(0).px));
      x.put("dayBaseVlm", PriceGrid.exact(PriceGrid.round(c.dayNtlVlm / c.mid, 8)));
    }
    return r;
  }

  private ArrayNode candleSnapshot(JsonNode req) {
    String coin = text(req, "coin");
    String interval = text(req, "interval");
    if (!INTERVALS.contains(interval)) {
      throw new BadRequest("unknown candle interval \"" + interval + "\"");
    }
    long start = longValue(req, "startTime");
    long end = longValue(req, "endTime");
    ArrayNode r = NODES.arrayNode();
    CoinState c = coinsByName.get(coin);
    TreeMap<Long, Candle> m = c == null ? null : c.candles.get(interval);
    if (m == null || start > end) {
      return r;
    }
    for (Candle k : m.subMap(start, true, end, true).values()) {
      if (r.size() == CANDLE_CAP) {
        break;
      }
      ObjectNode o = r.addObject();
      o.put("t", k.openMs());
      o.put("T", k.closeMs());
      o.put("s", k.coin());
      o.put("i", k.interval());
      o.put("o", PriceGrid.exact(k.open()));
      o.put("c", PriceGrid.exact(k.close()));
      o.put("h", PriceGrid.exact(k.high()));
      o.put("l", PriceGrid.exact(k.low()));
      o.put("v", PriceGrid.exact(k.volume()));
      o.put("n", k.trades());
    }
    return r;
  }

  private ArrayNode fundingHistory(JsonNode body) {
    String coin = text(body, "coin");
    long start = longValue(body, "startTime");
    JsonNode endNode = body.get("endTime");
    long end = endNode == null || endNode.isNull() ? Long.MAX_VALUE : longValue(body, "endTime");
    ArrayNode r = NODES.arrayNode();
    CoinState c = coinsByName.get(coin);
    if (c == null) {
      return r;
    }
    for (FundingRate f : c.funding) {
      if (f.timeMs() >= start && f.timeMs() <= end) {
        if (r.size() == FUNDING_CAP) {
          break;
        }
        ObjectNode o = r.addObject();
        o.put("coin", f.coin());
        o.put("fundingRate", PriceGrid.exact(f.fundingRate()));
        o.put("premium", PriceGrid.exact(f.premium()));
        o.put("time", f.timeMs());
      }
    }
    return r;
  }

  private ObjectNode l2BookJson(CoinState c) {
    ObjectNode o = NODES.objectNode();
    o.put("coin", c.name);
    o.put("time", now());
    ArrayNode levels = o.putArray("levels");
    for (List<Level> side : List.of(c.bids, c.asks)) {
      ArrayNode s = levels.addArray();
      for (Level l : side.subList(0, Math.min(BOOK_LEVELS, side.size()))) {
        ObjectNode x = s.addObject();
        x.put("px", PriceGrid.wire(l.px));
        x.put("sz", PriceGrid.wire(l.sz));
        x.put("n", l.n);
      }
    }
    return o;
  }

  private ObjectNode midsJson() {
    ObjectNode o = NODES.objectNode();
    for (CoinState c : coins) {
      o.put(c.name, PriceGrid.exact(c.mid));
    }
    return o;
  }

  private ObjectNode clearinghouseState(Account a) {
    ObjectNode r = NODES.objectNode();
    ArrayNode positions = NODES.arrayNode();
    double upnlSum = 0;
    double ntl = 0;
    double signedNtl = 0;
    double marginUsed = 0;
    for (Map.Entry<String, Pos> e : a.positions.entrySet()) {
      Pos p = e.getValue();
      if (p.szi == 0) {
        continue;
      }
      CoinState c = coinsByName.get(e.getKey());
      double value = Math.abs(p.szi) * c.mid;
      double upnl = p.szi * (c.mid - p.entryPx);
      double margin = value / LEVERAGE;
      upnlSum += upnl;
      ntl += value;
      signedNtl += p.szi * c.mid;
      marginUsed += margin;
      ObjectNode ap = positions.addObject();
      ap.put("type", "oneWay");
      ObjectNode x = ap.putObject("position");
      x.put("coin", c.name);
      x.put("szi", PriceGrid.wire(p.szi));
      ObjectNode lev = x.putObject("leverage");
      lev.put("type", "cross");
      lev.put("value", LEVERAGE);
      x.put("entryPx", PriceGrid.px8(p.entryPx));
      x.put("positionValue", PriceGrid.usd(value));
      x.put("unrealizedPnl", PriceGrid.usd(upnl));
      x.put("returnOnEquity", PriceGrid.px8(upnl / (Math.abs(p.szi) * p.entryPx / LEVERAGE)));
      x.putNull("liquidationPx");
      x.put("marginUsed", PriceGrid.usd(margin));
      x.put("maxLeverage", MAX_LEVERAGE);
      ObjectNode cum = x.putObject("cumFunding");
      cum.put("allTime", PriceGrid.usd(p.cumAll));
      cum.put("sinceOpen", PriceGrid.usd(p.cumSinceOpen));
      cum.put("sinceChange", PriceGrid.usd(p.cumSinceChange));
    }
    double accountValue = a.cash + upnlSum;
    for (String summary : List.of("marginSummary", "crossMarginSummary")) {
      ObjectNode m = r.putObject(summary);
      m.put("accountValue", PriceGrid.usd(accountValue));
      m.put("totalNtlPos", PriceGrid.usd(ntl));
      m.put("totalRawUsd", PriceGrid.usd(accountValue - signedNtl));
      m.put("totalMarginUsed", PriceGrid.usd(marginUsed));
    }
    r.put("crossMaintenanceMarginUsed", PriceGrid.usd(marginUsed / 2));
    r.put("withdrawable", PriceGrid.usd(Math.max(0, accountValue - marginUsed)));
    r.set("assetPositions", positions);
    r.put("time", now());
    return r;
  }

  private ArrayNode openOrdersJson(String user) {
    return openOrdersJson(user, false);
  }

  /** {@code openOrders}, or with {@code frontend} {@code frontendOpenOrders} (plus the trigger fields). */
  private ArrayNode openOrdersJson(String user, boolean frontend) {
    ArrayNode r = NODES.arrayNode();
    for (Order o : orders) {
      if (o.user.equals(user) && o.isOpen()) {
        orderFields(r.addObject(), o, frontend);
      }
    }
    return r;
  }

  private ArrayNode frontendOpenOrdersJson(String user) {
    return openOrdersJson(user, true);
  }

  /**
   * An order's fields: {@code coin, side, limitPx, sz, oid, timestamp}, with {@code full} the trigger fields,
   * {@code origSz}, and {@code cloid} (null when absent with {@code full}, left out without).
   */
  private static void orderFields(ObjectNode x, Order o, boolean full) {
    x.put("coin", o.coin.name);
    x.put("side", o.isBuy ? "B" : "A");
    x.put("limitPx", PriceGrid.wire(o.limitPx));
    x.put("sz", PriceGrid.wire(o.sz));
    x.put("oid", o.oid);
    x.put("timestamp", o.timestampMs);
    if (full) {
      triggerFields(x, o);
    }
    x.put("origSz", PriceGrid.wire(o.origSz));
    if (o.cloid.isPresent()) {
      x.put("cloid", o.cloid.get());
    } else if (full) {
      x.putNull("cloid");
    }
  }

  /** The trigger fields of {@code frontendOpenOrders} and {@code orderStatus}. */
  private static void triggerFields(ObjectNode x, Order o) {
    boolean waiting = o.waitingTrigger();
    x.put("triggerCondition", o.trigger.map(t -> (t.tpsl() == Trigger.Tpsl.SL) != o.isBuy
        ? "Price below " + PriceGrid.wire(t.triggerPx()) : "Price above " + PriceGrid.wire(t.triggerPx()))
        .orElse("N/A"));
    x.put("isTrigger", waiting);
    x.put("triggerPx", o.trigger.map(t -> PriceGrid.wire(t.triggerPx())).orElse("0.0"));
    x.putArray("children");
    x.put("isPositionTpsl", false);
    x.put("reduceOnly", o.reduceOnly);
    x.put("orderType", o.trigger.map(t -> (t.tpsl() == Trigger.Tpsl.SL ? "Stop" : "Take Profit")
        + (t.isMarket() ? " Market" : " Limit")).orElse("Limit"));
  }

  private ArrayNode userFillsJson(Account a) {
    ArrayNode r = NODES.arrayNode();
    for (int i = a.fills.size() - 1; i >= 0 && r.size() < USER_FILLS_CAP; i--) {
      r.add(fillJson(a.fills.get(i)));
    }
    return r;
  }

  private ObjectNode orderStatus(String user, JsonNode oidNode) {
    Order o;
    if (oidNode.isIntegralNumber()) {
      o = ordersByOid.get(oidNode.asLong());
    } else if (oidNode.isTextual() && CLOID.matcher(oidNode.asText()).matches()) {
      o = acct(user).ordersByCloid.get(oidNode.asText().toLowerCase(Locale.ROOT));
    } else {
      throw new BadRequest("oid must be an order id or a 0x + 32 hex cloid, was " + oidNode);
    }
    ObjectNode r = NODES.objectNode();
    if (o == null || !o.user.equals(user)) {
      r.put("status", "unknownOid");
      return r;
    }
    r.put("status", "order");
    ObjectNode wrap = r.putObject("order");
    ObjectNode x = wrap.putObject("order");
    orderFields(x, o, true);
    x.put("tif", o.tif.wire());
    wrap.put("status", o.status);
    wrap.put("statusTimestamp", o.statusTimestampMs);
    return r;
  }

  // ---------------------------------------------------------------- exchange

  synchronized JsonNode exchange(JsonNode body) {
    checkScheduledCancels();
    long now = now();
    ObjectNode action = object(body, "action");
    long nonce = longValue(body, "nonce");
    JsonNode sigNode = object(body, "signature");
    Optional<String> vault = optionalText(body, "vaultAddress");
    JsonNode expNode = body.get("expiresAfter");
    OptionalLong expiresAfter = expNode == null || expNode.isNull()
        ? OptionalLong.empty() : OptionalLong.of(longValue(body, "expiresAfter"));
    String type = text(action, "type");
    Runnable validate = switch (type) {
      case "order" -> () -> parseOrders(action);
      case "cancel", "cancelByCloid" -> () -> parseCancels(action, type);
      case "scheduleCancel" -> () -> optionalLong(action, "time");
      default -> throw new BadRequest("unknown action type \"" + type + "\"");
    };
    validate.run();
    if (vault.isPresent() && !ADDRESS.matcher(vault.get()).matches()) {
      throw new BadRequest("vaultAddress must be 0x + 40 hex, was \"" + vault.get() + "\"");
    }
    Optional<String> shapeError = signatureShapeError(sigNode);
    if (shapeError.isPresent()) {
      return err(shapeError.get());
    }
    if (expiresAfter.isPresent() && expiresAfter.getAsLong() < now) {
      return err("Action expired: expiresAfter " + expiresAfter.getAsLong() + " is before now " + now + ".");
    }
    Signature sig = new Signature(new BigInteger(sigNode.get("r").asText().substring(2), 16),
        new BigInteger(sigNode.get("s").asText().substring(2), 16), sigNode.get("v").asInt());
    Optional<String> signer = signatureCheck.signer(
        new SignatureCheck.SignedAction(action.deepCopy(), nonce, vault, expiresAfter, sig));
    if (signer.isEmpty()) {
      return err(FakeExchange.ERR_SIGNATURE);
    }
    Account signerAccount = acct(address(signer.get(), "signer returned by the SignatureCheck"));
    Optional<String> nonceError = useNonce(signerAccount, nonce, now);
    if (nonceError.isPresent()) {
      return err(nonceError.get());
    }
    // an API wallet acts for its account; a vault is traded by its leader (or the leader's API wallet)
    String principal = agents.getOrDefault(signerAccount.user, signerAccount.user);
    if (vault.isPresent()) {
      String v = vault.get().toLowerCase(Locale.ROOT);
      if (!vaults.isEmpty() || !agents.isEmpty()) {
        String leader = vaults.get(v);
        if (leader == null || !leader.equals(principal)) {
          return err("User or API Wallet " + signerAccount.user + " is not the leader of vault " + v + ".");
        }
      }
    }
    Account a = vault.map(v -> acct(v.toLowerCase(Locale.ROOT))).orElse(acct(principal));
    return switch (type) {
      case "order" -> placeOrders(a, action, now);
      case "cancel", "cancelByCloid" -> cancels(a, action, type, now);
      default -> scheduleCancel(a, optionalLong(action, "time"), now);
    };
  }

  private record ParsedOrder(int asset, boolean isBuy, String px, String sz, boolean reduceOnly, Tif tif,
      Optional<String> cloid, Optional<ParsedTrigger> trigger) {
  }

  /** {@code t.trigger}: prices are checked against the grid when the order is placed. */
  private record ParsedTrigger(boolean isMarket, String triggerPx, Trigger.Tpsl tpsl) {
  }

  private List<ParsedOrder> parseOrders(ObjectNode action) {
    JsonNode list = field(action, "orders");
    if (!list.isArray()) {
      throw new BadRequest("orders must be an array, was " + list);
    }
    text(action, "grouping");
    List<ParsedOrder> r = new ArrayList<>();
    for (JsonNode o : list) {
      JsonNode t = object(o, "t");
      Tif tif;
      Optional<ParsedTrigger> trigger = Optional.empty();
      if (t.has("limit")) {
        String w = text(object(t, "limit"), "tif");
        try {
          tif = Tif.ofWire(w);
        } catch (IllegalArgumentException e) {
          throw new BadRequest("unknown tif \"" + w + "\"");
        }
      } else if (t.has("trigger")) {
        ObjectNode tr = object(t, "trigger");
        Trigger.Tpsl tpsl;
        try {
          tpsl = Trigger.Tpsl.ofWire(text(tr, "tpsl"));
        } catch (IllegalArgumentException e) {
          throw new BadRequest("unknown tpsl " + tr.get("tpsl"));
        }
        trigger = Optional.of(new ParsedTrigger(bool(tr, "isMarket"), text(tr, "triggerPx"), tpsl));
        tif = Tif.GTC;
      } else {
        throw new BadRequest("order t must hold limit or trigger, was " + t);
      }
      Optional<String> cloid = optionalText(o, "c");
      if (cloid.isPresent() && !CLOID.matcher(cloid.get()).matches()) {
        throw new BadRequest("cloid must be 0x + 32 hex, was \"" + cloid.get() + "\"");
      }
      r.add(new ParsedOrder(intValue(o, "a"), bool(o, "b"), text(o, "p"), text(o, "s"), bool(o, "r"), tif,
          cloid.map(s -> s.toLowerCase(Locale.ROOT)), trigger));
    }
    return r;
  }

  private JsonNode placeOrders(Account a, ObjectNode action, long now) {
    String grouping = text(action, "grouping");
    if (!"na".equals(grouping)) {
      return err("Grouping \"" + grouping + "\" is not supported by the fake exchange (only \"na\").");
    }
    ArrayNode statuses = NODES.arrayNode();
    for (ParsedOrder po : parseOrders(action)) {
      statuses.add(placeOrder(a, po, now));
    }
    return ok("order", statuses);
  }

  private ObjectNode placeOrder(Account a, ParsedOrder po, long now) {
    if (po.asset < 0 || po.asset >= coins.size()) {
      return error("Asset " + po.asset + " does not exist.");
    }
    CoinState c = coins.get(po.asset);
    BigDecimal px = decimal(po.px);
    if (px == null || !PriceGrid.validPrice(px, c.szDecimals)) {
      return error(FakeExchange.ERR_INVALID_PRICE);
    }
    Optional<Trigger> trigger = Optional.empty();
    if (po.trigger.isPresent()) {
      BigDecimal tpx = decimal(po.trigger.get().triggerPx());
      if (tpx == null || !PriceGrid.validPrice(tpx, c.szDecimals)) {
        return error(FakeExchange.ERR_INVALID_TRIGGER_PRICE);
      }
      trigger = Optional.of(new Trigger(tpx.doubleValue(), po.trigger.get().isMarket(), po.trigger.get().tpsl()));
    }
    BigDecimal sz = decimal(po.sz);
    if (sz == null || !PriceGrid.validSize(sz, c.szDecimals)) {
      return error(FakeExchange.ERR_INVALID_SIZE);
    }
    if (po.cloid.isPresent() && a.ordersByCloid.containsKey(po.cloid.get())) {
      return error(FakeExchange.ERR_DUPLICATE_CLOID);
    }
    Order o = new Order(nextOid++, a.user, c, po.isBuy, px.doubleValue(), sz.doubleValue(), po.tif, po.reduceOnly,
        po.cloid, now, trigger);
    orders.add(o);
    ordersByOid.put(o.oid, o);
    po.cloid.ifPresent(cl -> a.ordersByCloid.put(cl, o));
    if (o.reduceOnly && !reduces(a.szi(c.name), o.isBuy)) {
      return reject(o, "reduceOnlyRejected", FakeExchange.ERR_REDUCE_ONLY, now);
    }
    if (!o.reduceOnly && px.multiply(sz).compareTo(MIN_NOTIONAL_USD) < 0) {
      return reject(o, "minTradeNtlRejected", FakeExchange.ERR_MIN_VALUE, now);
    }
    if (o.waitingTrigger()) {
      // off the book until the mid reaches its trigger price (checked now and at every setMid / setBook)
      ObjectNode resting = rest(o, now);
      if (o.trigger.get().firesAt(o.isBuy, c.mid)) {
        fire(o, now);
      }
      return resting;
    }
    if (o.tif == Tif.ALO) {
      boolean crosses = o.isBuy
          ? !c.asks.isEmpty() && o.limitPx >= c.asks.get(0).px
          : !c.bids.isEmpty() && o.limitPx <= c.bids.get(0).px;
      if (crosses) {
        String bid = c.bids.isEmpty() ? "0" : PriceGrid.wire(c.bids.get(0).px);
        String ask = c.asks.isEmpty() ? "0" : PriceGrid.wire(c.asks.get(0).px);
        return reject(o, "badAloPxRejected",
            "Post only order would have immediately matched, bbo was " + bid + "@" + ask + ".", now);
      }
      return rest(o, now);
    }
    List<FakeFill> taken = take(a, o, now);
    if (o.tif == Tif.IOC) {
      if (taken.isEmpty()) {
        return reject(o, "iocCancelRejected",
            "Order could not immediately match against any resting orders. asset=" + c.asset, now);
      }
      setStatus(o, o.sz == 0 ? "filled" : "canceled", now);
      o.sz = 0;
      publishOrderUpdate(o);
      return filledStatus(o, taken);
    }
    if (o.sz > 0) {
      if (o.reduceOnly && !reduces(a.szi(c.name), o.isBuy)) {
        // a reduce-only Gtc that closed the position: the rest cannot rest (taken is not empty here)
        setStatus(o, "reduceOnlyCanceled", now);
        o.sz = 0;
        publishOrderUpdate(o);
        return filledStatus(o, taken);
      }
      return rest(o, now); // "resting", also after a partial fill
    }
    setStatus(o, "filled", now);
    publishOrderUpdate(o);
    return filledStatus(o, taken);
  }

  private ObjectNode filledStatus(Order o, List<FakeFill> taken) {
    double qty = 0;
    double notional = 0;
    for (FakeFill f : taken) {
      qty += f.sz();
      notional += f.sz() * f.px();
    }
    ObjectNode s = NODES.objectNode();
    ObjectNode f = s.putObject("filled");
    f.put("totalSz", PriceGrid.wire(PriceGrid.round(qty, o.coin.szDecimals)));
    f.put("avgPx", PriceGrid.px8(notional / qty));
    f.put("oid", o.oid);
    return s;
  }

  /** Walks the opposite side of the synthetic book up to the limit price; the taker pays the taker fee. */
  private List<FakeFill> take(Account a, Order o, long now) {
    CoinState c = o.coin;
    List<Level> side = o.isBuy ? c.asks : c.bids;
    double remaining = o.reduceOnly ? Math.min(o.sz, Math.abs(a.szi(c.name))) : o.sz;
    List<FakeFill> taken = new ArrayList<>();
    Iterator<Level> it = side.iterator();
    while (remaining > 0 && it.hasNext()) {
      Level l = it.next();
      if (o.isBuy ? l.px > o.limitPx : l.px < o.limitPx) {
        break;
      }
      double q = Math.min(l.sz, remaining);
      l.sz = PriceGrid.round(l.sz - q, c.szDecimals);
      if (l.sz <= 0) {
        it.remove();
      }
      remaining = PriceGrid.round(remaining - q, c.szDecimals);
      taken.add(bookFill(a, o, l.px, q, true, now));
    }
    if (!taken.isEmpty()) {
      publishFills(a.user, taken);
      publisher.publish("l2Book:" + c.name, message("l2Book", l2BookJson(c)), false);
    }
    return taken;
  }

  /**
   * Fills every open order of the coin that a trade at {@code px} goes through: buys with limit &gt;= px, sells
   * with limit &lt;= px, each fully at its own limit price as maker.
   */
  private List<FakeFill> sweepResting(CoinState c, double px) {
    long now = now();
    List<FakeFill> r = new ArrayList<>();
    for (Order o : List.copyOf(orders)) {
      if (o.coin == c && o.isOpen() && !o.waitingTrigger() && (o.isBuy ? px <= o.limitPx : px >= o.limitPx)) {
        r.addAll(fillResting(o, o.sz, now));
      }
    }
    return r;
  }

  /**
   * Fires every waiting trigger order of the coin that the mid has reached ({@link Trigger#firesAt}), oldest first.
   */
  private void fireTriggers(CoinState c, long now) {
    for (Order o : List.copyOf(orders)) {
      if (o.coin == c && o.waitingTrigger() && o.trigger.get().firesAt(o.isBuy, c.mid)) {
        fire(o, now);
      }
    }
  }

  /**
   * A trigger order whose price came: status {@code triggered} is pushed, then a market trigger takes the book up
   * to its limit price like an Ioc (the rest is cancelled; a reduce-only one is clipped to the position, and
   * {@code reduceOnlyCanceled} when there is nothing to reduce), a limit trigger takes like a Gtc and rests at its
   * limit.
   */
  private void fire(Order o, long now) {
    Account a = acct(o.user);
    o.triggered = true;
    setStatus(o, "triggered", now);
    publishOrderUpdate(o);
    if (o.reduceOnly && !reduces(a.szi(o.coin.name), o.isBuy)) {
      setStatus(o, "reduceOnlyCanceled", now);
      o.sz = 0;
      publishOrderUpdate(o);
      return;
    }
    take(a, o, now);
    if (o.sz == 0) {
      setStatus(o, "filled", now);
    } else if (o.trigger.get().isMarket() || (o.reduceOnly && !reduces(a.szi(o.coin.name), o.isBuy))) {
      setStatus(o, "canceled", now);
      o.sz = 0;
    } else {
      setStatus(o, "open", now);
    }
    publishOrderUpdate(o);
  }

  /** Fills {@code q} of a resting order at its limit as maker; a reduce-only order is clipped to the position. */
  private List<FakeFill> fillResting(Order o, double q, long now) {
    Account a = acct(o.user);
    double qty = q;
    if (o.reduceOnly) {
      double pos = a.szi(o.coin.name);
      if (!reduces(pos, o.isBuy)) {
        setStatus(o, "reduceOnlyCanceled", now);
        o.sz = 0;
        publishOrderUpdate(o);
        return List.of();
      }
      qty = Math.min(q, Math.abs(pos));
    }
    FakeFill f = bookFill(a, o, o.limitPx, qty, false, now);
    publishFills(a.user, List.of(f));
    if (o.sz == 0) {
      setStatus(o, "filled", now);
    } else if (o.reduceOnly && a.szi(o.coin.name) == 0) {
      setStatus(o, "reduceOnlyCanceled", now);
      o.sz = 0;
    }
    publishOrderUpdate(o);
    return List.of(f);
  }

  /** Books one fill: position, entry price, realised P&amp;L and fee (cash), order remaining size. */
  private FakeFill bookFill(Account a, Order o, double px, double q, boolean crossed, long now) {
    CoinState c = o.coin;
    int d = c.szDecimals;
    Pos p = a.positions.computeIfAbsent(c.name, k -> new Pos());
    double start = p.szi;
    double signed = o.isBuy ? q : -q;
    double after = PriceGrid.round(start + signed, d);
    double closedPnl = 0;
    String dir;
    if (start == 0 || Math.signum(start) == Math.signum(signed)) {
      p.entryPx = (Math.abs(start) * p.entryPx + q * px) / Math.abs(after);
      dir = o.isBuy ? "Open Long" : "Open Short";
      if (start == 0) {
        p.cumSinceOpen = 0;
      }
    } else {
      double closing = Math.min(q, Math.abs(start));
      closedPnl = PriceGrid.roundUsd(closing * (px - p.entryPx) * Math.signum(start));
      if (after == 0) {
        dir = start > 0 ? "Close Long" : "Close Short";
        p.entryPx = 0;
      } else if (Math.signum(after) == Math.signum(start)) {
        dir = start > 0 ? "Close Long" : "Close Short";
      } else {
        dir = start > 0 ? "Long > Short" : "Short > Long";
        p.entryPx = px;
        p.cumSinceOpen = 0;
      }
    }
    p.szi = after;
    p.cumSinceChange = 0;
    double fee = PriceGrid.roundUsd(q * px * (crossed ? takerFeeBps : makerFeeBps) / 1e4);
    a.cash += closedPnl - fee;
    o.sz = PriceGrid.round(o.sz - q, d);
    o.filledSz = PriceGrid.round(o.filledSz + q, d);
    long tid = nextTid++;
    FakeFill f = new FakeFill(a.user, c.name, o.isBuy, px, q, now, start, dir, closedPnl,
        String.format("0x%064x", tid), o.oid, crossed, fee, tid, o.cloid);
    fills.add(f);
    a.fills.add(f);
    return f;
  }

  private ObjectNode rest(Order o, long now) {
    setStatus(o, "open", now);
    publishOrderUpdate(o);
    ObjectNode s = NODES.objectNode();
    s.putObject("resting").put("oid", o.oid);
    return s;
  }

  private ObjectNode reject(Order o, String status, String text, long now) {
    setStatus(o, status, now);
    o.sz = 0;
    publishOrderUpdate(o);
    return error(text);
  }

  private record ParsedCancel(int asset, long oid, String cloid) {
  }

  private List<ParsedCancel> parseCancels(ObjectNode action, String type) {
    JsonNode list = field(action, "cancels");
    if (!list.isArray()) {
      throw new BadRequest("cancels must be an array, was " + list);
    }
    List<ParsedCancel> r = new ArrayList<>();
    for (JsonNode x : list) {
      if ("cancel".equals(type)) {
        r.add(new ParsedCancel(intValue(x, "a"), longValue(x, "o"), null));
      } else {
        String cloid = text(x, "cloid");
        if (!CLOID.matcher(cloid).matches()) {
          throw new BadRequest("cloid must be 0x + 32 hex, was \"" + cloid + "\"");
        }
        r.add(new ParsedCancel(intValue(x, "asset"), -1, cloid.toLowerCase(Locale.ROOT)));
      }
    }
    return r;
  }

  private JsonNode cancels(Account a, ObjectNode action, String type, long now) {
    ArrayNode statuses = NODES.arrayNode();
    for (ParsedCancel pc : parseCancels(action, type)) {
      Order o = pc.cloid == null ? ordersByOid.get(pc.oid) : a.ordersByCloid.get(pc.cloid);
      if (o == null || !o.user.equals(a.user) || o.coin.asset != pc.asset || !o.isOpen()) {
        statuses.add(error(FakeExchange.ERR_CANCEL_UNKNOWN + " asset=" + pc.asset));
      } else {
        setStatus(o, "canceled", now);
        o.sz = 0;
        publishOrderUpdate(o);
        statuses.add("success");
      }
    }
    return ok("cancel", statuses);
  }

  private JsonNode scheduleCancel(Account a, OptionalLong time, long now) {
    if (time.isPresent() && time.getAsLong() < now + SCHEDULE_CANCEL_MIN_LEAD_MS) {
      return err(FakeExchange.ERR_SCHEDULE_TOO_EARLY);
    }
    a.scheduledCancelMs = time;
    ObjectNode r = NODES.objectNode();
    r.put("status", "ok");
    r.putObject("response").put("type", "default");
    return r;
  }

  private int runScheduledCancel(Account a, long now) {
    a.scheduledCancelMs = OptionalLong.empty();
    int n = 0;
    for (Order o : orders) {
      if (o.user.equals(a.user) && o.isOpen()) {
        setStatus(o, "scheduledCancel", now);
        o.sz = 0;
        publishOrderUpdate(o);
        n++;
      }
    }
    return n;
  }

  private Optional<String> useNonce(Account signer, long nonce, long now) {
    if (nonce <= now - 2 * DAY_MS || nonce >= now + DAY_MS) {
      return Optional.of(FakeExchange.ERR_NONCE + ": " + nonce + " is outside (now - 2 days, now + 1 day), now = "
          + now + ".");
    }
    if (signer.nonces.contains(nonce)) {
      return Optional.of(FakeExchange.ERR_NONCE + ": " + nonce + " was already used.");
    }
    if (signer.nonces.size() >= 100 && nonce < signer.nonces.first()) {
      return Optional.of(FakeExchange.ERR_NONCE + ": " + nonce + " is lower than the 100 highest nonces used.");
    }
    signer.nonces.add(nonce);
    if (signer.nonces.size() > 100) {
      signer.nonces.pollFirst();
    }
    return Optional.empty();
  }

  private static Optional<String> signatureShapeError(JsonNode sig) {
    JsonNode r = sig.get("r");
    JsonNode s = sig.get("s");
    JsonNode v = sig.get("v");
    if (r == null || !r.isTextual() || !SIG_HEX.matcher(r.asText()).matches()) {
      return Optional.of("Invalid signature: r must be 0x + 1..64 hex digits, was " + r + ".");
    }
    if (s == null || !s.isTextual() || !SIG_HEX.matcher(s.asText()).matches()) {
      return Optional.of("Invalid signature: s must be 0x + 1..64 hex digits, was " + s + ".");
    }
    if (v == null || !v.isIntegralNumber() || (v.asInt() != 27 && v.asInt() != 28)) {
      return Optional.of("Invalid signature: v must be 27 or 28, was " + v + ".");
    }
    return Optional.empty();
  }

  // ---------------------------------------------------------------- WebSocket support

  /**
   * @param sub a {@code subscription} object
   * @return its key ({@code userFills:<user>}, {@code orderUpdates:<user>}, {@code l2Book:<coin>}, {@code allMids})
   * @throws IllegalArgumentException naming the problem when the subscription is not served
   */
  synchronized String subscriptionKey(JsonNode sub) {
    if (sub == null || !sub.isObject()) {
      throw new IllegalArgumentException("subscription must be an object, was " + sub);
    }
    String type = sub.path("type").asText("");
    switch (type) {
      case "userFills", "orderUpdates" -> {
        String user = sub.path("user").asText("");
        if (!ADDRESS.matcher(user).matches()) {
          throw new IllegalArgumentException(type + " subscription needs user = 0x + 40 hex, was " + sub);
        }
        return type + ":" + user.toLowerCase(Locale.ROOT);
      }
      case "l2Book" -> {
        String coin = sub.path("coin").asText("");
        if (!coinsByName.containsKey(coin)) {
          throw new IllegalArgumentException("l2Book subscription for unknown coin \"" + coin + "\"");
        }
        return "l2Book:" + coin;
      }
      case "allMids" -> {
        return "allMids";
      }
      default -> throw new IllegalArgumentException("subscription type \"" + type
          + "\" is not served by the fake exchange (userFills, orderUpdates, l2Book, allMids)");
    }
  }

  /**
   * @param key a subscription key
   * @return the message sent right after the subscription ack, if the feed has one: the {@code userFills}
   *     snapshot ({@code isSnapshot: true}, all fills oldest first), the current book, or the current mids
   */
  synchronized Optional<String> snapshotMessage(String key) {
    if (key.startsWith("userFills:")) {
      Account a = acct(key.substring("userFills:".length()));
      ObjectNode data = NODES.objectNode();
      data.put("isSnapshot", true);
      data.put("user", a.user);
      ArrayNode list = data.putArray("fills");
      a.fills.forEach(f -> list.add(fillJson(f)));
      return Optional.of(message("userFills", data));
    }
    if (key.startsWith("l2Book:")) {
      return Optional.of(message("l2Book", l2BookJson(coin(key.substring("l2Book:".length())))));
    }
    if (key.equals("allMids")) {
      ObjectNode data = NODES.objectNode();
      data.set("mids", midsJson());
      return Optional.of(message("allMids", data));
    }
    return Optional.empty();
  }

  private void publishFills(String user, List<FakeFill> fs) {
    ObjectNode data = NODES.objectNode();
    data.put("user", user);
    ArrayNode list = data.putArray("fills");
    fs.forEach(f -> list.add(fillJson(f)));
    publisher.publish("userFills:" + user, message("userFills", data), true);
  }

  private void publishOrderUpdate(Order o) {
    ArrayNode data = NODES.arrayNode();
    ObjectNode u = data.addObject();
    ObjectNode x = u.putObject("order");
    x.put("coin", o.coin.name);
    x.put("side", o.isBuy ? "B" : "A");
    x.put("limitPx", PriceGrid.wire(o.limitPx));
    x.put("sz", PriceGrid.wire(o.sz));
    x.put("oid", o.oid);
    x.put("timestamp", o.timestampMs);
    x.put("origSz", PriceGrid.wire(o.origSz));
    o.cloid.ifPresent(cl -> x.put("cloid", cl));
    u.put("status", o.status);
    u.put("statusTimestamp", o.statusTimestampMs);
    publisher.publish("orderUpdates:" + o.user, message("orderUpdates", data), false);
  }

  private void publishBookAndMids(CoinState c) {
    publisher.publish("l2Book:" + c.name, message("l2Book", l2BookJson(c)), false);
    ObjectNode data = NODES.objectNode();
    data.set("mids", midsJson());
    publisher.publish("allMids", message("allMids", data), false);
  }

  private static String message(String channel, JsonNode data) {
    ObjectNode m = NODES.objectNode();
    m.put("channel", channel);
    m.set("data", data);
    return m.toString();
  }

  private ObjectNode fillJson(FakeFill f) {
    ObjectNode x = NODES.objectNode();
    x.put("coin", f.coin());
    x.put("px", PriceGrid.wire(f.px()));
    x.put("sz", PriceGrid.wire(f.sz()));
    x.put("side", f.isBuy() ? "B" : "A");
    x.put("time", f.timeMs());
    x.put("startPosition", PriceGrid.wire(f.startPosition()));
    x.put("dir", f.dir());
    x.put("closedPnl", PriceGrid.usd(f.closedPnl()));
    x.put("hash", f.hash());
    x.put("oid", f.oid());
    x.put("crossed", f.crossed());
    x.put("fee", PriceGrid.usd(f.fee()));
    x.put("tid", f.tid());
    x.put("feeToken", "USDC");
    f.cloid().ifPresent(cl -> x.put("cloid", cl));
    return x;
  }

  // ---------------------------------------------------------------- helpers

  private long now() {
    return clock.getAsLong();
  }

  private CoinState coin(String name) {
    CoinState c = coinsByName.get(name);
    if (c == null) {
      throw new IllegalArgumentException("coin \"" + name + "\" is not in the fake universe " + coinsByName.keySet());
    }
    return c;
  }

  private Account acct(String user) {
    return accounts.computeIfAbsent(user, Account::new);
  }

  private static boolean reduces(double position, boolean isBuy) {
    return isBuy ? position < 0 : position > 0;
  }

  private static void setStatus(Order o, String status, long now) {
    o.status = status;
    o.statusTimestampMs = now;
  }

  private double unrealizedPnl(Account a) {
    double u = 0;
    for (Map.Entry<String, Pos> e : a.positions.entrySet()) {
      u += e.getValue().szi * (coinsByName.get(e.getKey()).mid - e.getValue().entryPx);
    }
    return u;
  }

  /** Synthetic book: best bid/ask at mid -/+ spread/2 on the price grid, 20 levels a side one tick apart. */
  private static void rebuildSyntheticBook(CoinState c) {
    int d = c.szDecimals;
    BigDecimal mid = BigDecimal.valueOf(c.mid);
    BigDecimal half = mid.multiply(BigDecimal.valueOf(c.spreadBps)).divide(BigDecimal.valueOf(20_000));
    BigDecimal bid = mid.subtract(half);
    bid = bid.signum() > 0 ? PriceGrid.floorValid(bid, d) : BigDecimal.ZERO;
    BigDecimal ask = PriceGrid.ceilValid(mid.add(half), d);
    if (ask.compareTo(bid) <= 0) {
      ask = PriceGrid.ceilValid(bid.add(PriceGrid.tick(bid, d)), d);
    }
    c.bids.clear();
    c.asks.clear();
    for (int i = 0; i < BOOK_LEVELS && bid.signum() > 0; i++) {
      c.bids.add(new Level(bid.doubleValue(), c.depth, 1));
      BigDecimal next = bid.subtract(PriceGrid.tick(bid, d));
      bid = next.signum() > 0 ? PriceGrid.floorValid(next, d) : BigDecimal.ZERO;
    }
    for (int i = 0; i < BOOK_LEVELS; i++) {
      c.asks.add(new Level(ask.doubleValue(), c.depth, 1));
      ask = PriceGrid.ceilValid(ask.add(PriceGrid.tick(ask, d)), d);
    }
  }

  private static void checkSide(CoinState c, List<BookLevel> side, String name, boolean descending) {
    for (int i = 0; i < side.size(); i++) {
      BookLevel l = side.get(i);
      if (!(l.px() > 0) || !PriceGrid.validPrice(BigDecimal.valueOf(l.px()), c.szDecimals)) {
        throw new IllegalArgumentException(name + "[" + i + "].px " + l.px() + " is not a valid " + c.name
            + " price (5 significant figures, at most " + (6 - c.szDecimals) + " decimals)");
      }
      if (!(l.sz() > 0) || !PriceGrid.validSize(BigDecimal.valueOf(l.sz()), c.szDecimals)) {
        throw new IllegalArgumentException(name + "[" + i + "].sz " + l.sz() + " must be > 0 with at most "
            + c.szDecimals + " decimals (" + c.name + ")");
      }
      if (i > 0 && (descending ? l.px() >= side.get(i - 1).px() : l.px() <= side.get(i - 1).px())) {
        throw new IllegalArgumentException(name + " of " + c.name + " must be strictly "
            + (descending ? "descending" : "ascending") + " in px, was " + side);
      }
    }
  }

  private static List<BookLevel> levels(List<Level> side) {
    return side.stream().limit(BOOK_LEVELS).map(l -> new BookLevel(l.px, l.sz, l.n)).toList();
  }

  private static ObjectNode ok(String type, ArrayNode statuses) {
    ObjectNode r = NODES.objectNode();
    r.put("status", "ok");
    ObjectNode resp = r.putObject("response");
    resp.put("type", type);
    resp.putObject("data").set("statuses", statuses);
    return r;
  }

  private static ObjectNode err(String message) {
    ObjectNode r = NODES.objectNode();
    r.put("status", "err");
    r.put("response", message);
    return r;
  }

  private static ObjectNode error(String text) {
    ObjectNode s = NODES.objectNode();
    s.put("error", text);
    return s;
  }

  private static BigDecimal decimal(String s) {
    try {
      return new BigDecimal(s);
    } catch (NumberFormatException e) {
      return null; // the caller answers "invalid price/size", as the exchange does for an unparsable number
    }
  }

  private static String address(String user, String what) {
    if (user == null || !ADDRESS.matcher(user).matches()) {
      throw new IllegalArgumentException(what + " must be 0x + 40 hex, was \"" + user + "\"");
    }
    return user.toLowerCase(Locale.ROOT);
  }

  private static void positiveFinite(double x, String name) {
    if (!(x > 0) || Double.isInfinite(x)) {
      throw new IllegalArgumentException(name + " must be positive and finite, was " + x);
    }
  }

  private static void nonNegativeFinite(double x, String name) {
    if (!(x >= 0) || Double.isInfinite(x)) {
      throw new IllegalArgumentException(name + " must be >= 0 and finite, was " + x);
    }
  }

  private static JsonNode field(JsonNode n, String name) {
    JsonNode v = n == null ? null : n.get(name);
    if (v == null || v.isNull()) {
      throw new BadRequest("missing field `" + name + "`");
    }
    return v;
  }

  private static ObjectNode object(JsonNode n, String name) {
    JsonNode v = field(n, name);
    if (!v.isObject()) {
      throw new BadRequest("field `" + name + "` must be an object, was " + v);
    }
    return (ObjectNode) v;
  }

  private static String text(JsonNode n, String name) {
    JsonNode v = field(n, name);
    if (!v.isTextual()) {
      throw new BadRequest("field `" + name + "` must be a string, was " + v);
    }
    return v.asText();
  }

  private static Optional<String> optionalText(JsonNode n, String name) {
    JsonNode v = n.get(name);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isTextual()) {
      throw new BadRequest("field `" + name + "` must be a string or null, was " + v);
    }
    return Optional.of(v.asText());
  }

  private static long longValue(JsonNode n, String name) {
    JsonNode v = field(n, name);
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw new BadRequest("field `" + name + "` must be an integer, was " + v);
    }
    return v.asLong();
  }

  private static OptionalLong optionalLong(JsonNode n, String name) {
    JsonNode v = n.get(name);
    return v == null || v.isNull() ? OptionalLong.empty() : OptionalLong.of(longValue(n, name));
  }

  private static int intValue(JsonNode n, String name) {
    JsonNode v = field(n, name);
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw new BadRequest("field `" + name + "` must be an integer, was " + v);
    }
    return v.asInt();
  }

  private static boolean bool(JsonNode n, String name) {
    JsonNode v = field(n, name);
    if (!v.isBoolean()) {
      throw new BadRequest("field `" + name + "` must be a boolean, was " + v);
    }
    return v.asBoolean();
  }

  // ---------------------------------------------------------------- state

  private static final class CoinState {
    final int asset;
    final String name;
    final int szDecimals;
    final List<Level> bids = new ArrayList<>();
    final List<Level> asks = new ArrayList<>();
    final Map<String, TreeMap<Long, Candle>> candles = new HashMap<>();
    final List<FundingRate> funding = new ArrayList<>();
    double spreadBps;
    double depth;
    double mid;
    double dayNtlVlm;
    double openInterest;
    double prevDayPx;
    boolean delisted;

    CoinState(int asset, String name, int szDecimals) {
      this.asset = asset;
      this.name = name;
      this.szDecimals = szDecimals;
    }
  }

  private static final class Level {
    final double px;
    double sz;
    final int n;

    Level(double px, double sz, int n) {
      this.px = px;
      this.sz = sz;
      this.n = n;
    }
  }

  private static final class Pos {
    double szi;
    double entryPx;
    double cumAll;
    double cumSinceOpen;
    double cumSinceChange;
  }

  private static final class Account {
    final String user;
    final Map<String, Pos> positions = new LinkedHashMap<>();
    final TreeSet<Long> nonces = new TreeSet<>();
    final List<FakeFill> fills = new ArrayList<>();
    final Map<String, Order> ordersByCloid = new HashMap<>();
    double cash;
    OptionalLong scheduledCancelMs = OptionalLong.empty();

    Account(String user) {
      this.user = user;
    }

    double szi(String coin) {
      Pos p = positions.get(coin);
      return p == null ? 0 : p.szi;
    }
  }

  private static final class Order {
    final long oid;
    final String user;
    final CoinState coin;
    final boolean isBuy;
    final double limitPx;
    final double origSz;
    final Tif tif;
    final boolean reduceOnly;
    final Optional<String> cloid;
    final long timestampMs;
    final Optional<Trigger> trigger;
    double sz;
    double filledSz;
    String status = "open";
    long statusTimestampMs;
    boolean triggered;

    Order(long oid, String user, CoinState coin, boolean isBuy, double limitPx, double origSz, Tif tif,
        boolean reduceOnly, Optional<String> cloid, long timestampMs, Optional<Trigger> trigger) {
      this.oid = oid;
      this.user = user;
      this.coin = coin;
      this.isBuy = isBuy;
      this.limitPx = limitPx;
      this.origSz = origSz;
      this.sz = origSz;
      this.tif = tif;
      this.reduceOnly = reduceOnly;
      this.cloid = cloid;
      this.timestampMs = timestampMs;
      this.statusTimestampMs = timestampMs;
      this.trigger = trigger;
    }

    /** @return whether this is a trigger order that is open and has not fired: it is not on the book */
    boolean waitingTrigger() {
      return trigger.isPresent() && !triggered && isOpen();
    }

    boolean isOpen() {
      return "open".equals(status);
    }

    FakeOrder snapshot() {
      return new FakeOrder(oid, user, coin.name, isBuy, limitPx, origSz, sz, filledSz, tif, reduceOnly, cloid,
          status, timestampMs, statusTimestampMs, trigger, triggered);
    }
  }
}
