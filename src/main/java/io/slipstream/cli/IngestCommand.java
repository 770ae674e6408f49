package io.slipstream.cli;

import io.slipstream.backtest.ConfigParser;
import io.slipstream.core.BarInterval;
import io.slipstream.core.ConfigException;
import io.slipstream.live.hl.InfoApi;
import io.slipstream.live.hl.Network;
import io.slipstream.live.ingest.HyperliquidIngest;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.LongSupplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code slipstream ingest ...}: fetch exchange data into the lake layout. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
    footerHeading = "%nExample:%n", footer = {"  slipstream ingest hyperliquid --coins BTC,ETH,SOL --interval 4h --since 2025-01-01T00:00:00Z \\", "      --data data"}, description = "Fetch exchange data into the lake.",
    subcommands = {IngestCommand.Hyperliquid.class})
final class IngestCommand implements Runnable {
  /**
   * Builds the exchange client for a REST base URL: a read-only {@code HyperliquidClient} with the exchange's
   * weight budget and retries. Replaceable by tests (a recorded fake).
   */
  static Function<String, InfoApi> clientFactory =
      endpoint -> io.slipstream.live.hl.HyperliquidClient.readOnly(io.slipstream.live.hl.Network.of(endpoint, true));
  /** The clock, epoch ms UTC; replaceable by tests. */
  static LongSupplier clockMs = System::currentTimeMillis;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand (hyperliquid)");
  }

  /**
   * {@code slipstream ingest hyperliquid --coins all|BTC,ETH --interval 4h --since ISO [--data DIR]
   * [--endpoint URL | --testnet]}: see {@link HyperliquidIngest} for what is fetched and how it is merged.
   */
  @Command(name = "hyperliquid", mixinStandardHelpOptions = true,
    footerHeading = "%nExample:%n", footer = {"  slipstream ingest hyperliquid --coins BTC,ETH,SOL --interval 4h --since 2025-01-01T00:00:00Z \\", "      --data data"},
      description = "Fetch closed candles and funding from the Hyperliquid info API and merge them into "
          + "candles_<interval>.parquet and funding.parquet: existing rows are kept, new ones appended, the "
          + "exchange's values win for bars in both; files are replaced atomically.")
  static final class Hyperliquid implements Callable<Integer> {
    @Option(names = "--coins", required = true,
        description = "'all' (listed coins, plus delisted ones already in the lake) or a comma-separated list, "
            + "e.g. BTC,ETH")
    String coins;

    @Option(names = "--interval", required = true, description = "candle interval: 1h, 2h, 4h, 8h, 12h or 1d")
    String interval;

    @Option(names = "--since", required = true,
        description = "first time wanted, ISO-8601 (2024-01-01T00:00:00Z) or a date (2024-01-01, 00:00 UTC)")
    String since;

    @Option(names = "--data", paramLabel = "DIR", description = Main.DATA_HELP)
    Path data;

    @Option(names = "--endpoint", description = "REST base URL (default: https://api.hyperliquid.xyz)")
    String endpoint;

    @Option(names = "--testnet", description = "use the testnet endpoint")
    boolean testnet;

    @Override
    public Integer call() {
      BarInterval bi;
      try {
        bi = BarInterval.of(interval);
      } catch (IllegalArgumentException e) {
        throw new Main.UsageException("--interval: " + e.getMessage());
      }
      Instant from;
      try {
        from = ConfigParser.parseInstant("--since", since);
      } catch (ConfigException e) {
        throw new Main.UsageException("--since: not an ISO-8601 instant or date: \"" + since + "\"");
      }
      long nowMs = clockMs.getAsLong();
      if (from.toEpochMilli() >= nowMs) {
        throw new Main.UsageException("--since must be before now (" + Instant.ofEpochMilli(nowMs) + "), was "
            + from);
      }
      Optional<List<String>> requested = parseCoins(coins);
      String url = endpoint(endpoint, testnet);
      InfoApi api = clientFactory.apply(url);
      HyperliquidIngest ingest = new HyperliquidIngest(api, data, () -> nowMs);
      List<String> list;
      try {
        list = ingest.resolveCoins(requested, bi);
      } catch (IllegalArgumentException e) {
        throw new Main.UsageException("--coins: " + e.getMessage());
      }
      HyperliquidIngest.Summary s;
      try (Progress p = new Progress("ingest hyperliquid " + bi.label(), list.size())) {
        s = ingest.ingest(list, bi, from, (done, total, coin) -> {
          p.setExtraMessage(coin);
          p.step();
        });
      }
      PrintStream out = System.out;
      out.println("coins: " + s.coins().size() + " from " + url);
      for (HyperliquidIngest.FileSummary f : List.of(s.candles(), s.funding())) {
        out.println(f.file() + ": " + f.rowsFetched() + " rows fetched, " + f.rowsAdded() + " added, "
            + f.rowsReplaced() + " replaced, " + f.rowsTotal() + " in file" + (f.written() ? "" : " (unchanged)"));
      }
      if (s.firstOpenTime().isPresent()) {
        out.println("candles: open times " + s.firstOpenTime().get() + " .. " + s.lastOpenTime().get());
      }
      if (!s.coinsWithoutCandles().isEmpty()) {
        out.println("no closed candles for: " + String.join(", ", s.coinsWithoutCandles()));
      }
      out.flush();
      return 0;
    }

    /** @return empty for "all", else the names (trimmed, unique, non-empty) */
    static Optional<List<String>> parseCoins(String text) {
      String t = text.trim();
      if (t.toLowerCase(Locale.ROOT).equals("all")) {
        return Optional.empty();
      }
      List<String> out = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      for (String part : t.split(",", -1)) {
        String c = part.trim();
        if (c.isEmpty()) {
          throw new Main.UsageException("--coins must be 'all' or comma-separated coin names, was \"" + text + "\"");
        }
        if (!seen.add(c)) {
          throw new Main.UsageException("--coins names " + c + " twice: \"" + text + "\"");
        }
        out.add(c);
      }
      return Optional.of(out);
    }

    /** @return the REST base URL to use */
    static String endpoint(String endpoint, boolean testnet) {
      if (endpoint != null && testnet) {
        throw new Main.UsageException("--endpoint and --testnet exclude each other");
      }
      if (testnet) {
        return Network.TESTNET.restBase().toString();
      }
      if (endpoint == null) {
        return Network.MAINNET.restBase().toString();
      }
      try {
        return Network.of(endpoint, true).restBase().toString();
      } catch (IllegalArgumentException e) {
        throw new Main.UsageException("--endpoint: " + e.getMessage());
      }
    }
  }
}
