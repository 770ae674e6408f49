package io.slipstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slipstream.backtest.BacktestConfig;
import io.slipstream.backtest.BacktestResult;
import io.slipstream.backtest.Backtester;
import io.slipstream.backtest.ConfigParser;
import io.slipstream.core.ConfigException;
import io.slipstream.cost.CostModel;
import io.slipstream.data.Lake;
import io.slipstream.data.MarketData;
import io.slipstream.portfolio.TargetSource;
import io.slipstream.strategy.SignalCache;
import io.slipstream.strategy.StrategyRegistry;
import io.slipstream.strategy.StrategyScaffold;
import io.slipstream.strategy.StrategySpec;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code slipstream strategy new NAME} end to end: the scaffold is written into a copy of the project's provider file,
 * compiled (main and test sources) with the JDK compiler against the test class path, found by
 * {@link ServiceLoader} through its provider line, parsed from its generated {@code config/NAME.json} and backtested
 * on the real 4h data. Refusals leave the tree as it was.
 */
class StrategyScaffoldTest {
  private static final Path DIR = Path.of(System.getProperty("slipstream.data", "../shared/data/hyperliquid"));

  private static Path project(Path tmp) throws IOException {
    Files.writeString(tmp.resolve("pom.xml"), "<project/>");
    Path services = tmp.resolve(StrategyScaffold.SERVICES);
    Files.createDirectories(services.getParent());
    Files.copy(Path.of(StrategyScaffold.SERVICES), services);
    return tmp;
  }

  private static int run(String... args) {
    PrintStream old = System.out;
    try {
      System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
      return Main.execute(args);
    } finally {
      System.setOut(old);
    }
  }

  /** The test class path as files (Surefire may hand a manifest-only booter jar: its Class-Path is expanded). */
  private static List<String> classPath() throws IOException {
    List<String> out = new ArrayList<>();
    for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
      out.add(e);
      if (e.endsWith(".jar") && Path.of(e).getFileName().toString().startsWith("surefirebooter")) {
        try (JarFile jar = new JarFile(e)) {
          String cp = jar.getManifest().getMainAttributes().getValue("Class-Path");
          for (String u : cp == null ? new String[0] : cp.trim().split("\\s+")) {
            out.add(Path.of(URI.create(u).isAbsolute() ? URI.create(u) : Path.of(e).getParent().toUri().resolve(u))
                .toString());
          }
        }
      }
    }
    return out;
  }

  @Test
  void new_writesACompilingPackageThatRegistersAndBacktestsOnTheRealData(@TempDir Path tmp) throws Exception {
    Path root = project(tmp);
    String before = Files.readString(root.resolve(StrategyScaffold.SERVICES));

    assertThat(run("strategy", "new", "scaffold_trend", "--root", root.toString())).isZero();

    List<Path> written;
    try (Stream<Path> s = Files.walk(root)) {
      written = s.filter(Files::isRegularFile).toList();
    }
    // the files of one strategy: package-info, config record, spec, strategy, test, config JSON (+ provider line)
    assertThat(StrategyScaffold.files("scaffold_trend")).hasSize(6);
    for (String rel : StrategyScaffold.files("scaffold_trend").keySet()) {
      assertThat(root.resolve(rel)).exists();
    }
    String after = Files.readString(root.resolve(StrategyScaffold.SERVICES));
    assertThat(after).isEqualTo(before + "io.slipstream.strategy.scaffoldtrend.ScaffoldTrendSpec\n");

    Path classes = Files.createDirectories(tmp.resolve("classes"));
    List<String> sources = written.stream().map(Path::toString).filter(p -> p.endsWith(".java")).toList();
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-cp",
        String.join(File.pathSeparator, classPath()), "-proc:none", "-Xlint:none"));
    args.addAll(sources);
    ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
    int rc = javac.run(null, diagnostics, diagnostics, args.toArray(String[]::new));
    assertThat(rc).as(diagnostics.toString(StandardCharsets.UTF_8)).isZero();
    Path meta = classes.resolve("META-INF/services");
    Files.createDirectories(meta);
    Files.writeString(meta.resolve("io.slipstream.strategy.StrategySpec"),
        "io.slipstream.strategy.scaffoldtrend.ScaffoldTrendSpec\n");

    try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
        StrategyScaffoldTest.class.getClassLoader())) {
      StrategySpec spec = ServiceLoader.load(StrategySpec.class, loader).stream().map(ServiceLoader.Provider::get)
          .filter(s -> s.name().equals("scaffold_trend")).findFirst().orElseThrow();
      ObjectNode json = ConfigParser.readTree(Files.readString(root.resolve("config/scaffold_trend.json")), "cfg");
      BacktestConfig cfg = ConfigParser.parse(json, "cfg",
          n -> n.equals(spec.name()) ? spec : StrategyRegistry.spec(n));
      MarketData md = Lake.load(DIR, cfg.interval(), true);
      CostModel costs = Backtester.costModel(md, cfg);
      TargetSource targets = spec.batch(cfg.params(), md, costs, SignalCache.none());
      BacktestResult r = Backtester.run(md, targets, costs, cfg.funding(), cfg.capitalUsd(),
          Optional.of(Instant.parse("2025-01-01T00:00:00Z")), cfg.end());
      assertThat(r.size()).isGreaterThan(1000);
      assertThat(r.weightEntries()).as("positions held").isPositive();
      int rebalances = 0;
      for (boolean b : r.rebalanced()) {
        rebalances += b ? 1 : 0;
      }
      assertThat(rebalances).as("daily rebalances").isGreaterThan(150);
      assertThat(r.nav()[r.size() - 1]).isFinite().isPositive();
    }
  }

  @Test
  void new_refusesARegisteredNameABadNameAndExistingFiles_writingNothing(@TempDir Path tmp) throws Exception {
    Path root = project(tmp);
    String services = Files.readString(root.resolve(StrategyScaffold.SERVICES));

    assertThat(run("strategy", "new", "gradient", "--root", root.toString())).isEqualTo(2);
    assertThat(run("strategy", "new", "MyTrend", "--root", root.toString())).isEqualTo(2);
    assertThat(run("strategy", "new", "my__trend", "--root", root.toString())).isEqualTo(2);
    Files.createDirectories(root.resolve("config"));
    Files.writeString(root.resolve("config/taken.json"), "{}");
    assertThat(run("strategy", "new", "taken", "--root", root.toString())).isEqualTo(2);
    assertThat(Files.readString(root.resolve("config/taken.json"))).isEqualTo("{}");
    assertThat(run("strategy", "new", "elsewhere", "--root", tmp.resolve("nowhere").toString())).isEqualTo(2);

    assertThat(Files.readString(root.resolve(StrategyScaffold.SERVICES))).isEqualTo(services);
    try (Stream<Path> s = Files.walk(root)) {
      assertThat(s.filter(Files::isRegularFile).count()).isEqualTo(3);
    }
  }

  @Test
  void packageName_badNames_throwNamingTheValue() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> StrategyScaffold.packageName("new"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("keyword");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> StrategyScaffold.packageName("9lives"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("9lives");
  }

  @Test
  void list_printsOneLinePerRegisteredStrategy_nameFirst() {
    PrintStream old = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
      assertThat(Main.execute("strategy", "list")).isZero();
    } finally {
      System.setOut(old);
    }
    List<String> lines = buf.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines).hasSize(StrategyRegistry.names().size());
    for (int i = 0; i < lines.size(); i++) {
      assertThat(lines.get(i)).startsWith(StrategyRegistry.names().get(i) + "  ");
    }
    assertThat(String.join("\n", lines)).contains("concentration_pct").contains("horizon_hours");
  }
}
