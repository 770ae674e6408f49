package io.slipstream.live.hl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slipstream.core.BarInterval;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;

/**
 * The Hyperliquid REST client: {@link InfoApi} over {@code POST /info} and {@link ExchangeApi} over
 * {@code POST /exchange} (API.md "Info requests", "Exchange actions"), through an {@link HttpTransport} (weight
 * budget, timeout, retries).
 *
 * <p>Replies are decoded into the package's records. Numbers arrive as strings and are parsed with
 * {@link Double#parseDouble}; a reply that is not JSON, or that lacks a field or carries one that does not parse, is
 * an {@link ExchangeException} naming the request type and the field.
 *
 * <p>Exchange actions are built by {@link Actions}, signed by the {@link ActionSigner} with a nonce from
 * {@link Nonces} (strictly increasing epoch ms), and sent as
 * {@code {"action","nonce","signature":{"r","s","v"},"vaultAddress":null|"0x..","expiresAfter":null}}. A client
 * built without a signer is read-only: every exchange call throws {@link IllegalStateException}.
 *
 * <p>Thread-safe (the transport, the limiter and the nonce source are).
 */
public final class HyperliquidClient implements InfoApi, ExchangeApi {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final int EXCERPT_CHARS = 120;

  /**
   * Strictly increasing millisecond nonces: {@code next = max(now, last + 1)}. Thread-safe. The exchange accepts a
   * nonce within (now - 2 days, now + 1 day) and unique among the signer's 100 highest, so a burst of more than
   * one action per millisecond runs slightly ahead of the clock, which is harmless.
   */
  public static final class Nonces {
    private final LongSupplier clockMs;
    private final AtomicLong last = new AtomicLong(Long.MIN_VALUE);

    /**
     * @param clockMs the current time, epoch ms
     * @throws IllegalArgumentException when null
     */
    public Nonces(LongSupplier clockMs) {
      if (clockMs == null) {
        throw new IllegalArgumentException("Argument 'clockMs' must not be null");
      }
      this.clockMs = clockMs;
    }

    /** @return nonces on {@link System#currentTimeMillis()} */
    public static Nonces system() {
      return new Nonces(System::currentTimeMillis);
    }

    /** @return the next nonce, epoch ms, greater than every earlier one */
    public long next() {
      long now = clockMs.getAsLong();
      return last.updateAndGet(prev -> prev == Long.MIN_VALUE ? now : Math.max(now, prev + 1));
    }
  }

  private final Network network;
  private final Optional<ActionSigner> signer;
  private final HttpTransport transport;
  private final Optional<String> vaultAddress;
  private final Optional<String> accountAddress;
  private final Nonces nonces;

  /**
   * @param network where to send requests and how to sign (source "a"/"b")
   * @param signer the action signer; empty for a read-only client
   * @param transport the HTTP transport (it carries the rate limiter)
   * @param vaultAddress a vault or sub-account to trade for ({@code 0x} + 40 hex, sent lowercase), if any
   * @param nonces the nonce source
   * @throws IllegalArgumentException when an argument is null or the vault address is malformed
   */
  public HyperliquidClient(Network network, Optional<ActionSigner> signer, HttpTransport transport,
      Optional<String> vaultAddress, Nonces nonces) {
    if (network == null || signer == null || transport == null || vaultAddress == null || nonces == null) {
      throw new IllegalArgumentException("HyperliquidClient arguments must not be null");
    }
    this.network = network;
    this.signer = signer;
    this.transport = transport;
    this.vaultAddress = vaultAddress.map(v -> address(v, "vaultAddress"));
    this.accountAddress = Optional.empty();
    this.nonces = nonces;
  }

  private HyperliquidClient(HyperliquidClient c, String account) {
    this.network = c.network;
    this.signer = c.signer;
    this.transport = c.transport;
    this.vaultAddress = c.vaultAddress;
    this.accountAddress = Optional.of(address(account, "account"));
    this.nonces = c.nonces;
  }

  /**
   * A client whose signed actions are checked against {@code account}'s orders after an unknown outcome (see
   * {@link #placeOrders}); it shares this client's transport, limiter and nonce source.
   *
   * @param account the account the signer trades for ({@code 0x} + 40 hex): the master of an API wallet, or the
   *     vault; a vault address set on this client wins
   * @return the copy
   * @throws IllegalArgumentException when the address is malformed
   */
  public HyperliquidClient forAccount(String account) {
    return new HyperliquidClient(this, account);
  }

  /**
   * @return the account whose orders the exchange actions act on: the vault when set, else the account given to
   *     {@link #forAccount}, else the signer's own address
   * @throws IllegalStateException for a read-only client without an account
   */
  public String tradedAccount() {
    return vaultAddress.or(() -> accountAddress).or(() -> signer.map(ActionSigner::address))
        .orElseThrow(() -> new IllegalStateException("no signer: read-only client"));
  }

  /**
   * A client on the system clock with a real sleeper.
   *
   * @param network where to send requests and how to sign
   * @param signer the action signer; empty for a read-only client
   * @param limiter the weight budget (share one per IP)
   * @param settings timeouts, attempts, backoff
   * @param vaultAddress a vault or sub-account to trade for, if any
   * @param nonces the nonce source
   * @throws IllegalArgumentException when an argument is null or the vault address is malformed
   */
  public HyperliquidClient(Network network, Optional<ActionSigner> signer, RateLimiter limiter,
      HttpTransport.Settings settings, Optional<String> vaultAddress, Nonces nonces) {
    this(network, signer, HttpTransport.of(settings, limiter), vaultAddress, nonces);
  }

  /**
   * @param network where to send requests and how to sign
   * @return a read-only client with the exchange's default budget, {@link HttpTransport.Settings#DEFAULT} and
   *     system nonces
   */
  public static HyperliquidClient readOnly(Network network) {
    return new HyperliquidClient(network, Optional.empty(), RateLimiter.hyperliquidDefault(),
        HttpTransport.Settings.DEFAULT, Optional.empty(), Nonces.system());
  }

  /** @return the network */
  public Network network() {
    return network;
  }

  /** @return the transport (its attempt counters and limiter) */
  public HttpTransport transport() {
    return transport;
  }

  /** @return the signer's address, when the client can sign */
  public Optional<String> signerAddress() {
    return signer.map(ActionSigner::address);
  }

  // ---------------------------------------------------------------------------------------------- info

  @Override
  public Meta meta() {
    String ctx = "meta";
    JsonNode root = info(request("meta"));
    JsonNode universe = array(root, "universe", ctx);
    List<AssetMeta> assets = new ArrayList<>();
    for (int i = 0; i < universe.size(); i++) {
      JsonNode a = universe.get(i);
      String c = ctx + " universe[" + i + "]";
      JsonNode delisted = a.get("isDelisted");
      boolean isDelisted = delisted != null && !delisted.isNull() && bool(a, "isDelisted", c);
      assets.add(new AssetMeta(i, str(a, "name", c), integer(a, "szDecimals", c), integer(a, "maxLeverage", c),
          isDelisted));
    }
    return new Meta(assets);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Paging: request {@code [cursor, endMs]} (cursor starts at {@code startMs}); if the reply is non-empty and its
   * latest open time {@code lastT} is before the last open time wanted ({@code endMs} floored to the interval),
   * request again from {@code lastT + 1}; stop on an empty reply or when the cursor would not advance. Candles are
   * keyed by open time (a later page replaces an overlapping one) and kept only inside {@code [startMs, endMs]}.
   *
   * @throws IllegalArgumentException when the coin is blank or {@code startMs > endMs}
   */
  @Override
  public List<Candle> candles(String coin, BarInterval interval, long startMs, long endMs) {
    coin(coin);
    window(startMs, endMs);
    long step = interval.millis();
    long lastWanted = endMs - Math.floorMod(endMs, step);
    TreeMap<Long, Candle> byOpen = new TreeMap<>();
    long cursor = startMs;
    while (true) {
      ObjectNode req = request("candleSnapshot");
      req.putObject("req").put("coin", coin).put("interval", interval.label()).put("startTime", cursor)
          .put("endTime", endMs);
      JsonNode reply = info(req);
      String ctx = "candleSnapshot " + coin + " " + interval.label();
      if (!reply.isArray()) {
        throw garbled(ctx, "reply", reply);
      }
      transport.limiter().charge(RateLimiter.extraInfoWeight("candleSnapshot", reply.size()));
      if (reply.isEmpty()) {
        break;
      }
      long lastT = Long.MIN_VALUE;
      for (int i = 0; i < reply.size(); i++) {
        Candle c = decodeCandle(reply.get(i), ctx + " [" + i + "]");
        lastT = Math.max(lastT, c.openMs());
        if (c.openMs() >= startMs && c.openMs() <= endMs) {
          byOpen.put(c.openMs(), c);
        }
      }
      if (lastT >= lastWanted || lastT + 1 <= cursor) {
        break;
      }
      cursor = lastT + 1;
    }
    return List.copyOf(byOpen.values());
  }

  /**
   * {@inheritDoc}
   *
   * <p>Paging as {@link #candles}, on {@code time}: from {@code lastTime + 1} while the reply is non-empty, its
   * latest time is before {@code endMs} and the cursor advances.
   *
   * @throws IllegalArgumentException when the coin is blank or {@code startMs > endMs}
   */
  @Override
  public List<FundingRate> fundingHistory(String coin, long startMs, long endMs) {
    coin(coin);
    window(startMs, endMs);
    TreeMap<Long, FundingRate> byTime = new TreeMap<>();
    long cursor = startMs;
    while (true) {
      ObjectNode req = request("fundingHistory").put("coin", coin).put("startTime", cursor).put("endTime", endMs);
      JsonNode reply = info(req);
      String ctx = "fundingHistory " + coin;
      if (!reply.isArray()) {
        throw garbled(ctx, "reply", reply);
      }
      transport.limiter().charge(RateLimiter.extraInfoWeight("fundingHistory", reply.size()));
      if (reply.isEmpty()) {
        break;
      }
      long last = Long.MIN_VALUE;
      for (int i = 0; i < reply.size(); i++) {
        JsonNode r = reply.get(i);
        String c = ctx + " [" + i + "]";
        FundingRate f = new FundingRate(str(r, "coin", c), lng(r, "time", c), num(r, "fundingRate", c),
            num(r, "premium", c));
        last = Math.max(last, f.timeMs());
        if (f.timeMs() >= startMs && f.timeMs() <= endMs) {
          byTime.put(f.timeMs(), f);
        }
      }
      if (last >= endMs || last + 1 <= cursor) {
        break;
      }
      cursor = last + 1;
    }
    return List.copyOf(byTime.values());
  }

  @Override
  public L2Book l2Book(String coin) {
    coin(coin);
    return decodeBook(info(request("l2Book").put("coin", coin)), "l2Book " + coin);
  }

  @Override
  public Map<String, Double> allMids() {
    JsonNode root = info(request("allMids"));
    if (!root.isObject()) {
      throw garbled("allMids", "reply", root);
    }
    TreeMap<String, Double> mids = new TreeMap<>();
    root.fieldNames().forEachRemaining(k -> mids.put(k, num(root, k, "allMids")));
    return Collections.unmodifiableMap(mids);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Positions with {@code szi == 0} are left out; an absent or null {@code entryPx} is NaN.
   *
   * @throws IllegalArgumentException when the user is not {@code 0x} + 40 hex
   */
  @Override
  public AccountState clearinghouseState(String user) {
    String u = address(user, "user");
    String ctx = "clearinghouseState";
    JsonNode root = info(request("clearinghouseState").put("user", u));
    JsonNode aps = array(root, "assetPositions", ctx);
    List<Position> positions = new ArrayList<>();
    for (int i = 0; i < aps.size(); i++) {
      String c = ctx + " assetPositions[" + i + "].position";
      JsonNode p = field(aps.get(i), "position", ctx + " assetPositions[" + i + "]");
      double szi = num(p, "szi", c);
      if (szi == 0) {
        continue;
      }
      JsonNode entry = p.get("entryPx");
      double entryPx = entry == null || entry.isNull() ? Double.NaN : num(p, "entryPx", c);
      positions.add(new Position(str(p, "coin", c), szi, entryPx, num(p, "positionValue", c),
          num(p, "unrealizedPnl", c)));
    }
    JsonNode margin = field(root, "marginSummary", ctx);
    return new AccountState(positions, num(margin, "accountValue", ctx + " marginSummary"),
        num(margin, "totalNtlPos", ctx + " marginSummary"), num(root, "withdrawable", ctx), lng(root, "time", ctx));
  }

  @Override
  public List<OpenOrder> openOrders(String user) {
    String u = address(user, "user");
    JsonNode root = info(request("openOrders").put("user", u));
    if (!root.isArray()) {
      throw garbled("openOrders", "reply", root);
    }
    List<OpenOrder> orders = new ArrayList<>();
    for (int i = 0; i < root.size(); i++) {
      orders.add(decodeOrder(root.get(i), "openOrders [" + i + "]"));
    }
    return List.copyOf(orders);
  }

  /**
   * The account's open orders with their trigger fields ({@code frontendOpenOrders}, weight 20): trigger orders
   * waiting for their price carry {@code isTrigger: true}, their {@code triggerPx} and an {@code orderType} such as
   * {@code "Stop Market"}.
   *
   * @param user the account, {@code 0x} + 40 hex
   * @return the open orders, in the exchange's order
   * @throws IllegalArgumentException when the user is not {@code 0x} + 40 hex
   * @throws ExchangeException on transport failure or a malformed reply (naming the field)
   */
  public List<FrontendOrder> frontendOpenOrders(String user) {
    String u = address(user, "user");
    JsonNode root = info(request("frontendOpenOrders").put("user", u));
    if (!root.isArray()) {
      throw garbled("frontendOpenOrders", "reply", root);
    }
    List<FrontendOrder> orders = new ArrayList<>();
    for (int i = 0; i < root.size(); i++) {
      JsonNode o = root.get(i);
      String c = "frontendOpenOrders [" + i + "]";
      boolean trigger = bool(o, "isTrigger", c);
      orders.add(new FrontendOrder(decodeOrder(o, c), trigger, trigger ? num(o, "triggerPx", c) : Double.NaN,
          str(o, "orderType", c), bool(o, "reduceOnly", c)));
    }
    return List.copyOf(orders);
  }

  @Override
  public List<Fill> userFills(String user) {
    String u = address(user, "user");
    JsonNode root = info(request("userFills").put("user", u));
    if (!root.isArray()) {
      throw garbled("userFills", "reply", root);
    }
    transport.limiter().charge(RateLimiter.extraInfoWeight("userFills", root.size()));
    List<Fill> fills = new ArrayList<>();
    for (int i = 0; i < root.size(); i++) {
      fills.add(decodeFill(root.get(i), "userFills [" + i + "]"));
    }
    return List.copyOf(fills);
  }

  @Override
  public OrderQuery orderStatus(String user, String cloid) {
    cloid(cloid);
    return orderStatus(request("orderStatus").put("user", address(user, "user")).put("oid", cloid));
  }

  /**
   * {@code orderStatus} by exchange order id.
   *
   * @param user the account address
   * @param oid the exchange order id
   * @return the order's status, {@link OrderQuery#UNKNOWN} when the exchange does not know it for this user
   * @throws IllegalArgumentException when the user is not {@code 0x} + 40 hex
   */
  public OrderQuery orderStatus(String user, long oid) {
    return orderStatus(request("orderStatus").put("user", address(user, "user")).put("oid", oid));
  }

  /**
   * The role of an address ({@code {"type":"userRole","user"}}): {@code {"role":"missing"|"user"|"vault"}},
   * {@code {"role":"agent","data":{"user":master}}} or {@code {"role":"subAccount","data":{"master":master}}}.
   *
   * @param user an address
   * @return its role and, for an agent or a sub-account, the account that controls it
   * @throws IllegalArgumentException when the address is not {@code 0x} + 40 hex
   * @throws ExchangeException on transport failure or a malformed reply
   */
  public UserRole userRole(String user) {
    String ctx = "userRole";
    JsonNode root = info(request("userRole").put("user", address(user, "user")));
    String role = str(root, "role", ctx);
    Optional<String> master = Optional.empty();
    if (role.equals("agent")) {
      master = Optional.of(str(field(root, "data", ctx), "user", ctx + " data").toLowerCase(Locale.ROOT));
    } else if (role.equals("subAccount")) {
      master = Optional.of(str(field(root, "data", ctx), "master", ctx + " data").toLowerCase(Locale.ROOT));
    }
    return new UserRole(role, master);
  }

  /**
   * The leader of a vault ({@code {"type":"vaultDetails","vaultAddress"}}, field {@code leader}).
   *
   * @param vault the vault address
   * @return its leader's address, lowercase
   * @throws ExchangeException on transport failure or a reply without a leader (not a vault)
   */
  public String vaultLeader(String vault) {
    JsonNode root = info(request("vaultDetails").put("vaultAddress", address(vault, "vault")));
    return str(root, "leader", "vaultDetails").toLowerCase(Locale.ROOT);
  }

  private OrderQuery orderStatus(ObjectNode req) {
    String ctx = "orderStatus";
    JsonNode root = info(req);
    String status = str(root, "status", ctx);
    if (status.equals("unknownOid")) {
      return OrderQuery.UNKNOWN;
    }
    if (!status.equals("order")) {
      throw garbled(ctx, "status", root.get("status"));
    }
    JsonNode o = field(root, "order", ctx);
    return new OrderQuery(true, Optional.of(decodeOrder(field(o, "order", ctx + " order"), ctx + " order.order")),
        str(o, "status", ctx + " order"), lng(o, "statusTimestamp", ctx + " order"));
  }

  // ---------------------------------------------------------------------------------------------- exchange

  /**
   * {@inheritDoc}
   *
   * <p>Unknown outcome (a timeout, HTTP 5xx or a connection lost after sending, see
   * {@link HttpTransport#postSigned}): the request is never resent as it was. Each order is looked up by its client
   * id ({@code orderStatus} for {@link #tradedAccount()}); an order the exchange knows gets the acknowledgement its
   * status implies (open: resting; filled or cancelled after fills: filled, with size and average price from
   * {@code userFills}; a rejection status: rejected), and only the orders it does not know are signed again with a
   * fresh nonce, up to {@link HttpTransport.Settings#maxAttempts()} rounds. A rejection of a resent order is checked
   * the same way: the exchange refuses a cloid it has seen, so a "duplicate" of an order that landed takes that
   * order's status, and counts as its acknowledgement.
   *
   * @throws IllegalStateException when the client has no signer
   * @throws IllegalArgumentException when the list is empty or a price or size has no wire form
   * @throws ExchangeException on transport failure, {@code "status":"err"}, a reply with a different number of
   *     statuses than orders, or an unknown outcome for orders without a cloid (they cannot be looked up) or after
   *     the last round
   */
  @Override
  public List<OrderAck> placeOrders(List<OrderRequest> orders) {
    String ctx = "exchange order";
    OrderAck[] acks = new OrderAck[orders.size()];
    List<Integer> pending = indexes(orders.size());
    boolean resent = false;
    for (int round = 1; !pending.isEmpty(); round++) {
      List<OrderRequest> batch = pick(orders, pending);
      JsonNode statuses;
      try {
        statuses = statuses(postAction("order", Actions.order(batch)), "order", ctx);
      } catch (ExchangeException e) {
        if (!e.outcomeUnknown()) {
          throw e;
        }
        if (batch.stream().anyMatch(o -> o.cloid().isEmpty())) {
          throw new ExchangeException(e.getMessage() + "; orders without a client id cannot be looked up",
              e.httpStatus(), e, true);
        }
        if (round >= maxRounds()) {
          throw e;
        }
        List<Integer> unknown = new ArrayList<>();
        for (int i : pending) {
          Optional<OrderAck> landed = landed(orders.get(i));
          if (landed.isPresent()) {
            acks[i] = landed.get();
          } else {
            unknown.add(i);
          }
        }
        pending = unknown;
        resent = true;
        continue;
      }
      if (statuses.size() != batch.size()) {
        throw new ExchangeException(ctx + ": " + statuses.size() + " statuses for " + batch.size() + " orders");
      }
      for (int k = 0; k < statuses.size(); k++) {
        OrderAck a = decodeAck(statuses.get(k), ctx + " statuses[" + k + "]");
        OrderRequest o = batch.get(k);
        if (resent && a instanceof OrderAck.Rejected && o.cloid().isPresent()) {
          a = landed(o).orElse(a);
        }
        acks[pending.get(k)] = a;
      }
      pending = List.of();
    }
    return List.of(acks);
  }

  /**
   * What became of an order the exchange may have received, by its client id.
   *
   * @return the acknowledgement its status implies, or empty when the exchange does not know it
   */
  private Optional<OrderAck> landed(OrderRequest o) {
    String account = tradedAccount();
    OrderQuery q = orderStatus(account, o.cloid().orElseThrow());
    if (!q.known()) {
      return Optional.empty();
    }
    long oid = q.order().map(OpenOrder::oid).orElse(-1L);
    String st = q.status();
    if (st.equals("open")) {
      return Optional.of(new OrderAck.Resting(oid));
    }
    double sz = 0;
    double notional = 0;
    for (Fill f : userFills(account)) {
      if (f.oid() == oid) {
        sz += f.sz();
        notional += f.sz() * f.px();
      }
    }
    if (sz > 0) {
      return Optional.of(new OrderAck.Filled(sz, notional / sz, oid));
    }
    String note = " (orderStatus of " + o.coin() + " order " + o.cloid().get() + ": " + st + ")";
    return Optional.of(new OrderAck.Rejected(switch (st) {
      case "badAloPxRejected" -> "Post only order would have immediately matched" + note;
      case "minTradeNtlRejected" -> "Order must have minimum value of $10." + note;
      case "iocCancelRejected" -> "Order could not immediately match against any resting orders." + note;
      default -> "order " + st + note;
    }));
  }

  /**
   * {@inheritDoc}
   *
   * <p>Unknown outcome: each order is looked up by cloid; one that no longer rests counts as cancelled when its
   * status is {@code canceled} and answers {@code "order is <status>"} otherwise; only those still open are
   * cancelled again (fresh nonce). A refusal of a resent cancel for an order whose status is now {@code canceled}
   * counts as {@code "success"}: the first request landed.
   *
   * @throws IllegalStateException when the client has no signer
   * @throws ExchangeException on transport failure, {@code "status":"err"} or a malformed reply
   */
  @Override
  public List<String> cancelByCloid(List<CloidCancel> cancels) {
    String account = tradedAccount();
    return checkedCancels("cancelByCloid", cancels.size(), idx -> Actions.cancelByCloid(pick(cancels, idx)),
        i -> orderStatus(account, cancels.get(i).cloid()));
  }

  /**
   * {@inheritDoc}
   *
   * <p>Unknown outcome: as {@link #cancelByCloid}, the orders looked up by oid.
   *
   * @throws IllegalStateException when the client has no signer
   * @throws ExchangeException on transport failure, {@code "status":"err"} or a malformed reply
   */
  @Override
  public List<String> cancel(List<OidCancel> cancels) {
    String account = tradedAccount();
    return checkedCancels("cancel", cancels.size(), idx -> Actions.cancel(pick(cancels, idx)),
        i -> orderStatus(account, cancels.get(i).oid()));
  }

  private List<String> checkedCancels(String name, int n, Function<List<Integer>, ObjectNode> action,
      IntFunction<OrderQuery> status) {
    String ctx = "exchange " + name;
    String[] out = new String[n];
    List<Integer> pending = indexes(n);
    boolean resent = false;
    for (int round = 1; !pending.isEmpty(); round++) {
      List<String> got;
      try {
        got = cancelStatuses(postAction(name, action.apply(pending)), pending.size(), ctx);
      } catch (ExchangeException e) {
        if (!e.outcomeUnknown() || round >= maxRounds()) {
          throw e;
        }
        List<Integer> open = new ArrayList<>();
        for (int i : pending) {
          OrderQuery q = status.apply(i);
          if (q.known() && q.status().equals("open")) {
            open.add(i);
          } else {
            out[i] = !q.known() ? "order unknown to the exchange" : q.status().equals("canceled") ? "success"
                : "order is " + q.status();
          }
        }
        pending = open;
        resent = true;
        continue;
      }
      for (int k = 0; k < got.size(); k++) {
        String r = got.get(k);
        int i = pending.get(k);
        if (resent && !r.equals("success")) {
          OrderQuery q = status.apply(i);
          if (q.known() && q.status().equals("canceled")) {
            r = "success";
          }
        }
        out[i] = r;
      }
      pending = List.of();
    }
    return List.of(out);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Unknown outcome: the exchange offers no query of the switch, and setting it (or unsetting it) again leaves the
   * same state, so the action is signed again with a fresh nonce, up to {@link HttpTransport.Settings#maxAttempts()}
   * rounds; a request that reached the exchange twice is therefore harmless and never reported as a failure.
   *
   * @throws IllegalStateException when the client has no signer
   * @throws ExchangeException on transport failure or {@code "status":"err"} (e.g. a time less than 5 s ahead); with
   *     {@link ExchangeException#outcomeUnknown()} when the last round's outcome is unknown (the switch may be set)
   */
  @Override
  public void scheduleCancel(OptionalLong timeMs) {
    for (int round = 1; ; round++) {
      try {
        postAction("scheduleCancel", Actions.scheduleCancel(timeMs));
        return;
      } catch (ExchangeException e) {
        if (!e.outcomeUnknown() || round >= maxRounds()) {
          throw e;
        }
      }
    }
  }

  private int maxRounds() {
    return transport.settings().maxAttempts();
  }

  private static <T> List<T> pick(List<T> all, List<Integer> idx) {
    List<T> out = new ArrayList<>();
    idx.forEach(i -> out.add(all.get(i)));
    return out;
  }

  private static List<Integer> indexes(int n) {
    List<Integer> l = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      l.add(i);
    }
    return l;
  }

  /**
   * Signs one action with a fresh nonce and posts it once ({@link HttpTransport#postSigned}).
   *
   * @param name the action type, for messages
   * @param action the action
   * @return the reply's {@code response} (present when {@code "status":"ok"})
   */
  private JsonNode postAction(String name, ObjectNode action) {
    ActionSigner s = signer.orElseThrow(() -> new IllegalStateException("no signer: read-only client"));
    long nonce = nonces.next();
    Signature sig = s.sign(action, nonce, vaultAddress, OptionalLong.empty(), network);
    String body = exchangeBody(action, nonce, sig, vaultAddress);
    String ctx = "exchange " + name;
    JsonNode root = parse(transport.postSigned(network.exchangeUri(), ctx, body,
        RateLimiter.exchangeWeight(Actions.batchLength(action))), ctx);
    String status = str(root, "status", ctx);
    if (status.equals("err")) {
      JsonNode msg = root.get("response");
      throw new ExchangeException(ctx + ": " + (msg == null ? "(no message)" : msg.isTextual() ? msg.asText()
          : excerpt(msg.toString())), 200, null);
    }
    if (!status.equals("ok")) {
      throw garbled(ctx, "status", root.get("status"));
    }
    return field(root, "response", ctx);
  }

  /**
   * The {@code /exchange} body, keys in the SDKs' order.
   *
   * @param action the action
   * @param nonceMs its nonce
   * @param sig its signature
   * @param vault the vault address, if any
   * @return {@code {"action":..,"nonce":..,"signature":{"r","s","v"},"vaultAddress":..,"expiresAfter":null}}
   */
  static String exchangeBody(ObjectNode action, long nonceMs, Signature sig, Optional<String> vault) {
    ObjectNode body = F.objectNode();
    body.set("action", action);
    body.put("nonce", nonceMs);
    body.putObject("signature").put("r", sig.rHex()).put("s", sig.sHex()).put("v", sig.v());
    if (vault.isPresent()) {
      body.put("vaultAddress", vault.get());
    } else {
      body.putNull("vaultAddress");
    }
    body.putNull("expiresAfter");
    try {
      return JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise an exchange body (" + action.get("type") + ")", e);
    }
  }

  private static JsonNode statuses(JsonNode response, String type, String ctx) {
    JsonNode t = response.get("type");
    if (t == null || !type.equals(t.asText())) {
      throw garbled(ctx, "response.type", t);
    }
    return array(field(response, "data", ctx + " response"), "statuses", ctx + " response.data");
  }

  private static List<String> cancelStatuses(JsonNode response, int expected, String ctx) {
    JsonNode statuses = statuses(response, "cancel", ctx);
    if (statuses.size() != expected) {
      throw new ExchangeException(ctx + ": " + statuses.size() + " statuses for " + expected + " cancels");
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < statuses.size(); i++) {
      JsonNode st = statuses.get(i);
      if (st.isTextual() && st.asText().equals("success")) {
        out.add("success");
      } else if (st.isObject() && st.has("error")) {
        out.add(str(st, "error", ctx + " statuses[" + i + "]"));
      } else {
        throw garbled(ctx, "statuses[" + i + "]", st);
      }
    }
    return List.copyOf(out);
  }

  // ---------------------------------------------------------------------------------------------- decoding

  private static ObjectNode request(String type) {
    return F.objectNode().put("type", type);
  }

  private JsonNode info(ObjectNode req) {
    String type = req.get("type").asText();
    String ctx = "info " + type;
    String body;
    try {
      body = JSON.writeValueAsString(req);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise an info request (" + type + ")", e);
    }
    return parse(transport.post(network.infoUri(), ctx, body, RateLimiter.infoWeight(type)), ctx);
  }

  /**
   * @param text a reply
   * @param ctx the request, for messages
   * @return its JSON tree
   * @throws ExchangeException when it is not JSON
   */
  static JsonNode parse(String text, String ctx) {
    try {
      JsonNode n = JSON.readTree(text);
      if (n == null || n.isMissingNode()) {
        throw new ExchangeException(ctx + ": empty reply");
      }
      return n;
    } catch (JsonProcessingException e) {
      throw new ExchangeException(ctx + ": reply is not JSON: " + excerpt(text), -1, e);
    }
  }

  /** Decodes one candle {@code {t, T, s, i, o, c, h, l, v, n}}. */
  static Candle decodeCandle(JsonNode c, String ctx) {
    return new Candle(str(c, "s", ctx), str(c, "i", ctx), lng(c, "t", ctx), lng(c, "T", ctx), num(c, "o", ctx),
        num(c, "h", ctx), num(c, "l", ctx), num(c, "c", ctx), num(c, "v", ctx), lng(c, "n", ctx));
  }

  /** Decodes a book {@code {coin, time, levels:[bids, asks]}} (REST reply and WebSocket data). */
  static L2Book decodeBook(JsonNode b, String ctx) {
    JsonNode levels = array(b, "levels", ctx);
    if (levels.size() != 2) {
      throw garbled(ctx, "levels", levels);
    }
    return new L2Book(str(b, "coin", ctx), lng(b, "time", ctx), decodeLevels(levels.get(0), ctx + " bids"),
        decodeLevels(levels.get(1), ctx + " asks"));
  }

  private static List<BookLevel> decodeLevels(JsonNode side, String ctx) {
    if (!side.isArray()) {
      throw garbled(ctx, "levels", side);
    }
    List<BookLevel> out = new ArrayList<>();
    for (int i = 0; i < side.size(); i++) {
      JsonNode l = side.get(i);
      String c = ctx + "[" + i + "]";
      out.add(new BookLevel(num(l, "px", c), num(l, "sz", c), integer(l, "n", c)));
    }
    return out;
  }

  /**
   * Decodes an order {@code {coin, side, limitPx, sz, oid, timestamp, cloid?}} (openOrders, orderStatus,
   * WebSocket orderUpdates).
   */
  static OpenOrder decodeOrder(JsonNode o, String ctx) {
    return new OpenOrder(str(o, "coin", ctx), side(o, ctx), num(o, "limitPx", ctx), num(o, "sz", ctx),
        lng(o, "oid", ctx), lng(o, "timestamp", ctx), optionalText(o, "cloid", ctx));
  }

  /**
   * Decodes a fill {@code {coin, px, sz, side, time, oid, crossed, fee, tid, cloid?, ...}} (REST userFills and
   * WebSocket userFills).
   */
  static Fill decodeFill(JsonNode f, String ctx) {
    return new Fill(str(f, "coin", ctx), side(f, ctx), num(f, "px", ctx), num(f, "sz", ctx), lng(f, "time", ctx),
        lng(f, "oid", ctx), lng(f, "tid", ctx), num(f, "fee", ctx), bool(f, "crossed", ctx),
        optionalText(f, "cloid", ctx));
  }

  private static OrderAck decodeAck(JsonNode st, String ctx) {
    if (!st.isObject()) {
      throw garbled(ctx, "status", st);
    }
    if (st.has("resting")) {
      return new OrderAck.Resting(lng(field(st, "resting", ctx), "oid", ctx + ".resting"));
    }
    if (st.has("filled")) {
      JsonNode f = field(st, "filled", ctx);
      String c = ctx + ".filled";
      return new OrderAck.Filled(num(f, "totalSz", c), num(f, "avgPx", c), lng(f, "oid", c));
    }
    if (st.has("error")) {
      return new OrderAck.Rejected(str(st, "error", ctx));
    }
    throw garbled(ctx, "status", st);
  }

  private static boolean side(JsonNode o, String ctx) {
    String s = str(o, "side", ctx);
    if (s.equals("B")) {
      return true;
    }
    if (s.equals("A")) {
      return false;
    }
    throw garbled(ctx, "side", o.get("side"));
  }

  /**
   * @return the field's node
   * @throws ExchangeException naming {@code ctx} and {@code name} when the node is not an object or the field is
   *     absent or null
   */
  static JsonNode field(JsonNode obj, String name, String ctx) {
    if (obj == null || !obj.isObject()) {
      throw new ExchangeException(ctx + ": expected an object holding '" + name + "', got "
          + (obj == null ? "nothing" : excerpt(obj.toString())));
    }
    JsonNode v = obj.get(name);
    if (v == null || v.isNull()) {
      throw new ExchangeException(ctx + ": field '" + name + "' is missing");
    }
    return v;
  }

  static JsonNode array(JsonNode obj, String name, String ctx) {
    JsonNode v = field(obj, name, ctx);
    if (!v.isArray()) {
      throw garbled(ctx, name, v);
    }
    return v;
  }

  static String str(JsonNode obj, String name, String ctx) {
    JsonNode v = field(obj, name, ctx);
    if (!v.isTextual()) {
      throw garbled(ctx, name, v);
    }
    return v.asText();
  }

  /** A finite number sent as a string (or, leniently, as a JSON number). */
  static double num(JsonNode obj, String name, String ctx) {
    JsonNode v = field(obj, name, ctx);
    double d;
    if (v.isTextual()) {
      try {
        d = Double.parseDouble(v.asText());
      } catch (NumberFormatException e) {
        throw garbled(ctx, name, v);
      }
    } else if (v.isNumber()) {
      d = v.doubleValue();
    } else {
      throw garbled(ctx, name, v);
    }
    if (!Double.isFinite(d)) {
      throw garbled(ctx, name, v);
    }
    return d;
  }

  /** An integer sent as a JSON number (or a string of digits). */
  static long lng(JsonNode obj, String name, String ctx) {
    JsonNode v = field(obj, name, ctx);
    if (v.isIntegralNumber() && v.canConvertToLong()) {
      return v.longValue();
    }
    if (v.isTextual()) {
      try {
        return Long.parseLong(v.asText());
      } catch (NumberFormatException e) {
        throw garbled(ctx, name, v);
      }
    }
    throw garbled(ctx, name, v);
  }

  static int integer(JsonNode obj, String name, String ctx) {
    long l = lng(obj, name, ctx);
    if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
      throw garbled(ctx, name, obj.get(name));
    }
    return (int) l;
  }

  static boolean bool(JsonNode obj, String name, String ctx) {
    JsonNode v = field(obj, name, ctx);
    if (!v.isBoolean()) {
      throw garbled(ctx, name, v);
    }
    return v.booleanValue();
  }

  private static Optional<String> optionalText(JsonNode obj, String name, String ctx) {
    JsonNode v = obj.get(name);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isTextual()) {
      throw garbled(ctx, name, v);
    }
    return Optional.of(v.asText());
  }

  static ExchangeException garbled(String ctx, String name, JsonNode v) {
    return new ExchangeException(ctx + ": field '" + name + "' is garbled: "
        + (v == null ? "absent" : excerpt(v.toString())));
  }

  static String excerpt(String s) {
    String flat = s.replaceAll("[\\r\\n\\t]+", " ");
    return flat.length() <= EXCERPT_CHARS ? flat : flat.substring(0, EXCERPT_CHARS) + "...";
  }

  // ---------------------------------------------------------------------------------------------- arguments

  private static String address(String a, String name) {
    if (a == null || !a.matches("0x[0-9a-fA-F]{40}")) {
      throw new IllegalArgumentException("Argument '" + name + "' must be 0x + 40 hex digits, was \"" + a + "\"");
    }
    return a.toLowerCase(Locale.ROOT);
  }

  private static void cloid(String cloid) {
    if (cloid == null || !cloid.matches("0x[0-9a-f]{32}")) {
      throw new IllegalArgumentException("Argument 'cloid' must be 0x + 32 lowercase hex, was \"" + cloid + "\"");
    }
  }

  private static void coin(String coin) {
    if (coin == null || coin.isBlank()) {
      throw new IllegalArgumentException("Argument 'coin' must not be blank, was \"" + coin + "\"");
    }
  }

  private static void window(long startMs, long endMs) {
    if (startMs > endMs) {
      throw new IllegalArgumentException("Argument 'startMs' must be <= endMs (" + endMs + "), was " + startMs);
    }
  }

  @Override
  public String toString() {
    return "HyperliquidClient[" + network.name() + ", " + (signer.isPresent() ? "signing" : "read-only")
        + vaultAddress.map(v -> ", vault " + v).orElse("") + "]";
  }
}
