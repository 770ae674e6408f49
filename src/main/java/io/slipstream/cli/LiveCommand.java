package io.slipstream.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slipstream.core.IoErrors;
import io.slipstream.backtest.BacktestConfig;
import io.slipstream.backtest.ConfigParser;
import io.slipstream.core.ConfigException;
import io.slipstream.live.Clock;
import io.slipstream.live.AccountCheck;
import io.slipstream.live.EmergencyStop;
import io.slipstream.live.LiveConfig;
import io.slipstream.live.LiveHistory;
import io.slipstream.live.LiveTargets;
import io.slipstream.live.LiveVenue;
import io.slipstream.live.Mode;
import io.slipstream.live.PaperExchange;
import io.slipstream.live.PaperVenue;
import io.slipstream.live.RebalanceRunner;
import io.slipstream.live.RiskLimits;
import io.slipstream.live.RiskException;
import io.slipstream.live.Venue;
import io.slipstream.live.alert.AlertConfig;
import io.slipstream.live.alert.Health;
import io.slipstream.live.alert.StatusFile;
import io.slipstream.live.alert.Webhook;
import io.slipstream.live.protect.Protector;
import io.slipstream.live.hl.ActionSigner;
import io.slipstream.live.hl.HttpTransport;
import io.slipstream.live.hl.HyperliquidClient;
import io.slipstream.live.hl.Network;
import io.slipstream.live.hl.PrivateKeySigner;
import io.slipstream.live.hl.RateLimiter;
import io.slipstream.live.hl.WsSession;
import io.slipstream.live.store.AuditStore;
import io.slipstream.live.store.PostgresAuditStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code slipstream live rebalance|stop}: the live adapter's entry points (README "Live trading").
 *
 * <p>Environment: {@code HL_PRIVATE_KEY} (live mode and a live stop on mainnet; never printed),
 * {@code HL_TESTNET_PRIVATE_KEY} (the same on testnet: {@code --testnet} or a testnet endpoint),
 * {@code SLIPSTREAM_ALERT_WEBHOOK} (the alert webhook URL, instead of {@code alerts.webhook_url}; never printed),
 * {@code HL_ACCOUNT_ADDRESS} (the account the key trades when it differs from the key's address, required for an
 * API wallet and verified with the exchange before anything is sent, see {@link AccountCheck}; also lets dry-run
 * read positions), {@code SLIPSTREAM_PG_URL}, {@code SLIPSTREAM_PG_USER}, {@code SLIPSTREAM_PG_PASSWORD} (the audit
 * database; required for paper and live, used by dry-run when set).
 */
@Command(name = "live", mixinStandardHelpOptions = true,
    footerHeading = "%nExample:%n", footer = "  slipstream live rebalance --config config/gradient_live.json --mode paper",
    description = "Run a strategy against Hyperliquid: rebalance (dry-run, paper, live) and the emergency stop.",
    subcommands = {LiveCommand.Rebalance.class, LiveCommand.Stop.class})
final class LiveCommand implements Runnable {
  /** The environment (tests replace it). */
  static Function<String, String> env = System::getenv;
  /** The clock (tests replace it). */
  static Clock clock = Clock.SYSTEM;
  /** Bars of history a new candle cache starts with: the exchange keeps the most recent 5000 candles. */
  static final int HISTORY_BARS = 5000;
  /** Bars re-fetched before the cache's last bar, so a bar revised by the exchange is refreshed. */
  static final int OVERLAP_BARS = 2;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: rebalance or stop");
  }

  /** The parsed config, its live sections and text. */
  private record Loaded(Path file, String text, BacktestConfig backtest, LiveConfig live, String auditText) {
  }

  private static Loaded load(Path file) {
    String text = IoErrors.readConfigText(file, "--config");
    ObjectNode root = ConfigParser.readTree(text, file.toString());
    BacktestConfig bt = ConfigParser.parse(root, file.toString());
    LiveConfig live = LiveConfig.parse(root, bt.params().grossLeverage(), bt.interval().hours());
    // the audit trail keeps the config as run, without the alert webhook's URL (a secret)
    String audit = root.has("alerts") ? AlertConfig.redact(root).toPrettyString() : text;
    return new Loaded(file, text, bt, live, audit);
  }

  /** The signing key's variable on mainnet. */
  static final String KEY_VAR = "HL_PRIVATE_KEY";
  /** The signing key's variable on testnet. */
  static final String TESTNET_KEY_VAR = "HL_TESTNET_PRIVATE_KEY";

  /**
   * The network of the config's endpoint; with {@code --testnet}, testnet: a mainnet endpoint is replaced by the
   * testnet one, a private endpoint (a proxy, the fake exchange in tests) is kept and signed as testnet.
   */
  private static Network network(LiveConfig live, boolean testnet) {
    Network n = Network.of(live.api().endpoint().toString(), true);
    if (testnet && n.name().equals("mainnet")) {
      return Network.TESTNET;
    }
    if (testnet && n.name().equals("custom")) {
      return new Network("custom", n.restBase(), live.api().wsUrl().orElse(n.wsUrl()), false);
    }
    if (n.name().equals("custom")) {
      // a private endpoint (a fake exchange in tests, a proxy): signed as mainnet unless the URL says testnet
      boolean testnetHost = live.api().endpoint().getHost().contains("testnet");
      n = new Network("custom", n.restBase(), live.api().wsUrl().orElse(n.wsUrl()), !testnetHost);
    } else if (live.api().wsUrl().isPresent()) {
      n = new Network(n.name(), n.restBase(), live.api().wsUrl().get(), n.mainnet());
    }
    return n;
  }

  private static HyperliquidClient client(LiveConfig live, Network net, Optional<ActionSigner> signer) {
    HttpTransport.Settings ts = new HttpTransport.Settings(
        Duration.ofMillis(Math.round(live.api().timeoutSeconds() * 1000)), Duration.ofSeconds(5),
        live.api().maxRetries() + 1, Duration.ofMillis(500), Duration.ofSeconds(8));
    return new HyperliquidClient(net, signer, RateLimiter.hyperliquidDefault(), ts, live.api().vaultAddress(),
        HyperliquidClient.Nonces.system());
  }

  private static Optional<AuditStore> store(boolean required) {
    String url = env.apply("SLIPSTREAM_PG_URL");
    if (url == null || url.isBlank()) {
      if (required) {
        throw new Main.UsageException("SLIPSTREAM_PG_URL is not set: paper and live modes keep their state and audit"
            + " trail in PostgreSQL (tools/postgres/start.sh starts a local server)");
      }
      return Optional.empty();
    }
    Map<String, String> m = new HashMap<>();
    for (String k : new String[] {"SLIPSTREAM_PG_URL", "SLIPSTREAM_PG_USER", "SLIPSTREAM_PG_PASSWORD"}) {
      String v = env.apply(k);
      if (v != null) {
        m.put(k, v);
      }
    }
    return Optional.of(PostgresAuditStore.fromEnvironment(m));
  }

  /** The account read: the vault when trading one, else HL_ACCOUNT_ADDRESS or api.account_address, else the key's. */
  private static Optional<String> accountAddress(LiveConfig live, Optional<ActionSigner> signer) {
    return live.api().vaultAddress().or(() -> configuredAccount(live)).or(() -> signer.map(ActionSigner::address));
  }

  /** HL_ACCOUNT_ADDRESS, else api.account_address. */
  private static Optional<String> configuredAccount(LiveConfig live) {
    String fromEnv = env.apply("HL_ACCOUNT_ADDRESS");
    if (fromEnv != null && !fromEnv.isBlank()) {
      if (!fromEnv.matches("0x[0-9a-fA-F]{40}")) {
        throw new Main.UsageException("HL_ACCOUNT_ADDRESS must be 0x + 40 hex digits");
      }
      return Optional.of(fromEnv.toLowerCase(java.util.Locale.ROOT));
    }
    return live.api().accountAddress();
  }

  /**
   * The live venue of the account the key trades, after {@link AccountCheck#verify} (the exchange's roles of the
   * key and the vault): its reads and its checks after a lost reply are for that account, never the signer's.
   */
  private static LiveVenue liveVenue(HyperliquidClient client, LiveConfig live,
      java.util.function.Supplier<io.slipstream.live.hl.UserStream> stream, Consumer<String> log) {
    String user = AccountCheck.verify(client, configuredAccount(live), live.api().vaultAddress(), log);
    HyperliquidClient trading = client.forAccount(user);
    return new LiveVenue(trading, trading, stream.get(), user);
  }

  /** The key of the network: {@value #KEY_VAR} on mainnet, {@value #TESTNET_KEY_VAR} on testnet. */
  private static Optional<ActionSigner> signer(Network net) {
    String var = net.mainnet() ? KEY_VAR : TESTNET_KEY_VAR;
    String key = env.apply(var);
    if (key == null || key.isBlank()) {
      throw new Main.UsageException(var + " is not set: live trading " + (net.mainnet() ? "" : "on testnet ")
          + "signs with the key from the environment");
    }
    try {
      return Optional.of(PrivateKeySigner.fromHex(key));
    } catch (IllegalArgumentException e) {
      throw new Main.UsageException(var + " is not a valid secp256k1 private key");
    }
  }

  private static Consumer<String> logger(PrintWriter out) {
    return line -> {
      out.println(Instant.ofEpochMilli(clock.nowMs()) + " " + line);
      out.flush();
    };
  }

  private static Mode parseMode(String text) {
    try {
      return Mode.of(text);
    } catch (IllegalArgumentException e) {
      throw new Main.UsageException(e.getMessage());
    }
  }

  /** What both subcommands build once the config is loaded: output, log, network, signer and REST client. */
  private record Session(PrintWriter out, Consumer<String> log, Network net, Optional<ActionSigner> signer,
      HyperliquidClient client) {
  }

  /**
   * Opens the session of a subcommand: the log on the command's output, the network of the config's endpoint, the
   * signer from {@code HL_PRIVATE_KEY} in live mode (none otherwise) and the REST client.
   */
  private static Session session(CommandLine.Model.CommandSpec spec, LiveConfig live, Mode m, boolean testnet) {
    PrintWriter out = spec.commandLine().getOut();
    Network net = network(live, testnet);
    Optional<ActionSigner> signer = m == Mode.LIVE ? signer(net) : Optional.empty();
    return new Session(out, logger(out), net, signer, client(live, net, signer));
  }

  /**
   * The run's health: the status file ({@code alerts.status_file}, else
   * {@code reports/live/<config name>-<mode>[-testnet].status.json}) and the webhook
   * ({@code SLIPSTREAM_ALERT_WEBHOOK}, else {@code alerts.webhook_url}), if any.
   */
  private static Health health(Path config, LiveConfig live, String what, Network net, Consumer<String> log) {
    AlertConfig a = live.alerts();
    String fromEnv = env.apply(AlertConfig.WEBHOOK_ENV);
    if (fromEnv != null && !fromEnv.isBlank()) {
      a = a.withWebhook(AlertConfig.webhook(fromEnv, AlertConfig.WEBHOOK_ENV));
    }
    String name = config.getFileName().toString();
    String stem = name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
    String tag = what + (net.mainnet() ? "" : "-testnet");
    Path file = a.statusFile().orElse(Path.of("reports", "live", stem + "-" + tag + ".status.json"));
    StatusFile status = new StatusFile(file, name, tag, clock::nowMs);
    log.accept("status file: " + file + (a.webhookUrl().isPresent() ? " (alert webhook set)" : ""));
    Optional<Webhook> hook = a.webhookUrl().map(u -> new Webhook(u,
        Duration.ofMillis(Math.round(live.alerts().timeoutSeconds() * 1000)), "[slipstream " + name + " " + tag + "]",
        log));
    return new Health(Optional.of(status), hook, log);
  }

  /** The paper venue: simulated fills against the live book, state in the audit store, the config's fees. */
  private static PaperVenue paperVenue(HyperliquidClient client, AuditStore store, BacktestConfig bt) {
    return new PaperVenue(client, store, bt.capitalUsd(),
        bt.costs(), clock);
  }

  /** {@code live rebalance}. */
  @Command(name = "rebalance", mixinStandardHelpOptions = true,
    footerHeading = "%nExample:%n", footer = "  slipstream live rebalance --config config/gradient_live.json --mode paper",
      description = "One rebalance: fetch bars, compute targets with the backtest's strategy code, and (paper, live)"
          + " execute in two stages: post-only quotes, then an IOC sweep.")
  static final class Rebalance implements Callable<Integer> {
    @Option(names = "--config", required = true, description = "live config JSON (e.g. config/gradient_live.json)")
    Path config;

    @Option(names = "--mode", defaultValue = "dry-run",
        description = "dry-run (default: compute and log, send nothing), paper (simulated fills against the live "
            + "book) or live")
    String mode;

    @Option(names = "--data", paramLabel = "DIR",
        description = "candle cache in the lake layout (default: $SLIPSTREAM_DATA, else data/); each run appends the "
            + "new bars")
    Path data;

    @Option(names = "--testnet", description = "trade on Hyperliquid's testnet: the testnet endpoint replaces "
        + "mainnet's, actions are signed for testnet, the key is read from " + TESTNET_KEY_VAR)
    boolean testnet;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      Mode m = parseMode(mode);
      Loaded cfg = load(config);
      if (m == Mode.LIVE && cfg.live().dryRun()) {
        throw new ConfigException("dry_run", "is true in " + config + ": set \"dry_run\": false to trade live");
      }
      Session session = session(spec, cfg.live(), m, testnet);
      PrintWriter out = session.out();
      Consumer<String> log = session.log();
      Network net = session.net();
      HyperliquidClient client = session.client();
      Optional<String> account = accountAddress(cfg.live(), session.signer());
      LiveConfig.Risk r = cfg.live().risk();
      RiskLimits limits = new RiskLimits(cfg.backtest().params().maxPositionPct(), r.maxGrossLeverage(),
          r.maxNetLeverage(), r.maxAdvFraction(), Math.round(r.maxDataAgeMinutes() * 60_000),
          r.slippageAlertPct(), r.positionAlertPct());
      RebalanceRunner.Settings settings = new RebalanceRunner.Settings(m, config.getFileName().toString(),
          cfg.auditText(),
          cfg.backtest().capitalUsd(), cfg.live(), limits, account, 5_000);
      BacktestConfig bt = cfg.backtest();
      boolean withFunding = bt.spec().requirements(bt.params()).readsFunding();
      RebalanceRunner.HistorySource history = (coins, now) -> cachedHistory(client, data, coins, bt.interval(),
          withFunding, now, log);
      LiveTargets.Factory factory = strategyFactory(bt);
      Optional<AuditStore> store = store(m != Mode.DRY_RUN);
      Optional<Venue> venue = Optional.empty();
      try {
        if (m == Mode.PAPER) {
          venue = Optional.of(paperVenue(client, store.orElseThrow(), cfg.backtest()));
        } else if (m == Mode.LIVE) {
          venue = Optional.of(liveVenue(client, cfg.live(), () -> WsSession.connect(net), log));
        }
        log.accept("live rebalance: " + config + ", mode " + m.label() + ", endpoint " + net.restBase()
            + (net.mainnet() ? "" : " (testnet)") + account.map(a -> ", account " + a).orElse(""));
        Health health = health(config, cfg.live(), m.label(), net, log);
        Optional<Protector> protector = Optional.empty();
        if (cfg.live().protection().isPresent()) {
          if (m == Mode.LIVE) {
            protector = Optional.of(new Protector(cfg.live().protection().get(), client, client::frontendOpenOrders,
                client, account.orElseThrow(), store.orElseThrow(), clock, log));
          } else {
            log.accept("protection: stop-loss / take-profit trigger orders are placed in live mode only (the " + m
                .label() + " run places none)");
          }
        }
        ObjectNode summary;
        try {
          summary = new RebalanceRunner(settings, client, venue, store, history, factory, clock, log)
              .withHooks(health, protector).run();
        } catch (RuntimeException | InterruptedException e) {
          health.failed(String.valueOf(e.getMessage()), e instanceof RiskException);
          throw e;
        }
        health.succeeded(summary);
        out.println(summary.toPrettyString());
        out.flush();
        return 0;
      } finally {
        venue.ifPresent(Venue::close);
        store.ifPresent(AuditStore::close);
      }
    }
  }

  /**
   * The registered strategy of a config as the live runner builds it: a fresh object per rebalance, its contexts
   * carrying the backtest's cost model of the config over the snapshot and the config's capital as NAV.
   *
   * @param bt the parsed config
   * @return the factory
   */
  static LiveTargets.Factory strategyFactory(BacktestConfig bt) {
    return new LiveTargets.Factory() {
      @Override
      public io.slipstream.strategy.Strategy apply(java.util.List<String> coins) {
        return bt.spec().create(bt.params(), coins);
      }

      @Override
      public io.slipstream.cost.CostModel costModel(io.slipstream.data.MarketData data) {
        return io.slipstream.backtest.Backtester.costModel(data, bt);
      }

      @Override
      public double navUsd() {
        return bt.capitalUsd();
      }
    };
  }

  /**
   * The strategy's bars, from a candle cache in the lake layout kept current by incremental ingest: each run fetches
   * only the candles since the cache's last bar (minus {@link #OVERLAP_BARS}), or the last {@link #HISTORY_BARS}
   * when there is no cache, then builds the panels from the whole cache with the backtest's loader
   * ({@link LiveHistory#fromLake}). Funding is fetched only when the strategy's requirements say it reads funding
   * (every {@code fundingHistory} page costs request weight). A coin new to the cache starts with the bars since the
   * cache's last bar; {@code slipstream ingest hyperliquid --since ...} backfills it.
   */
  static io.slipstream.data.MarketData cachedHistory(HyperliquidClient client, Path data,
      java.util.List<String> coins, io.slipstream.core.BarInterval interval, boolean withFunding, long nowMs,
      Consumer<String> log) {
    long step = interval.millis();
    Path cf = io.slipstream.data.Lake.candlesFile(data, interval);
    long since = nowMs - HISTORY_BARS * step;
    if (Files.exists(cf)) {
      long last = Long.MIN_VALUE;
      for (long t : io.slipstream.data.Lake.readCandles(cf).timestamps("open_time")) {
        last = Math.max(last, t);
      }
      if (last != Long.MIN_VALUE) {
        since = Math.max(since, last - OVERLAP_BARS * step);
      }
    }
    try {
      Files.createDirectories(data);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot create the candle cache folder " + data, e);
    }
    io.slipstream.live.ingest.HyperliquidIngest ingest =
        new io.slipstream.live.ingest.HyperliquidIngest(client, data, clock::nowMs);
    io.slipstream.live.ingest.HyperliquidIngest.Summary sum = ingest.ingest(coins, interval,
        Instant.ofEpochMilli(since), withFunding, (done, total, coin) -> {
          if (done % 25 == 0 || done == total) {
            log.accept("history: " + done + "/" + total + " coins fetched");
          }
        });
    log.accept("history: " + sum.candles().rowsAdded() + " new bars cached in " + cf);
    io.slipstream.data.Table table = sum.candlesTable();
    long first = Long.MAX_VALUE;
    for (long t : table.timestamps("open_time")) {
      first = Math.min(first, t);
    }
    int bars = (int) ((LiveHistory.lastClosedOpenMs(interval, nowMs) - first) / step) + 1;
    Optional<io.slipstream.data.Table> funding = withFunding
        ? Optional.of(io.slipstream.data.Lake.readFunding(io.slipstream.data.Lake.fundingFile(data)))
        : Optional.empty();
    LiveHistory.Snapshot snap = LiveHistory.fromLake(table, funding, coins, interval, bars, nowMs);
    snap.warnings().forEach(w -> log.accept("history: " + w));
    return snap.data();
  }

  /** {@code live stop}. */
  @Command(name = "stop", mixinStandardHelpOptions = true,
    footerHeading = "%nExample:%n", footer = "  slipstream live stop --config config/gradient_live.json --cancel-orders",
      description = "Emergency stop: cancel every open order (--cancel-orders) and close every position with "
          + "reduce-only IOC orders (--flatten-all). Safe to run at any time; idempotent.")
  static final class Stop implements Callable<Integer> {
    @Option(names = "--config", required = true, description = "live config JSON (endpoint, account)")
    Path config;

    @Option(names = "--mode", defaultValue = "live", description = "live (default) or paper")
    String mode;

    @Option(names = "--cancel-orders", description = "cancel every open order")
    boolean cancelOrders;

    @Option(names = "--flatten-all", description = "cancel every open order, then close every position")
    boolean flattenAll;

    @Option(names = "--testnet", description = "stop the testnet account (key from " + TESTNET_KEY_VAR + ")")
    boolean testnet;

    @Option(names = "--slippage-pct", defaultValue = "5",
        description = "close orders' limit: mid x (1 -/+ this/100) (default: ${DEFAULT-VALUE})")
    double slippagePct;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      if (!cancelOrders && !flattenAll) {
        throw new Main.UsageException("live stop needs --cancel-orders and/or --flatten-all");
      }
      if (!(slippagePct > 0 && slippagePct <= 50)) {
        throw new Main.UsageException("--slippage-pct must be in (0, 50], was " + slippagePct);
      }
      Mode m = parseMode(mode);
      if (m == Mode.DRY_RUN) {
        throw new Main.UsageException("--mode for live stop must be live or paper");
      }
      Loaded cfg = load(config);
      Session session = session(spec, cfg.live(), m, testnet);
      HyperliquidClient client = session.client();
      Optional<AuditStore> store = store(m == Mode.PAPER);
      Venue venue = null;
      try {
        if (m == Mode.PAPER) {
          venue = paperVenue(client, store.orElseThrow(), cfg.backtest());
        } else {
          venue = liveVenue(client, cfg.live(), io.slipstream.live.hl.UserStream::none, session.log());
        }
        Health health = health(config, cfg.live(), "stop-" + m.label(), session.net(), session.log());
        EmergencyStop.Result r;
        try {
          r = EmergencyStop.run(venue, client, store, flattenAll, slippagePct, clock, session.log());
        } catch (RuntimeException e) {
          health.failed("emergency stop failed: " + e.getMessage(), false);
          throw e;
        }
        health.emergencyStop(r.cancelled() + " open orders cancelled, " + r.flattenOrders() + " close orders sent, "
            + r.remainingPositions().size() + " positions left, " + r.problems().size() + " problems"
            + (r.problems().isEmpty() ? "" : ": " + String.join("; ", r.problems())));
        if (r.problems().isEmpty()) {
          ObjectNode s = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
          s.put("status", "stopped");
          health.succeeded(s);
        } else {
          health.failed("emergency stop left problems: " + String.join("; ", r.problems()), false);
        }
        PrintWriter out = session.out();
        out.println("{\"cancelled\":" + r.cancelled() + ",\"flatten_orders\":" + r.flattenOrders()
            + ",\"remaining_positions\":" + r.remainingPositions().size() + ",\"problems\":" + r.problems().size()
            + "}");
        out.flush();
        return r.problems().isEmpty() ? 0 : 1;
      } finally {
        if (venue != null) {
          venue.close();
        }
        store.ifPresent(AuditStore::close);
      }
    }
  }
}
