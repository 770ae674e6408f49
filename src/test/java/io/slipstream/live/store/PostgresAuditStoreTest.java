package io.slipstream.live.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slipstream.core.ConfigException;
import io.slipstream.live.hl.Fill;
import io.slipstream.live.store.AuditStore.EventRecord;
import io.slipstream.live.store.AuditStore.OrderRecord;
import io.slipstream.live.store.AuditStore.RebalanceRecord;
import io.slipstream.live.store.AuditStore.SignalRow;
import io.slipstream.live.store.AuditStore.TargetRow;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PostgresAuditStoreTest {
  private static final long T0 = 1_700_000_000_000L;

  private static final String ALL_TABLES = "rebalance, signal, target, live_order, order_ack, fill, "
      + "position_snapshot, position_snapshot_item, equity_mark, event, error_log, paper_account, paper_position";

  /**
   * One database and one store for the class (opening runs Flyway, which costs a few hundred ms); the tables are
   * emptied and the clock reset before each test.
   */
  private static PgTestServer.Database db;
  private static final TickingClock clock = new TickingClock(T0);
  private static PostgresAuditStore store;

  @BeforeAll
  static void openStore() {
    db = PgTestServer.newDatabase();
    store = PostgresAuditStore.open(db.jdbcUrl(), db.user(), db.password(), clock);
  }

  @AfterAll
  static void closeStore() {
    try {
      store.close();
    } finally {
      db.close();
    }
  }

  @BeforeEach
  void emptyTables() throws SQLException {
    execute(db, "TRUNCATE " + ALL_TABLES + " RESTART IDENTITY");
    clock.reset(T0);
  }

  // ------------------------------------------------------------ schema

  @Test
  void open_emptyDatabase_migratesAndReopenIsNoOp() throws SQLException {
    try (PgTestServer.Database empty = PgTestServer.newDatabase()) {
      assertThat(query(empty, "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"))
          .containsExactly(List.of(0L));
      long id;
      try (PostgresAuditStore first = PostgresAuditStore.open(empty.jdbcUrl(), empty.user(), empty.password())) {
        id = first.startRebalance("paper", "c.json", "{}", T0, 1000);
      }
      assertThat(query(empty, "SELECT version, success FROM flyway_schema_history WHERE version IS NOT NULL"))
          .containsExactly(List.of("1", true));
      assertThat(query(empty, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' "
          + "AND table_name <> 'flyway_schema_history' ORDER BY table_name").stream().map(r -> r.get(0)))
          .containsExactly("equity_mark", "error_log", "event", "fill", "live_order", "order_ack", "paper_account",
              "paper_position", "position_snapshot", "position_snapshot_item", "rebalance", "signal", "target");

      try (PostgresAuditStore again = PostgresAuditStore.open(empty.jdbcUrl(), empty.user(), empty.password())) {
        assertThat(again.rebalance(id).map(RebalanceRecord::mode)).contains("paper");
      }
      assertThat(query(empty, "SELECT count(*) FROM flyway_schema_history")).containsExactly(List.of(1L));
    }
  }

  @Test
  void indexes_onRebalanceId_exist() throws SQLException {
    List<Object> indexed = query("SELECT t.relname FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid "
        + "JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = i.indkey[0] WHERE a.attname = 'rebalance_id'")
        .stream().map(r -> r.get(0)).toList();
    assertThat(indexed).contains("signal", "target", "live_order", "fill", "position_snapshot", "event",
        "error_log");
  }

  // ------------------------------------------------------------ rebalances

  @Test
  void startRebalance_thenRead_roundTrips() throws SQLException {
    long id = store.startRebalance("live", "prod.json", "{\"a\":1}", T0 - 5, 12_345.678);
    assertThat(store.rebalance(id))
        .contains(new RebalanceRecord(id, "live", T0 - 5, "started", "running", T0));

    store.setStage(id, "stage1");
    store.setStage(id, "stage2");
    assertThat(store.rebalance(id).orElseThrow().stage()).isEqualTo("stage2");

    store.finishRebalance(id, "completed", "{\"fills\":3}");
    assertThat(store.rebalance(id).orElseThrow().status()).isEqualTo("completed");
    assertThat(query("SELECT config_name, config_json, capital_usd, summary_json FROM rebalance WHERE id = " + id))
        .containsExactly(List.of("prod.json", "{\"a\":1}", 12_345.678, "{\"fills\":3}"));
    assertThat(store.rebalance(id + 1000)).isEmpty();
  }

  @Test
  void finishRebalance_twice_isRefused() {
    long id = store.startRebalance("paper", "c", "{}", T0, 1);
    store.finishRebalance(id, "failed", "{}");
    assertThatThrownBy(() -> store.finishRebalance(id, "completed", "{}"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("already finished (failed)");
    assertThatThrownBy(() -> store.setStage(id, "stage1")).isInstanceOf(IllegalStateException.class);
    assertThat(store.rebalance(id).orElseThrow().status()).isEqualTo("failed");
  }

  @Test
  void setStage_unknownRebalance_isStoreException() {
    assertThatThrownBy(() -> store.setStage(999, "stage1"))
        .isInstanceOf(StoreException.class).hasMessageContaining("setStage").hasMessageContaining("999");
  }

  @Test
  void unfinishedRebalance_findsLatestStartedNotFinished() {
    assertThat(store.unfinishedRebalance("live")).isEmpty();
    long crashed = store.startRebalance("live", "c", "{}", T0, 1);
    long other = store.startRebalance("paper", "c", "{}", T0, 1);
    long done = store.startRebalance("live", "c", "{}", T0 + 1, 1);
    store.finishRebalance(done, "completed", "{}");

    assertThat(store.unfinishedRebalance("live").map(RebalanceRecord::id)).contains(crashed);
    assertThat(store.unfinishedRebalance("paper").map(RebalanceRecord::id)).contains(other);
    assertThat(store.unfinishedRebalance("dry-run")).isEmpty();

    store.finishRebalance(crashed, "aborted", "{}");
    assertThat(store.unfinishedRebalance("live")).isEmpty();
  }

  // ------------------------------------------------------------ signals and targets: exact doubles

  @Test
  void recordSignals_storesDoublesExactlyIncludingNaN() throws SQLException {
    long id = store.startRebalance("paper", "c", "{}", T0, 1);
    store.recordSignals(id, List.of(new SignalRow("BTC", 0.1 + 0.2, Math.PI, 1.23456789012345e9, -0.0),
        new SignalRow("ETH", Double.NaN, Double.NaN, Double.NaN, 0.0)));

    assertThat(query("SELECT coin, score, sigma, adv_usd, weight FROM signal ORDER BY id")).containsExactly(
        List.of("BTC", 0.30000000000000004, Math.PI, 1.23456789012345e9, -0.0),
        List.of("ETH", Double.NaN, Double.NaN, Double.NaN, 0.0));
  }

  @Test
  void recordTargets_roundTripsExactDoublesInInsertionOrder() {
    long id = store.startRebalance("paper", "c", "{}", T0, 1);
    Random random = new Random(42);
    List<TargetRow> rows = new ArrayList<>();
    rows.add(new TargetRow("ZEC", Double.MIN_VALUE, Double.MAX_VALUE, -Double.MIN_NORMAL, 1e-300,
        Double.POSITIVE_INFINITY, Double.NaN, "skipped: no price"));
    rows.add(new TargetRow("AAVE", -0.0, 0.1, 1.0 / 3, -2.0 / 3, Math.ulp(1.0), 123_456.789, ""));
    for (int i = 0; i < 20; i++) {
      rows.add(new TargetRow("C" + i, randomDouble(random), randomDouble(random), randomDouble(random),
          randomDouble(random), randomDouble(random), randomDouble(random), "n" + i));
    }
    store.recordTargets(id, rows);

    assertThat(store.targets(id)).isEqualTo(rows);
    assertThat(store.targets(id + 1)).isEmpty();
  }

  @Test
  void recordTargets_unknownRebalance_isStoreExceptionWithSqlState() {
    assertThatThrownBy(() -> store.recordTargets(77, List.of(new TargetRow("BTC", 0, 0, 0, 0, 0, 1, ""))))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("recordTargets").hasMessageContaining("SQLState 23503");
  }

  // ------------------------------------------------------------ orders, acks, fills

  @Test
  void recordOrder_roundTripsWithAndWithoutRebalance() {
    long id = store.startRebalance("live", "c", "{}", T0, 1);
    OrderRecord a = order("0x" + "a".repeat(32), Optional.of(id), "stage1", true, 0.1 + 0.2);
    OrderRecord b = order("0x" + "b".repeat(32), Optional.of(id), "stage2", false, 65_432.1);
    OrderRecord stop = new OrderRecord("0x" + "c".repeat(32), Optional.empty(), "stop", "ETH", 1, false, 3210.5,
        1.2345, "Ioc", true, "pending", Optional.empty(), "", T0 + 9);
    store.recordOrder(b);
    store.recordOrder(a);
    store.recordOrder(stop);

    assertThat(store.order(a.cloid())).contains(a);
    assertThat(store.order(stop.cloid())).contains(stop);
    assertThat(store.order("0x" + "d".repeat(32))).isEmpty();
    assertThat(store.orders(id)).containsExactly(b, a);
  }

  @Test
  void recordOrder_duplicateCloid_isRefusedNamingIt() {
    String cloid = "0x" + "1".repeat(32);
    OrderRecord first = order(cloid, Optional.empty(), "stage1", true, 100);
    store.recordOrder(first);
    assertThatThrownBy(() -> store.recordOrder(order(cloid, Optional.empty(), "stage2", false, 200)))
        .isInstanceOf(StoreException.class).hasMessageContaining("recordOrder").hasMessageContaining(cloid);
    assertThat(store.order(cloid)).contains(first);
  }

  @Test
  void recordOrder_badPrice_isIllegalArgumentNamingField() {
    OrderRecord bad = order("0x" + "2".repeat(32), Optional.empty(), "stage1", true, Double.NaN);
    assertThatThrownBy(() -> store.recordOrder(bad))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("order.px").hasMessageContaining("NaN");
    OrderRecord badTif = new OrderRecord("0x1", Optional.empty(), "stage1", "BTC", 0, true, 1, 1, "FOK", false,
        "pending", Optional.empty(), "", T0);
    assertThatThrownBy(() -> store.recordOrder(badTif))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("order.tif").hasMessageContaining("FOK");
  }

  @Test
  void recordAck_movesStatusKeepsKnownOidAndAppendsHistory() throws SQLException {
    String cloid = "0x" + "3".repeat(32);
    store.recordOrder(order(cloid, Optional.empty(), "stage1", true, 100));
    store.recordAck(cloid, "resting", Optional.of(4242L), "");
    store.recordAck(cloid, "filled", Optional.empty(), "filled 0.5 @ 100");

    OrderRecord now = store.order(cloid).orElseThrow();
    assertThat(now.status()).isEqualTo("filled");
    assertThat(now.oid()).contains(4242L);
    assertThat(now.detail()).isEqualTo("filled 0.5 @ 100");
    assertThat(query("SELECT status, oid, detail FROM order_ack WHERE cloid = '" + cloid + "' ORDER BY id"))
        .containsExactly(List.of("resting", 4242L, ""), Nulls.row("filled", null, "filled 0.5 @ 100"));
  }

  @Test
  void recordAck_unknownCloid_isStoreException() {
    assertThatThrownBy(() -> store.recordAck("0xnope", "filled", Optional.empty(), ""))
        .isInstanceOf(StoreException.class).hasMessageContaining("0xnope");
  }

  @Test
  void recordFill_duplicateTid_isIgnoredAndReturnsFalse() {
    long id = store.startRebalance("live", "c", "{}", T0, 1);
    Fill first = fill(7, T0 + 20, 101.25, Optional.of("0xabc"));
    assertThat(store.recordFill(Optional.of(id), first)).isTrue();
    assertThat(store.recordFill(Optional.of(id), fill(7, T0 + 99, 999.0, Optional.empty()))).isFalse();
    assertThat(store.fills(id)).containsExactly(first);
  }

  @Test
  void fills_ascendingTime_andFiledUnderTheOrdersRebalanceWhenUnknown() throws SQLException {
    long id = store.startRebalance("live", "c", "{}", T0, 1);
    String cloid = "0x" + "4".repeat(32);
    store.recordOrder(order(cloid, Optional.of(id), "stage1", true, 100));
    Fill late = fill(10, T0 + 50, 100.5, Optional.of(cloid));
    Fill early = fill(11, T0 + 10, Double.NaN, Optional.empty());
    Fill stray = fill(12, T0 + 5, 1.0, Optional.of("0xunknown"));
    assertThat(store.recordFill(Optional.empty(), late)).isTrue();
    assertThat(store.recordFill(Optional.of(id), early)).isTrue();
    assertThat(store.recordFill(Optional.empty(), stray)).isTrue();

    List<Fill> fills = store.fills(id);
    assertThat(fills).containsExactly(early, late);
    assertThat(fills.get(0).px()).isNaN();
    assertThat(query("SELECT rebalance_id, cloid FROM fill WHERE tid = 12"))
        .containsExactly(Nulls.row(null, "0xunknown"));
  }

  // ------------------------------------------------------------ snapshots, equity, events, errors

  @Test
  void recordPositions_storesSnapshotRowsIncludingAFlatOne() throws SQLException {
    long id = store.startRebalance("live", "c", "{}", T0, 1);
    Map<String, Double> sizes = new LinkedHashMap<>();
    sizes.put("ETH", -1.5);
    sizes.put("BTC", 0.1 + 0.2);
    store.recordPositions(Optional.of(id), "exchange", sizes, T0 + 3);
    store.recordPositions(Optional.empty(), "paper", Map.of(), T0 + 4);

    assertThat(query("SELECT rebalance_id, source, time_ms FROM position_snapshot ORDER BY id"))
        .containsExactly(List.of(id, "exchange", T0 + 3), Nulls.row(null, "paper", T0 + 4));
    assertThat(query("SELECT coin, size FROM position_snapshot_item ORDER BY coin"))
        .containsExactly(List.of("BTC", 0.30000000000000004), List.of("ETH", -1.5));
    assertThatThrownBy(() -> store.recordPositions(Optional.empty(), "exchange", Map.of("BTC", Double.NaN), T0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sizes[BTC]");
  }

  @Test
  void recordEquityAndError_areStored() throws SQLException {
    long id = store.startRebalance("paper", "c", "{}", T0, 1);
    store.recordEquity("paper", T0 + 8, 10_000.125);
    store.recordError(Optional.of(id), "stage1", "timeout");
    store.recordError(Optional.empty(), "stream", "disconnected");

    assertThat(query("SELECT mode, time_ms, account_value_usd FROM equity_mark"))
        .containsExactly(List.of("paper", T0 + 8, 10_000.125));
    // the clock ticks 1 ms per reading: startRebalance read T0, the errors T0 + 1 and T0 + 2
    assertThat(query("SELECT rebalance_id, location, message, time_ms FROM error_log ORDER BY id")).containsExactly(
        List.of(id, "stage1", "timeout", T0 + 1), Nulls.row(null, "stream", "disconnected", T0 + 2));
  }

  @Test
  void events_inInsertionOrder_filteredByRebalance() {
    long a = store.startRebalance("live", "c", "{}", T0, 1);
    long b = store.startRebalance("live", "c", "{}", T0, 1);
    store.recordEvent(Optional.of(b), "risk_check", "info", "gross 1.0 <= 2.0");
    store.recordEvent(Optional.empty(), "alert", "warn", "stream stale 30 s");
    store.recordEvent(Optional.of(a), "stop", "error", "emergency stop");
    store.recordEvent(Optional.of(b), "reconcile", "info", "ok");

    EventRecord e1 = new EventRecord(Optional.of(b), "risk_check", "info", "gross 1.0 <= 2.0", T0 + 2);
    EventRecord e2 = new EventRecord(Optional.empty(), "alert", "warn", "stream stale 30 s", T0 + 3);
    EventRecord e3 = new EventRecord(Optional.of(a), "stop", "error", "emergency stop", T0 + 4);
    EventRecord e4 = new EventRecord(Optional.of(b), "reconcile", "info", "ok", T0 + 5);
    assertThat(store.events(Optional.empty())).containsExactly(e1, e2, e3, e4);
    assertThat(store.events(Optional.of(b))).containsExactly(e1, e4);
    assertThatThrownBy(() -> store.recordEvent(Optional.empty(), "alert", "fatal", "x"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("level").hasMessageContaining("fatal");
  }

  // ------------------------------------------------------------ paper account

  @Test
  void paperAccount_buyThenSell_cashAndPositionsExact() {
    assertThatThrownBy(store::paperCash).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("initPaperAccount");
    store.initPaperAccount(1_000_000);
    store.initPaperAccount(5); // exists already: ignored
    assertThat(store.paperCash()).isEqualTo(1_000_000.0);
    assertThat(store.paperPositions()).isEmpty();

    // buy 2 BTC @ 50,000.5, fee 10.25: cash 1,000,000 - (100,001 + 10.25)
    store.applyPaperFill("BTC", 2, 50_000.5, 10.25);
    assertThat(store.paperCash()).isEqualTo(899_988.75);
    assertThat(store.paperPositions()).containsExactly(Map.entry("BTC", 2.0));

    // sell 0.5 BTC @ 51,000, fee 2.5: cash 899,988.75 - (-25,500 + 2.5)
    store.applyPaperFill("BTC", -0.5, 51_000, 2.5);
    assertThat(store.paperCash()).isEqualTo(925_486.25);
    assertThat(store.paperPositions()).containsExactly(Map.entry("BTC", 1.5));

    // short 3 ETH @ 2,000.25, fee 1: cash 925,486.25 - (-6,000.75 + 1)
    store.applyPaperFill("ETH", -3, 2_000.25, 1);
    // sell the remaining 1.5 BTC @ 49,000 with a 0.5 rebate: cash 931,486 - (-73,500 - 0.5); BTC flat -> omitted
    store.applyPaperFill("BTC", -1.5, 49_000, -0.5);
    assertThat(store.paperCash()).isEqualTo(1_004_986.5);
    assertThat(store.paperPositions()).containsExactly(Map.entry("ETH", -3.0));
  }

  @Test
  void applyPaperFill_beforeInit_isRefusedAndLeavesNothing() {
    assertThatThrownBy(() -> store.applyPaperFill("BTC", 1, 100, 0)).isInstanceOf(IllegalStateException.class);
    assertThat(store.paperPositions()).isEmpty();
    assertThatThrownBy(() -> store.applyPaperFill("BTC", 0, 100, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("signedSize");
  }

  // ------------------------------------------------------------ concurrency, lifecycle, secrets

  @Test
  void recordFill_fromTwoThreads_storesEachTidOnce() throws Exception {
    long id = store.startRebalance("live", "c", "{}", T0, 1);
    // thread A: tids 0..149, thread B: tids 100..249 -> 250 distinct, 50 duplicates
    Callable<Integer> a = () -> recordRange(id, 0, 150);
    Callable<Integer> b = () -> recordRange(id, 100, 250);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<Integer>> results = pool.invokeAll(List.of(a, b));
      assertThat(results.get(0).get() + results.get(1).get()).isEqualTo(250);
    } finally {
      pool.shutdownNow();
    }
    List<Fill> fills = store.fills(id);
    assertThat(fills).hasSize(250);
    assertThat(fills.stream().mapToLong(Fill::tid).distinct().count()).isEqualTo(250);
  }

  @Test
  void close_isIdempotent_andLaterCallsFail() {
    PostgresAuditStore other = PostgresAuditStore.open(db.jdbcUrl(), db.user(), db.password());
    other.close();
    other.close();
    assertThat(other.toString()).contains("closed");
    assertThatThrownBy(() -> other.unfinishedRebalance("live"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
  }

  @Test
  void open_unreachableServer_failsWithoutLeakingUrlSecretOrPassword() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = s.getLocalPort();
    }
    String url = "jdbc:postgresql://127.0.0.1:" + port + "/x?password=hunter2&connectTimeout=2";
    Throwable thrown = null;
    try {
      PostgresAuditStore.open(url, "u", "s3cret-pw").close();
    } catch (StoreException e) {
      thrown = e;
    }
    assertThat(thrown).isNotNull();
    StringWriter trace = new StringWriter();
    thrown.printStackTrace(new PrintWriter(trace));
    assertThat(trace.toString()).contains("open").contains("127.0.0.1:" + port)
        .doesNotContain("hunter2").doesNotContain("s3cret-pw");
  }

  @Test
  void toString_showsUrlAndUserOnly() {
    assertThat(store.toString()).isEqualTo(
        "PostgresAuditStore[url=" + PostgresAuditStore.safeUrl(db.jdbcUrl()) + ", user=" + db.user() + ", open]");
    assertThat(PostgresAuditStore.safeUrl("jdbc:postgresql://h:5/d?user=u&password=hunter2"))
        .isEqualTo("jdbc:postgresql://h:5/d?<redacted>");
    assertThat(PostgresAuditStore.safeUrl("jdbc:postgresql://h:5/d")).isEqualTo("jdbc:postgresql://h:5/d");
  }

  @Test
  void fromEnvironment_namesTheMissingVariable_andOpensWhenComplete() {
    assertThatThrownBy(() -> PostgresAuditStore.fromEnvironment(Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("SLIPSTREAM_PG_URL");
    assertThatThrownBy(() -> PostgresAuditStore.fromEnvironment(Map.of("SLIPSTREAM_PG_URL", db.jdbcUrl())))
        .isInstanceOf(ConfigException.class).hasMessageContaining("SLIPSTREAM_PG_USER");
    assertThatThrownBy(() -> PostgresAuditStore.fromEnvironment(
        Map.of("SLIPSTREAM_PG_URL", "jdbc:mysql://h/d", "SLIPSTREAM_PG_USER", "u")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("jdbc:postgresql:");

    Map<String, String> env = new HashMap<>();
    env.put("SLIPSTREAM_PG_URL", db.jdbcUrl());
    env.put("SLIPSTREAM_PG_USER", db.user());
    env.put("SLIPSTREAM_PG_PASSWORD", db.password());
    long id = store.startRebalance("dry-run", "c", "{}", T0, 1);
    try (PostgresAuditStore s = PostgresAuditStore.fromEnvironment(env)) {
      assertThat(s.unfinishedRebalance("dry-run").map(RebalanceRecord::id)).contains(id);
    }
  }

  @Test
  void startRebalance_badInput_namesTheArgument() {
    assertThatThrownBy(() -> store.startRebalance("backtest", "c", "{}", T0, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mode").hasMessageContaining("backtest");
    assertThatThrownBy(() -> store.startRebalance("live", "c", "{}", T0, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("capitalUsd");
  }

  // ------------------------------------------------------------ helpers

  private int recordRange(long rebalanceId, int from, int to) {
    int stored = 0;
    for (int tid = from; tid < to; tid++) {
      if (store.recordFill(Optional.of(rebalanceId), fill(tid, T0 + tid, 100 + tid, Optional.empty()))) {
        stored++;
      }
    }
    return stored;
  }

  private static OrderRecord order(String cloid, Optional<Long> rebalanceId, String stage, boolean isBuy,
      double px) {
    return new OrderRecord(cloid, rebalanceId, stage, "BTC", 0, isBuy, px, 0.00123, "Alo", false, "pending",
        Optional.empty(), "", T0 + 1);
  }

  private static Fill fill(long tid, long timeMs, double px, Optional<String> cloid) {
    return new Fill("BTC", tid % 2 == 0, px, 0.5 + tid, timeMs, 9000 + tid, tid, -0.0123 * tid, tid % 3 == 0,
        cloid);
  }

  /** Any finite or infinite double (bit patterns drawn at random), NaN excluded. */
  private static double randomDouble(Random random) {
    double d;
    do {
      d = Double.longBitsToDouble(random.nextLong());
    } while (Double.isNaN(d));
    return d;
  }

  /** Rows of a query, each as a list of column values (JDBC objects: Long, Double, String, Boolean, null). */
  private List<List<Object>> query(String sql) throws SQLException {
    return query(db, sql);
  }

  private static void execute(PgTestServer.Database database, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.execute();
    }
  }

  private static List<List<Object>> query(PgTestServer.Database database, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
        PreparedStatement ps = c.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      List<List<Object>> rows = new ArrayList<>();
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          row.add(rs.getObject(i));
        }
        rows.add(row);
      }
      return rows;
    }
  }

  /** List.of refuses nulls; rows with SQL NULLs are built here. */
  private static final class Nulls {
    static List<Object> row(Object... values) {
      List<Object> out = new ArrayList<>();
      for (Object v : values) {
        out.add(v);
      }
      return out;
    }
  }

  /** A clock that advances 1 ms each time it is read, so stamped times are distinct and predictable. */
  private static final class TickingClock extends Clock {
    private final AtomicLong nextMs;

    TickingClock(long startMs) {
      nextMs = new AtomicLong(startMs);
    }

    void reset(long startMs) {
      nextMs.set(startMs);
    }

    @Override
    public long millis() {
      return nextMs.getAndIncrement();
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis());
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException("withZone");
    }
  }
}
