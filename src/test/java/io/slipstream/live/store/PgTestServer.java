package io.slipstream.live.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Gives tests a fresh PostgreSQL database ({@link #newDatabase()}, dropped by {@link Database#close()}).
 *
 * <p>Where the server comes from:
 * <ol>
 *   <li>{@code SLIPSTREAM_PG_URL} set (CI runs {@code tools/postgres/start.sh}): that server, as
 *       {@code SLIPSTREAM_PG_USER} / {@code SLIPSTREAM_PG_PASSWORD}; the user needs {@code CREATEDB}. Each database
 *       is created on it as {@code slipstream_test_<random>}.</li>
 *   <li>Otherwise a private throwaway cluster from Debian's binaries ({@code $SLIPSTREAM_PG_BIN}, else the newest
 *       {@code /usr/lib/postgresql/<version>/bin}, else {@code initdb}/{@code pg_ctl} on the {@code PATH}): one per
 *       JVM, started on first use in a temp directory, listening on 127.0.0.1 only on a free port with trust
 *       authentication (no TCP password), and stopped (and its directory deleted) by a shutdown hook. PostgreSQL
 *       refuses to run as root, so when the JVM runs as root the cluster is owned by and run as the
 *       {@code postgres} OS user ({@code runuser -u postgres --}); that user must exist (the Debian package
 *       creates it). Clusters left behind by a killed JVM are stopped and deleted on the next start.</li>
 *   <li>Neither: {@link #newDatabase()} throws {@link IllegalStateException} (the test fails, it is not skipped)
 *       telling to install postgresql or run {@code tools/postgres/start.sh}.</li>
 * </ol>
 */
public final class PgTestServer {
  private static final String DIR_PREFIX = "slipstream-pgtest-";
  private static final String OWNER_FILE = "owner.pid";
  private static final Pattern URL = Pattern.compile("^(jdbc:postgresql://[^/?]*)(/[^?]*)?(\\?.*)?$");
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String INSTALL_HINT = "install PostgreSQL (Debian: apt-get install postgresql) or start a "
      + "server with tools/postgres/start.sh and export the SLIPSTREAM_PG_URL, SLIPSTREAM_PG_USER and "
      + "SLIPSTREAM_PG_PASSWORD lines it prints";

  private static Server server;

  private PgTestServer() {
  }

  /**
   * Creates an empty database named {@code slipstream_test_<16 hex digits>}.
   *
   * @return the database; close it to drop it
   * @throws IllegalStateException when no server is available or it cannot be started (the message says why)
   */
  public static Database newDatabase() {
    Server s = server();
    String name = "slipstream_test_" + HexFormat.of().formatHex(RANDOM.generateSeed(8));
    s.execute("CREATE DATABASE " + name);
    // on the trust-authenticated private cluster any password is accepted: give every database a random one, so the
    // secret-leak checks (log, output, audit trail must not contain it) have a real secret in a plain `mvn test`
    String password = s.trust ? HexFormat.of().formatHex(RANDOM.generateSeed(12)) : s.password;
    return new Database(s, name, password);
  }

  private static synchronized Server server() {
    if (server == null) {
      String url = System.getenv("SLIPSTREAM_PG_URL");
      server = url != null && !url.isBlank() ? externalServer(url) : PrivateCluster.start();
    }
    return server;
  }

  private static Server externalServer(String url) {
    String user = System.getenv("SLIPSTREAM_PG_USER");
    if (user == null || user.isBlank()) {
      throw new IllegalStateException("SLIPSTREAM_PG_URL is set but SLIPSTREAM_PG_USER is not; export the lines "
          + "tools/postgres/start.sh prints");
    }
    String password = Optional.ofNullable(System.getenv("SLIPSTREAM_PG_PASSWORD")).orElse("");
    Matcher m = URL.matcher(url);
    if (!m.matches()) {
      throw new IllegalStateException("SLIPSTREAM_PG_URL must look like jdbc:postgresql://host:port/database, was "
          + PostgresAuditStore.safeUrl(url));
    }
    return new Server(m.group(1), m.group(2) == null || m.group(2).length() <= 1 ? "postgres" : m.group(2)
        .substring(1), m.group(3) == null ? "" : m.group(3), user, password, false);
  }

  /** A test database; {@link #close()} drops it (terminating any connection left open to it). */
  public static final class Database implements AutoCloseable {
    private final Server server;
    private final String name;
    private final String password;
    private boolean closed;

    private Database(Server server, String name, String password) {
      this.server = server;
      this.name = name;
      this.password = password;
    }

    /** @return the JDBC URL of this database */
    public String jdbcUrl() {
      return server.url(name);
    }

    /** @return the user to connect as */
    public String user() {
      return server.user;
    }

    /**
     * @return the password: {@code SLIPSTREAM_PG_PASSWORD} on an external server; on the private cluster (trust
     *     authentication, any password accepted) a random 24-hex-digit one per database, a real secret for the
     *     secret-leak checks
     */
    public String password() {
      return password;
    }

    /** @return the database name */
    public String name() {
      return name;
    }

    /** Drops the database; idempotent. */
    @Override
    public synchronized void close() {
      if (!closed) {
        closed = true;
        server.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
      }
    }

    /** @return the URL and user, never the password */
    @Override
    public String toString() {
      return "Database[" + jdbcUrl() + ", user=" + server.user + "]";
    }
  }

  /** A server reached as an administrative user that may create databases. */
  private static final class Server {
    private final String base;
    private final String adminDatabase;
    private final String query;
    private final String user;
    private final String password;
    private final boolean trust;

    Server(String base, String adminDatabase, String query, String user, String password, boolean trust) {
      this.base = base;
      this.adminDatabase = adminDatabase;
      this.query = query;
      this.user = user;
      this.password = password;
      this.trust = trust;
    }

    String url(String database) {
      return base + "/" + database + query;
    }

    void execute(String sql) {
      Properties props = new Properties();
      props.setProperty("user", user);
      if (!password.isEmpty()) {
        props.setProperty("password", password);
      }
      try (Connection c = DriverManager.getConnection(url(adminDatabase), props);
          Statement st = c.createStatement()) {
        st.execute(sql);
      } catch (SQLException e) {
        throw new IllegalStateException("test PostgreSQL at " + base + ": '" + sql + "' failed (SQLState "
            + e.getSQLState() + "): " + e.getMessage(), e);
      }
    }
  }

  /** The per-JVM throwaway cluster. */
  private static final class PrivateCluster {
    private PrivateCluster() {
    }

    static Server start() {
      Path bin = findBinaries().orElseThrow(() -> new IllegalStateException(
          "No PostgreSQL for tests: SLIPSTREAM_PG_URL is unset and no initdb/pg_ctl was found in $SLIPSTREAM_PG_BIN, "
              + "/usr/lib/postgresql/<version>/bin or the PATH; " + INSTALL_HINT));
      boolean root = isRoot();
      if (root && run(List.of("id", "-u", "postgres"), null).exitCode != 0) {
        throw new IllegalStateException("No PostgreSQL for tests: the JVM runs as root, PostgreSQL refuses to run "
            + "as root and there is no 'postgres' OS user to run it as; " + INSTALL_HINT);
      }
      removeStaleClusters(bin, root);
      Path dir;
      try {
        dir = Files.createTempDirectory(DIR_PREFIX);
        Files.writeString(dir.resolve(OWNER_FILE), Long.toString(ProcessHandle.current().pid()));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create the test PostgreSQL directory in "
            + System.getProperty("java.io.tmpdir"), e);
      }
      if (root) {
        check(run(List.of("chown", "-R", "postgres:postgres", dir.toString()), dir), "chown " + dir);
      }
      Path data = dir.resolve("data");
      check(run(asOwner(root, List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres",
          "--auth-host=trust", "--auth-local=trust", "-E", "UTF8", "--locale=C", "--no-sync")), dir), "initdb");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(bin, dir, root), "pg-test-server-stop"));
      Result last = null;
      for (int attempt = 0; attempt < 3; attempt++) {
        int port = freePort();
        String options = "-c listen_addresses=127.0.0.1 -p " + port + " -c unix_socket_directories=" + dir
            + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=50";
        last = run(asOwner(root, List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l",
            dir.resolve("server.log").toString(), "-w", "-t", "30", "-o", options, "start")), dir);
        if (last.exitCode == 0) {
          return new Server("jdbc:postgresql://127.0.0.1:" + port, "postgres", "", "postgres", "", true);
        }
      }
      throw new IllegalStateException("cannot start the test PostgreSQL cluster in " + dir + ": " + last.output
          + "\nserver.log: " + readQuietly(dir.resolve("server.log")));
    }

    private static Optional<Path> findBinaries() {
      List<Path> candidates = new ArrayList<>();
      String env = System.getenv("SLIPSTREAM_PG_BIN");
      if (env != null && !env.isBlank()) {
        candidates.add(Paths.get(env));
      }
      Path debian = Paths.get("/usr/lib/postgresql");
      if (Files.isDirectory(debian)) {
        try (Stream<Path> versions = Files.list(debian)) {
          versions.filter(p -> p.getFileName().toString().matches("\\d+(\\.\\d+)?"))
              .sorted(Comparator.comparingDouble((Path p) -> Double.parseDouble(p.getFileName().toString()))
                  .reversed())
              .forEach(p -> candidates.add(p.resolve("bin")));
        } catch (IOException e) {
          throw new UncheckedIOException("cannot list " + debian, e);
        }
      }
      String path = System.getenv("PATH");
      if (path != null) {
        for (String d : path.split(":")) {
          if (!d.isEmpty()) {
            candidates.add(Paths.get(d));
          }
        }
      }
      return candidates.stream()
          .filter(d -> Files.isExecutable(d.resolve("initdb")) && Files.isExecutable(d.resolve("pg_ctl")))
          .map(d -> Files.isSymbolicLink(d.resolve("pg_ctl")) ? realParent(d.resolve("pg_ctl")) : d)
          .findFirst();
    }

    private static Path realParent(Path file) {
      try {
        return file.toRealPath().getParent();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot resolve " + file, e);
      }
    }

    private static boolean isRoot() {
      try {
        return ((Integer) Files.getAttribute(Paths.get("/proc/self"), "unix:uid")) == 0;
      } catch (IOException | UnsupportedOperationException e) {
        return "root".equals(System.getProperty("user.name"));
      }
    }

    private static List<String> asOwner(boolean root, List<String> command) {
      if (!root) {
        return command;
      }
      List<String> out = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
      out.addAll(command);
      return out;
    }

    /** Stops and deletes clusters whose owning JVM is gone (best effort: a failure leaves the directory). */
    private static void removeStaleClusters(Path bin, boolean root) {
      Path tmp = Paths.get(System.getProperty("java.io.tmpdir"));
      List<Path> dirs = new ArrayList<>();
      try (DirectoryStream<Path> found = Files.newDirectoryStream(tmp, DIR_PREFIX + "*")) {
        found.forEach(dirs::add);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list " + tmp, e);
      }
      for (Path dir : dirs) {
        long pid;
        try {
          pid = Long.parseLong(Files.readString(dir.resolve(OWNER_FILE)).trim());
        } catch (IOException | NumberFormatException e) {
          // Another JVM may be creating (owner file not yet written) or deleting this directory: not stale.
          continue;
        }
        if (ProcessHandle.of(pid).isEmpty()) {
          stop(bin, dir, root);
        }
      }
    }

    private static void stop(Path bin, Path dir, boolean root) {
      Path data = dir.resolve("data");
      if (Files.exists(data.resolve("postmaster.pid"))) {
        run(asOwner(root, List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate",
            "-w", "-t", "30", "stop")), dir);
      }
      deleteRecursively(dir);
    }

    private static void deleteRecursively(Path dir) {
      try (Stream<Path> walk = Files.walk(dir)) {
        walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException | UncheckedIOException e) {
        // Shutdown-hook cleanup of a temp directory: nothing left to report to; removeStaleClusters retries.
        return;
      }
    }

    private static int freePort() {
      try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
        return s.getLocalPort();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot find a free port on 127.0.0.1", e);
      }
    }

    private static String readQuietly(Path file) {
      try {
        return Files.readString(file);
      } catch (IOException e) {
        return "(unreadable: " + e.getMessage() + ")";
      }
    }
  }

  private record Result(int exitCode, String output) {
  }

  /** Runs a command (in {@code dir} when given), its output captured through a temp file, 60 s at most. */
  private static Result run(List<String> command, Path dir) {
    Path out = null;
    try {
      out = Files.createTempFile("slipstream-pgcmd-", ".log");
      ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(out.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      if (dir != null) {
        pb.directory(dir.toFile());
      }
      pb.environment().putAll(Map.of("LC_ALL", "C", "LANG", "C"));
      Process p = pb.start();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return new Result(-1, String.join(" ", command) + ": timed out after 60 s");
      }
      return new Result(p.exitValue(), String.join(" ", command) + ": " + Files.readString(out,
          StandardCharsets.UTF_8));
    } catch (IOException e) {
      return new Result(-1, String.join(" ", command) + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(-1, String.join(" ", command) + ": interrupted");
    } finally {
      if (out != null) {
        out.toFile().delete();
      }
    }
  }

  private static void check(Result r, String what) {
    if (r.exitCode != 0) {
      throw new IllegalStateException("test PostgreSQL: " + what + " failed (exit " + r.exitCode + "): " + r.output);
    }
  }
}
