package io.slipstream.live.store;

import io.slipstream.core.Checks;
import io.slipstream.core.ConfigException;
import io.slipstream.live.hl.Fill;
import io.slipstream.live.hl.Tif;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * {@link AuditStore} on PostgreSQL through one JDBC connection. The schema is created and upgraded by the Flyway
 * migrations in {@code src/main/resources/db/migration} when the store is opened.
 *
 * <p>Transactions: the connection runs with auto-commit off and every public method is one transaction that is
 * committed before the method returns and rolled back when it fails, so a crash never leaves half of a call
 * (e.g. half of {@link #applyPaperFill}) behind.
 *
 * <p>Threads: all methods are serialized on this object, so the WebSocket thread and the main thread may share one
 * store.
 *
 * <p>Failures: a database failure is a {@link StoreException} whose message names the operation and the SQLState.
 * A connection lost mid-call (SQLState class 08 or 57P) is discarded and the next call connects again; the failed
 * call is not retried, since its commit may or may not have reached the server. Bad arguments are
 * {@link IllegalArgumentException}s naming the argument and the value; calls in the wrong order (finishing a
 * rebalance twice, a paper fill before {@link #initPaperAccount}, any call after {@link #close}) are
 * {@link IllegalStateException}s. The password, and the JDBC URL's query string (which may carry one), never
 * appear in messages or in {@link #toString()}.
 *
 * <p>Times: {@code startedAtMs}, event and error times and acknowledgement times are taken from the store's
 * {@link Clock} (epoch ms, UTC); order creation, fill, snapshot and equity times are the caller's.
 */
public final class PostgresAuditStore implements AuditStore {
  /** Environment variable holding the JDBC URL, e.g. {@code jdbc:postgresql://127.0.0.1:55432/slipstream}. */
  public static final String ENV_URL = "SLIPSTREAM_PG_URL";
  /** Environment variable holding the database user. */
  public static final String ENV_USER = "SLIPSTREAM_PG_USER";
  /** Environment variable holding the database password (unset or empty: no password, e.g. trust auth). */
  public static final String ENV_PASSWORD = "SLIPSTREAM_PG_PASSWORD";
  /** The stage a rebalance has before the first {@link #setStage}. */
  public static final String INITIAL_STAGE = "started";

  private static final String URL_PREFIX = "jdbc:postgresql:";
  private static final Set<String> MODES = Set.of("dry-run", "paper", "live");
  private static final Set<String> FINISH_STATUSES = Set.of("completed", "failed", "aborted");
  private static final Set<String> ORDER_STATUSES =
      Set.of("pending", "resting", "filled", "rejected", "error", "cancelled", "unknown");
  private static final Set<String> ACK_STATUSES =
      Set.of("resting", "filled", "rejected", "error", "cancelled", "unknown");
  private static final Set<String> SOURCES = Set.of("exchange", "paper", "target");
  private static final Set<String> LEVELS = Set.of("info", "warn", "error");
  private static final Set<String> TIFS =
      Stream.of(Tif.values()).map(Tif::wire).collect(Collectors.toUnmodifiableSet());
  private static final Pattern PASSWORD_PARAM = Pattern.compile("(?i)(password\\s*=\\s*)[^&;\\s,)]*");

  private static final String ORDER_COLUMNS = "cloid, rebalance_id, stage, coin, asset, is_buy, px, sz, tif, "
      + "reduce_only, status, oid, detail, created_at_ms";
  private static final String FILL_COLUMNS = "coin, is_buy, px, sz, time_ms, oid, tid, fee, crossed, cloid";
  private static final String REBALANCE_COLUMNS = "id, mode, decision_time_ms, stage, status, started_at_ms";

  private final String jdbcUrl;
  private final String user;
  private final String password;
  private final Clock clock;
  private Connection connection;
  private boolean closed;

  private PostgresAuditStore(String jdbcUrl, String user, String password, Clock clock) {
    this.jdbcUrl = jdbcUrl;
    this.user = user;
    this.password = password;
    this.clock = clock;
  }

  /**
   * Opens a store with the system UTC clock; see {@link #open(String, String, String, Clock)}.
   *
   * @param jdbcUrl {@code jdbc:postgresql://host:port/database}
   * @param user database user
   * @param password database password, empty for none
   * @return the open store
   * @throws IllegalArgumentException on a blank or non-PostgreSQL URL, a blank user or a null password
   * @throws StoreException when the migration or the connection fails
   */
  public static PostgresAuditStore open(String jdbcUrl, String user, String password) {
    return open(jdbcUrl, user, password, Clock.systemUTC());
  }

  /**
   * Migrates the database to the latest schema (Flyway, {@code classpath:db/migration}; a no-op when it is
   * current) and connects.
   *
   * @param jdbcUrl {@code jdbc:postgresql://host:port/database}
   * @param user database user
   * @param password database password, empty for none
   * @param clock the clock for the times the store stamps itself
   * @return the open store
   * @throws IllegalArgumentException on a blank or non-PostgreSQL URL, a blank user, a null password or clock
   * @throws StoreException when the migration or the connection fails
   */
  public static PostgresAuditStore open(String jdbcUrl, String user, String password, Clock clock) {
    text(jdbcUrl, "jdbcUrl");
    if (!jdbcUrl.startsWith(URL_PREFIX)) {
      throw new IllegalArgumentException(
          "Argument 'jdbcUrl' must start with " + URL_PREFIX + ", was " + safeUrl(jdbcUrl));
    }
    text(user, "user");
    Checks.notNull(password, "password");
    Checks.notNull(clock, "clock");
    PostgresAuditStore store = new PostgresAuditStore(jdbcUrl, user, password, clock);
    store.migrate();
    synchronized (store) {
      store.connection("open");
    }
    return store;
  }

  /**
   * Opens the store named by the process environment: {@value #ENV_URL} (required), {@value #ENV_USER} (required)
   * and {@value #ENV_PASSWORD} (optional, unset = no password).
   *
   * @return the open store
   * @throws ConfigException naming the variable when a required one is unset or blank, or the URL is not a
   *     PostgreSQL JDBC URL
   * @throws StoreException when the migration or the connection fails
   */
  public static PostgresAuditStore fromEnvironment() {
    return fromEnvironment(System.getenv());
  }

  /**
   * As {@link #fromEnvironment()}, reading the variables from {@code env}.
   *
   * @param env variable name to value
   * @return the open store
   * @throws ConfigException naming the variable when a required one is unset or blank, or the URL is not a
   *     PostgreSQL JDBC URL
   * @throws StoreException when the migration or the connection fails
   */
  public static PostgresAuditStore fromEnvironment(Map<String, String> env) {
    Checks.notNull(env, "env");
    String url = env.get(ENV_URL);
    if (url == null || url.isBlank()) {
      throw new ConfigException(ENV_URL, "environment variable is not set; expected a JDBC URL such as "
          + "jdbc:postgresql://127.0.0.1:55432/slipstream (tools/postgres/start.sh prints one)");
    }
    if (!url.startsWith(URL_PREFIX)) {
      throw new ConfigException(ENV_URL, "must start with " + URL_PREFIX + ", was " + safeUrl(url));
    }
    String user = env.get(ENV_USER);
    if (user == null || user.isBlank()) {
      throw new ConfigException(ENV_USER, "environment variable is not set; expected the database user");
    }
    String password = env.getOrDefault(ENV_PASSWORD, "");
    return open(url, user, password);
  }

  // ---------------------------------------------------------------- rebalances

  @Override
  public long startRebalance(String mode, String configName, String configJson, long decisionTimeMs,
      double capitalUsd) {
    oneOf(mode, MODES, "mode");
    text(configName, "configName");
    Checks.notNull(configJson, "configJson");
    Checks.positive(capitalUsd, "capitalUsd");
    return transaction("startRebalance", c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO rebalance (mode, config_name, config_json, "
          + "decision_time_ms, capital_usd, stage, status, started_at_ms) VALUES (?, ?, ?, ?, ?, ?, 'running', ?) "
          + "RETURNING id")) {
        ps.setString(1, mode);
        ps.setString(2, configName);
        ps.setString(3, configJson);
        ps.setLong(4, decisionTimeMs);
        ps.setDouble(5, capitalUsd);
        ps.setString(6, INITIAL_STAGE);
        ps.setLong(7, clock.millis());
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return rs.getLong(1);
        }
      }
    });
  }

  /**
   * {@inheritDoc}
   *
   * @throws StoreException when the rebalance does not exist
   * @throws IllegalStateException when it is already finished
   */
  @Override
  public void setStage(long rebalanceId, String stage) {
    text(stage, "stage");
    transaction("setStage", c -> {
      String status = lockRebalance(c, "setStage", rebalanceId);
      if (!status.equals("running")) {
        throw new IllegalStateException(
            "setStage: rebalance " + rebalanceId + " is already finished (" + status + "), cannot move to " + stage);
      }
      try (PreparedStatement ps = c.prepareStatement("UPDATE rebalance SET stage = ? WHERE id = ?")) {
        ps.setString(1, stage);
        ps.setLong(2, rebalanceId);
        ps.executeUpdate();
      }
      return null;
    });
  }

  /**
   * {@inheritDoc}
   *
   * @throws StoreException when the rebalance does not exist
   * @throws IllegalStateException when it is already finished
   */
  @Override
  public void finishRebalance(long rebalanceId, String status, String summaryJson) {
    oneOf(status, FINISH_STATUSES, "status");
    Checks.notNull(summaryJson, "summaryJson");
    transaction("finishRebalance", c -> {
      String current = lockRebalance(c, "finishRebalance", rebalanceId);
      if (!current.equals("running")) {
        throw new IllegalStateException(
            "finishRebalance: rebalance " + rebalanceId + " is already finished (" + current + ")");
      }
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE rebalance SET status = ?, summary_json = ?, finished_at_ms = ? WHERE id = ?")) {
        ps.setString(1, status);
        ps.setString(2, summaryJson);
        ps.setLong(3, clock.millis());
        ps.setLong(4, rebalanceId);
        ps.executeUpdate();
      }
      return null;
    });
  }

  @Override
  public Optional<RebalanceRecord> unfinishedRebalance(String mode) {
    oneOf(mode, MODES, "mode");
    return transaction("unfinishedRebalance", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT " + REBALANCE_COLUMNS
          + " FROM rebalance WHERE mode = ? AND status = 'running' ORDER BY id DESC LIMIT 1")) {
        ps.setString(1, mode);
        return readRebalance(ps);
      }
    });
  }

  @Override
  public Optional<RebalanceRecord> rebalance(long rebalanceId) {
    return transaction("rebalance", c -> {
      try (PreparedStatement ps =
          c.prepareStatement("SELECT " + REBALANCE_COLUMNS + " FROM rebalance WHERE id = ?")) {
        ps.setLong(1, rebalanceId);
        return readRebalance(ps);
      }
    });
  }

  /**
   * {@inheritDoc} Values are stored as given, NaN included.
   *
   * @throws StoreException when the rebalance does not exist (SQLState 23503)
   */
  @Override
  public void recordSignals(long rebalanceId, List<SignalRow> rows) {
    List<SignalRow> copy = rows(rows, "rows");
    for (SignalRow r : copy) {
      text(r.coin(), "rows.coin");
    }
    transaction("recordSignals", c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO signal (rebalance_id, coin, score, sigma, adv_usd, weight) VALUES (?, ?, ?, ?, ?, ?)")) {
        for (SignalRow r : copy) {
          ps.setLong(1, rebalanceId);
          ps.setString(2, r.coin());
          ps.setDouble(3, r.score());
          ps.setDouble(4, r.sigma());
          ps.setDouble(5, r.advUsd());
          ps.setDouble(6, r.weight());
          ps.addBatch();
        }
        ps.executeBatch();
      }
      return null;
    });
  }

  /**
   * {@inheritDoc} Values are stored as given, NaN included.
   *
   * @throws StoreException when the rebalance does not exist (SQLState 23503)
   */
  @Override
  public void recordTargets(long rebalanceId, List<TargetRow> rows) {
    List<TargetRow> copy = rows(rows, "rows");
    for (TargetRow r : copy) {
      text(r.coin(), "rows.coin");
      Checks.notNull(r.note(), "rows.note");
    }
    transaction("recordTargets", c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO target (rebalance_id, coin, target_weight, "
          + "target_usd, target_size, current_size, delta_size, decision_px, note) "
          + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        for (TargetRow r : copy) {
          ps.setLong(1, rebalanceId);
          ps.setString(2, r.coin());
          ps.setDouble(3, r.targetWeight());
          ps.setDouble(4, r.targetUsd());
          ps.setDouble(5, r.targetSize());
          ps.setDouble(6, r.currentSize());
          ps.setDouble(7, r.deltaSize());
          ps.setDouble(8, r.decisionPx());
          ps.setString(9, r.note());
          ps.addBatch();
        }
        ps.executeBatch();
      }
      return null;
    });
  }

  @Override
  public List<TargetRow> targets(long rebalanceId) {
    return transaction("targets", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT coin, target_weight, target_usd, target_size, "
          + "current_size, delta_size, decision_px, note FROM target WHERE rebalance_id = ? ORDER BY id")) {
        ps.setLong(1, rebalanceId);
        List<TargetRow> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(new TargetRow(rs.getString(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4),
                rs.getDouble(5), rs.getDouble(6), rs.getDouble(7), rs.getString(8)));
          }
        }
        return List.copyOf(out);
      }
    });
  }

  // ---------------------------------------------------------------- orders and fills

  /**
   * {@inheritDoc} The record is stored as given (normally status {@code "pending"}, no oid); its
   * {@code createdAtMs} is kept and the last-update time is the store clock's.
   *
   * @throws IllegalArgumentException on a blank cloid, coin or stage, an unknown tif or status, a negative asset,
   *     a non-finite or non-positive px or sz
   * @throws StoreException naming the cloid when it is already recorded, or when the rebalance does not exist
   */
  @Override
  public void recordOrder(OrderRecord order) {
    Checks.notNull(order, "order");
    text(order.cloid(), "order.cloid");
    Checks.notNull(order.rebalanceId(), "order.rebalanceId");
    text(order.stage(), "order.stage");
    text(order.coin(), "order.coin");
    if (order.asset() < 0) {
      throw new IllegalArgumentException("Argument 'order.asset' must be >= 0, was " + order.asset());
    }
    Checks.positive(order.px(), "order.px");
    Checks.positive(order.sz(), "order.sz");
    oneOf(order.tif(), TIFS, "order.tif");
    oneOf(order.status(), ORDER_STATUSES, "order.status");
    Checks.notNull(order.oid(), "order.oid");
    Checks.notNull(order.detail(), "order.detail");
    transaction("recordOrder", c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO live_order (" + ORDER_COLUMNS
          + ", updated_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (cloid) DO NOTHING")) {
        ps.setString(1, order.cloid());
        setOptionalLong(ps, 2, order.rebalanceId());
        ps.setString(3, order.stage());
        ps.setString(4, order.coin());
        ps.setInt(5, order.asset());
        ps.setBoolean(6, order.isBuy());
        ps.setDouble(7, order.px());
        ps.setDouble(8, order.sz());
        ps.setString(9, order.tif());
        ps.setBoolean(10, order.reduceOnly());
        ps.setString(11, order.status());
        setOptionalLong(ps, 12, order.oid());
        ps.setString(13, order.detail());
        ps.setLong(14, order.createdAtMs());
        ps.setLong(15, clock.millis());
        if (ps.executeUpdate() == 0) {
          throw new StoreException("recordOrder: cloid " + order.cloid()
              + " is already recorded; a resubmission must reuse the recorded order", null);
        }
      }
      return null;
    });
  }

  /**
   * {@inheritDoc} The order's status and detail are replaced; its oid is replaced when {@code oid} is present and
   * kept otherwise. The acknowledgement is also appended to the order's history (table {@code order_ack}).
   *
   * @throws IllegalArgumentException on a blank cloid or an unknown status
   * @throws StoreException naming the cloid when no such order is recorded
   */
  @Override
  public void recordAck(String cloid, String status, Optional<Long> oid, String detail) {
    text(cloid, "cloid");
    oneOf(status, ACK_STATUSES, "status");
    Checks.notNull(oid, "oid");
    Checks.notNull(detail, "detail");
    transaction("recordAck", c -> {
      long now = clock.millis();
      try (PreparedStatement ps = c.prepareStatement("UPDATE live_order SET status = ?, oid = COALESCE(?, oid), "
          + "detail = ?, updated_at_ms = ? WHERE cloid = ?")) {
        ps.setString(1, status);
        setOptionalLong(ps, 2, oid);
        ps.setString(3, detail);
        ps.setLong(4, now);
        ps.setString(5, cloid);
        if (ps.executeUpdate() == 0) {
          throw new StoreException("recordAck: no order with cloid " + cloid + " is recorded", null);
        }
      }
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO order_ack (cloid, status, oid, detail, time_ms) VALUES (?, ?, ?, ?, ?)")) {
        ps.setString(1, cloid);
        ps.setString(2, status);
        setOptionalLong(ps, 3, oid);
        ps.setString(4, detail);
        ps.setLong(5, now);
        ps.executeUpdate();
      }
      return null;
    });
  }

  /**
   * {@inheritDoc} When {@code rebalanceId} is empty and the fill's cloid names a recorded order, the fill is
   * filed under that order's rebalance. Values are stored as given (they are the exchange's).
   *
   * @throws StoreException when a given rebalance does not exist (SQLState 23503)
   */
  @Override
  public boolean recordFill(Optional<Long> rebalanceId, Fill fill) {
    Checks.notNull(rebalanceId, "rebalanceId");
    Checks.notNull(fill, "fill");
    text(fill.coin(), "fill.coin");
    Checks.notNull(fill.cloid(), "fill.cloid");
    return transaction("recordFill", c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO fill (tid, cloid, oid, rebalance_id, coin, "
          + "is_buy, px, sz, fee, crossed, time_ms) VALUES (?, ?, ?, "
          + "COALESCE(?, (SELECT o.rebalance_id FROM live_order o WHERE o.cloid = ?)), ?, ?, ?, ?, ?, ?, ?) "
          + "ON CONFLICT (tid) DO NOTHING")) {
        ps.setLong(1, fill.tid());
        setOptionalString(ps, 2, fill.cloid());
        ps.setLong(3, fill.oid());
        setOptionalLong(ps, 4, rebalanceId);
        setOptionalString(ps, 5, fill.cloid());
        ps.setString(6, fill.coin());
        ps.setBoolean(7, fill.isBuy());
        ps.setDouble(8, fill.px());
        ps.setDouble(9, fill.sz());
        ps.setDouble(10, fill.fee());
        ps.setBoolean(11, fill.crossed());
        ps.setLong(12, fill.timeMs());
        return ps.executeUpdate() == 1;
      }
    });
  }

  @Override
  public Optional<OrderRecord> order(String cloid) {
    text(cloid, "cloid");
    return transaction("order", c -> {
      try (PreparedStatement ps =
          c.prepareStatement("SELECT " + ORDER_COLUMNS + " FROM live_order WHERE cloid = ?")) {
        ps.setString(1, cloid);
        List<OrderRecord> found = readOrders(ps);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
      }
    });
  }

  @Override
  public List<OrderRecord> orders(long rebalanceId) {
    return transaction("orders", c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT " + ORDER_COLUMNS + " FROM live_order WHERE rebalance_id = ? ORDER BY seq")) {
        ps.setLong(1, rebalanceId);
        return readOrders(ps);
      }
    });
  }

  /** {@inheritDoc} Fills with equal times come in trade-id order. */
  @Override
  public List<Fill> fills(long rebalanceId) {
    return transaction("fills", c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT " + FILL_COLUMNS + " FROM fill WHERE rebalance_id = ? ORDER BY time_ms, tid")) {
        ps.setLong(1, rebalanceId);
        List<Fill> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(new Fill(rs.getString(1), rs.getBoolean(2), rs.getDouble(3), rs.getDouble(4), rs.getLong(5),
                rs.getLong(6), rs.getLong(7), rs.getDouble(8), rs.getBoolean(9),
                Optional.ofNullable(rs.getString(10))));
          }
        }
        return List.copyOf(out);
      }
    });
  }

  // ---------------------------------------------------------------- snapshots, marks, events, errors

  /**
   * {@inheritDoc} An empty map records a flat snapshot (one row in {@code position_snapshot}, none in
   * {@code position_snapshot_item}).
   *
   * @throws IllegalArgumentException on an unknown source, a blank coin or a non-finite size
   */
  @Override
  public void recordPositions(Optional<Long> rebalanceId, String source, Map<String, Double> sizes, long timeMs) {
    Checks.notNull(rebalanceId, "rebalanceId");
    oneOf(source, SOURCES, "source");
    Checks.notNull(sizes, "sizes");
    Map<String, Double> copy = new TreeMap<>();
    for (Map.Entry<String, Double> e : sizes.entrySet()) {
      text(e.getKey(), "sizes key");
      Double size = e.getValue();
      if (size == null || !Double.isFinite(size)) {
        throw new IllegalArgumentException(
            "Argument 'sizes[" + e.getKey() + "]' must be a finite size, was " + size);
      }
      copy.put(e.getKey(), size);
    }
    transaction("recordPositions", c -> {
      long snapshotId;
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO position_snapshot (rebalance_id, source, time_ms) VALUES (?, ?, ?) RETURNING id")) {
        setOptionalLong(ps, 1, rebalanceId);
        ps.setString(2, source);
        ps.setLong(3, timeMs);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          snapshotId = rs.getLong(1);
        }
      }
      if (!copy.isEmpty()) {
        try (PreparedStatement ps = c.prepareStatement(
            "INSERT INTO position_snapshot_item (snapshot_id, coin, size) VALUES (?, ?, ?)")) {
          for (Map.Entry<String, Double> e : copy.entrySet()) {
            ps.setLong(1, snapshotId);
            ps.setString(2, e.getKey());
            ps.setDouble(3, e.getValue());
            ps.addBatch();
          }
          ps.executeBatch();
        }
      }
      return null;
    });
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException on an unknown mode or a non-finite account value
   */
  @Override
  public void recordEquity(String mode, long timeMs, double accountValueUsd) {
    oneOf(mode, MODES, "mode");
    finite(accountValueUsd, "accountValueUsd");
    transaction("recordEquity", c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO equity_mark (mode, time_ms, account_value_usd) VALUES (?, ?, ?)")) {
        ps.setString(1, mode);
        ps.setLong(2, timeMs);
        ps.setDouble(3, accountValueUsd);
        ps.executeUpdate();
      }
      return null;
    });
  }

  /**
   * {@inheritDoc} The time is the store clock's.
   *
   * @throws IllegalArgumentException on a blank kind, an unknown level or a null message
   */
  @Override
  public void recordEvent(Optional<Long> rebalanceId, String kind, String level, String message) {
    Checks.notNull(rebalanceId, "rebalanceId");
    text(kind, "kind");
    oneOf(level, LEVELS, "level");
    Checks.notNull(message, "message");
    transaction("recordEvent", c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO event (rebalance_id, kind, level, message, time_ms) VALUES (?, ?, ?, ?, ?)")) {
        setOptionalLong(ps, 1, rebalanceId);
        ps.setString(2, kind);
        ps.setString(3, level);
        ps.setString(4, message);
        ps.setLong(5, clock.millis());
        ps.executeUpdate();
      }
      return null;
    });
  }

  @Override
  public List<EventRecord> events(Optional<Long> rebalanceId) {
    Checks.notNull(rebalanceId, "rebalanceId");
    return transaction("events", c -> {
      String sql = "SELECT rebalance_id, kind, level, message, time_ms FROM event"
          + (rebalanceId.isPresent() ? " WHERE rebalance_id = ?" : "") + " ORDER BY id";
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        if (rebalanceId.isPresent()) {
          ps.setLong(1, rebalanceId.get());
        }
        List<EventRecord> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(new EventRecord(optionalLong(rs, 1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getLong(5)));
          }
        }
        return List.copyOf(out);
      }
    });
  }

  /**
   * {@inheritDoc} Stored in table {@code error_log} (column {@code location}) with the store clock's time.
   *
   * @throws IllegalArgumentException on a blank {@code where} or a null message
   */
  @Override
  public void recordError(Optional<Long> rebalanceId, String where, String message) {
    Checks.notNull(rebalanceId, "rebalanceId");
    text(where, "where");
    Checks.notNull(message, "message");
    transaction("recordError", c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO error_log (rebalance_id, location, message, time_ms) VALUES (?, ?, ?, ?)")) {
        setOptionalLong(ps, 1, rebalanceId);
        ps.setString(2, where);
        ps.setString(3, message);
        ps.setLong(4, clock.millis());
        ps.executeUpdate();
      }
      return null;
    });
  }

  // ---------------------------------------------------------------- paper account

  /** {@inheritDoc} The map is unmodifiable and iterates in coin order. */
  @Override
  public Map<String, Double> paperPositions() {
    return transaction("paperPositions", c -> {
      try (PreparedStatement ps =
          c.prepareStatement("SELECT coin, size FROM paper_position WHERE size <> 0 ORDER BY coin")) {
        Map<String, Double> out = new LinkedHashMap<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.put(rs.getString(1), rs.getDouble(2));
          }
        }
        return Collections.unmodifiableMap(out);
      }
    });
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalStateException when the paper account was never initialised
   */
  @Override
  public double paperCash() {
    return transaction("paperCash", c -> lockPaperCash(c, "paperCash", false));
  }

  /**
   * {@inheritDoc} A second call leaves the existing account (cash and positions) untouched, whatever
   * {@code cashUsd} it passes.
   *
   * @throws IllegalArgumentException when {@code cashUsd} is negative or not finite
   */
  @Override
  public void initPaperAccount(double cashUsd) {
    Checks.nonNegative(cashUsd, "cashUsd");
    transaction("initPaperAccount", c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO paper_account (id, cash_usd) VALUES (1, ?) ON CONFLICT (id) DO NOTHING")) {
        ps.setDouble(1, cashUsd);
        ps.executeUpdate();
      }
      return null;
    });
  }

  /**
   * {@inheritDoc} In Java doubles: {@code size' = size + signedSize}, {@code cash' = cash - (signedSize * px +
   * feeUsd)}; a position that reaches exactly 0 is removed.
   *
   * @throws IllegalArgumentException on a blank coin, a zero or non-finite size, a non-positive or non-finite
   *     price, a non-finite fee
   * @throws IllegalStateException when the paper account was never initialised
   */
  @Override
  public void applyPaperFill(String coin, double signedSize, double px, double feeUsd) {
    text(coin, "coin");
    finite(signedSize, "signedSize");
    if (signedSize == 0) {
      throw new IllegalArgumentException("Argument 'signedSize' must be non-zero, was " + signedSize);
    }
    Checks.positive(px, "px");
    finite(feeUsd, "feeUsd");
    transaction("applyPaperFill", c -> {
      double cash = lockPaperCash(c, "applyPaperFill", true);
      double size = 0;
      try (PreparedStatement ps = c.prepareStatement("SELECT size FROM paper_position WHERE coin = ? FOR UPDATE")) {
        ps.setString(1, coin);
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            size = rs.getDouble(1);
          }
        }
      }
      double newSize = size + signedSize;
      double newCash = cash - (signedSize * px + feeUsd);
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE paper_account SET cash_usd = ?, updated_at = now() WHERE id = 1")) {
        ps.setDouble(1, newCash);
        ps.executeUpdate();
      }
      String sql = newSize == 0
          ? "DELETE FROM paper_position WHERE coin = ?"
          : "INSERT INTO paper_position (coin, size) VALUES (?, ?) "
              + "ON CONFLICT (coin) DO UPDATE SET size = EXCLUDED.size, updated_at = now()";
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setString(1, coin);
        if (newSize != 0) {
          ps.setDouble(2, newSize);
        }
        ps.executeUpdate();
      }
      return null;
    });
  }

  // ---------------------------------------------------------------- lifecycle

  /** Closes the connection; idempotent. Any later call except {@code close} and {@code toString} fails. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    Connection c = connection;
    connection = null;
    if (c != null) {
      try {
        c.close();
      } catch (SQLException e) {
        throw failure("close", e);
      }
    }
  }

  /** @return the URL without its query string, the user and whether the store is open; never the password */
  @Override
  public synchronized String toString() {
    return "PostgresAuditStore[url=" + safeUrl(jdbcUrl) + ", user=" + user + ", " + (closed ? "closed" : "open")
        + "]";
  }

  // ---------------------------------------------------------------- internals

  @FunctionalInterface
  private interface SqlWork<T> {
    T run(Connection c) throws SQLException;
  }

  private void migrate() {
    try {
      Flyway.configure()
          .dataSource(jdbcUrl, user, password)
          .locations("classpath:db/migration")
          .load()
          .migrate();
    } catch (FlywayException e) {
      SQLException sql = findSql(e);
      throw new StoreException("open: Flyway migration of " + safeUrl(jdbcUrl) + " failed"
          + (sql == null ? "" : " (SQLState " + sql.getSQLState() + ")") + ": " + redact(e.getMessage()),
          safeCause(e));
    }
  }

  /** Returns the live connection, connecting when there is none. Caller holds the lock. */
  private Connection connection(String op) {
    if (closed) {
      throw new IllegalStateException(op + ": the store is closed");
    }
    if (connection == null) {
      Properties props = new Properties();
      props.setProperty("user", user);
      if (!password.isEmpty()) {
        props.setProperty("password", password);
      }
      props.setProperty("ApplicationName", "slipstream-live");
      props.setProperty("tcpKeepAlive", "true");
      try {
        Connection c = DriverManager.getConnection(jdbcUrl, props);
        c.setAutoCommit(false);
        connection = c;
      } catch (SQLException e) {
        throw new StoreException(op + ": cannot connect to " + safeUrl(jdbcUrl) + " as " + user + " (SQLState "
            + e.getSQLState() + "): " + redact(e.getMessage()), safeCause(e));
      }
    }
    return connection;
  }

  /** Runs {@code work} as one transaction: commit on success, rollback on any failure. */
  private synchronized <T> T transaction(String op, SqlWork<T> work) {
    Connection c = connection(op);
    try {
      T result = work.run(c);
      c.commit();
      return result;
    } catch (SQLException e) {
      StoreException failure = failure(op, e);
      rollback(c, failure);
      discardIfBroken(c, e, failure);
      throw failure;
    } catch (RuntimeException e) {
      rollback(c, e);
      throw e;
    }
  }

  private static void rollback(Connection c, RuntimeException pending) {
    try {
      c.rollback();
    } catch (SQLException r) {
      pending.addSuppressed(r);
    }
  }

  private void discardIfBroken(Connection c, SQLException cause, RuntimeException pending) {
    String state = cause.getSQLState();
    boolean broken;
    try {
      broken = c.isClosed() || (state != null && (state.startsWith("08") || state.startsWith("57P")));
    } catch (SQLException e) {
      pending.addSuppressed(e);
      broken = true;
    }
    if (broken) {
      connection = null;
      try {
        c.close();
      } catch (SQLException e) {
        pending.addSuppressed(e);
      }
    }
  }

  private StoreException failure(String op, SQLException e) {
    return new StoreException(
        op + " failed (SQLState " + e.getSQLState() + "): " + redact(e.getMessage()), safeCause(e));
  }

  /** Locks the rebalance row and returns its status. */
  private static String lockRebalance(Connection c, String op, long rebalanceId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT status FROM rebalance WHERE id = ? FOR UPDATE")) {
      ps.setLong(1, rebalanceId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new StoreException(op + ": no rebalance with id " + rebalanceId, null);
        }
        return rs.getString(1);
      }
    }
  }

  private static double lockPaperCash(Connection c, String op, boolean forUpdate) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT cash_usd FROM paper_account WHERE id = 1" + (forUpdate ? " FOR UPDATE" : ""))) {
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalStateException(op + ": the paper account is not initialised; call initPaperAccount");
        }
        return rs.getDouble(1);
      }
    }
  }

  private static Optional<RebalanceRecord> readRebalance(PreparedStatement ps) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        return Optional.empty();
      }
      return Optional.of(new RebalanceRecord(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4),
          rs.getString(5), rs.getLong(6)));
    }
  }

  private static List<OrderRecord> readOrders(PreparedStatement ps) throws SQLException {
    List<OrderRecord> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(new OrderRecord(rs.getString(1), optionalLong(rs, 2), rs.getString(3), rs.getString(4),
            rs.getInt(5), rs.getBoolean(6), rs.getDouble(7), rs.getDouble(8), rs.getString(9), rs.getBoolean(10),
            rs.getString(11), optionalLong(rs, 12), rs.getString(13), rs.getLong(14)));
      }
    }
    return List.copyOf(out);
  }

  private static Optional<Long> optionalLong(ResultSet rs, int column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? Optional.empty() : Optional.of(v);
  }

  private static void setOptionalLong(PreparedStatement ps, int index, Optional<Long> value) throws SQLException {
    if (value.isPresent()) {
      ps.setLong(index, value.get());
    } else {
      ps.setNull(index, Types.BIGINT);
    }
  }

  private static void setOptionalString(PreparedStatement ps, int index, Optional<String> value)
      throws SQLException {
    if (value.isPresent()) {
      ps.setString(index, value.get());
    } else {
      ps.setNull(index, Types.VARCHAR);
    }
  }

  private static <T> List<T> rows(List<T> rows, String name) {
    Checks.notNull(rows, name);
    for (int i = 0; i < rows.size(); i++) {
      if (rows.get(i) == null) {
        throw new IllegalArgumentException("Argument '" + name + "[" + i + "]' must not be null");
      }
    }
    return List.copyOf(rows);
  }

  private static String text(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("Argument '" + name + "' must be non-blank text, was "
          + (value == null ? "null" : "'" + value + "'"));
    }
    return value;
  }

  private static String oneOf(String value, Set<String> allowed, String name) {
    if (value == null || !allowed.contains(value)) {
      throw new IllegalArgumentException("Argument '" + name + "' must be one of " + new TreeSet<>(allowed)
          + ", was " + (value == null ? "null" : "'" + value + "'"));
    }
    return value;
  }

  private static double finite(double value, String name) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("Argument '" + name + "' must be finite, was " + value);
    }
    return value;
  }

  /** The JDBC URL without its query string (which may carry a password). */
  static String safeUrl(String url) {
    int q = url.indexOf('?');
    return q < 0 ? url : url.substring(0, q) + "?<redacted>";
  }

  /** Removes the password, the full URL and any {@code password=} parameter from a message. */
  private String redact(String message) {
    if (message == null) {
      return "";
    }
    String out = message.replace(jdbcUrl, safeUrl(jdbcUrl));
    if (!password.isEmpty()) {
      out = out.replace(password, "<redacted>");
    }
    return PASSWORD_PARAM.matcher(out).replaceAll("$1<redacted>");
  }

  private boolean hasSecret(String message) {
    return message != null && ((!password.isEmpty() && message.contains(password))
        || (!safeUrl(jdbcUrl).equals(jdbcUrl) && message.contains(jdbcUrl)) || PASSWORD_PARAM.matcher(message).find());
  }

  /**
   * Returns {@code t} when no message in its cause chain carries a secret, else a copy of the chain whose messages
   * are redacted (class names and stack traces kept).
   */
  private Throwable safeCause(Throwable t) {
    boolean secret = false;
    for (Throwable x = t; x != null && !secret; x = x.getCause() == x ? null : x.getCause()) {
      secret = hasSecret(x.getMessage());
    }
    return secret ? redactedCopy(t, 0) : t;
  }

  private Throwable redactedCopy(Throwable t, int depth) {
    if (t == null || depth > 20) {
      return null;
    }
    RedactedException copy = new RedactedException(t.getClass().getName() + ": " + redact(t.getMessage()),
        t.getCause() == t ? null : redactedCopy(t.getCause(), depth + 1));
    copy.setStackTrace(t.getStackTrace());
    return copy;
  }

  private static SQLException findSql(Throwable t) {
    for (Throwable x = t; x != null; x = x.getCause() == x ? null : x.getCause()) {
      if (x instanceof SQLException s) {
        return s;
      }
    }
    return null;
  }

  /** Stands in for an exception whose message carried a secret: same class name (in the message) and trace. */
  private static final class RedactedException extends Exception {
    private static final long serialVersionUID = 1L;

    RedactedException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
