package io.slipstream.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slipstream.backtest.BacktestConfig;
import io.slipstream.backtest.ConfigParser;
import io.slipstream.backtest.search.GridEngine;
import io.slipstream.backtest.search.GridEvaluator;
import io.slipstream.backtest.search.GridJob;
import io.slipstream.backtest.search.GridResults;
import io.slipstream.backtest.search.GridSpec;
import io.slipstream.backtest.search.GridSummary;
import io.slipstream.backtest.search.MultiCoreEngine;
import io.slipstream.backtest.search.Objective;
import io.slipstream.backtest.search.PeriodStats;
import io.slipstream.backtest.search.ResultWriter;
import io.slipstream.data.Lake;
import io.slipstream.data.MarketData;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code slipstream grid}: evaluates every configuration of a parameter grid over a base config, streaming one row
 * per configuration to Parquet parts under {@code --out}/results, then writes the summary (best in-sample
 * configuration, its out-of-sample stats, deflated Sharpe, PBO), the best config, charts and a report. A run
 * interrupted with Ctrl-C keeps the rows written; the same command resumes it.
 */
@Command(name = "grid", mixinStandardHelpOptions = true,
    description = "Parameter grid search over a base config (multi-core or Apache Spark). Streams results to "
        + "--out/results/part-*.parquet; writes summary.json, best_config.json, heatmap.png, is_oos.png and "
        + "report.html. Re-running the same command on the same --out resumes an interrupted search.")
final class GridCommand implements Callable<Integer> {
  @Mixin
  GridInputs inputs;

  @Option(names = "--out", required = true, description = "run folder (created; an existing grid run is resumed)")
  Path out;

  @Option(names = "--engine", defaultValue = "multicore", description = "multicore | spark (default: ${DEFAULT-VALUE})")
  String engine;

  @Option(names = "--master", defaultValue = "local[*]", description = "Spark master URL (default: ${DEFAULT-VALUE})")
  String master;

  @Option(names = "--threads", description = "worker threads of the multicore engine (default: all cores)")
  Integer threads;

  @Option(names = "--oos-fraction", defaultValue = "0.3",
      description = "share of the booked bars held out of sample at the end (default: ${DEFAULT-VALUE})")
  double oosFraction;

  @Option(names = "--blocks", defaultValue = "16", description = "CSCV blocks for PBO, even (default: ${DEFAULT-VALUE})")
  int blocks;

  @Option(names = "--objective", defaultValue = "sharpe",
      description = "in-sample objective: sharpe | sortino | cagr | total_return | calmar (default: ${DEFAULT-VALUE})")
  String objective;

  @Option(names = "--heatmap", split = ",", description = "two grid keys for the heatmap axes, x,y "
      + "(default: the two keys with the largest effect on the in-sample objective)")
  String[] heatmap;

  @Option(names = "--rows-per-part", defaultValue = "256", description = "rows per Parquet part file "
      + "(default: ${DEFAULT-VALUE})")
  int rowsPerPart;

  static final String MANIFEST = "manifest.json";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Override
  public Integer call() {
    PrintStream stdout = System.out;
    long t0 = System.nanoTime();
    Objective obj;
    try {
      obj = Objective.of(objective);
    } catch (IllegalArgumentException e) {
      throw new Main.UsageException("--objective: " + e.getMessage());
    }
    if (!engine.equals("multicore") && !engine.equals("spark")) {
      throw new Main.UsageException("--engine must be multicore or spark, was \"" + engine + "\"");
    }
    if (threads != null && threads < 1) {
      throw new Main.UsageException("--threads must be >= 1, was " + threads);
    }
    if (rowsPerPart < 1) {
      throw new Main.UsageException("--rows-per-part must be >= 1, was " + rowsPerPart);
    }
    String configText = inputs.configText();
    String gridText = inputs.gridText();
    GridJob job;
    try {
      job = new GridJob(configText, gridText, inputs.config.toString(), oosFraction, blocks, obj);
    } catch (IllegalArgumentException e) {
      throw new Main.UsageException(e.getMessage().replace("Argument 'oos_fraction'", "--oos-fraction")
          .replace("Argument 'blocks'", "--blocks"));
    }
    GridInputs.Parsed parsed = inputs.parse(configText, gridText);
    ObjectNode base = parsed.base();
    BacktestConfig baseConfig = parsed.baseConfig();
    GridSpec spec = parsed.spec();
    int[] axes = heatmapAxes(spec);
    DataFiles.requireCandles(inputs.data, baseConfig.interval(), "interval");
    Path outDir = out.toAbsolutePath().normalize();
    Path results = outDir.resolve("results");
    String manifest = manifest(job, baseConfig);
    boolean resume = checkOutDir(outDir, manifest);
    for (long id = 0; id < spec.size(); id++) {
      spec.config(base, id, inputs.config.toString());
    }
    GridEngine eng = engine.equals("spark") ? sparkEngine()
        : threads == null ? MultiCoreEngine.allCores() : new MultiCoreEngine(threads);
    MarketData md = Lake.load(inputs.data, baseConfig.interval(), baseConfig.needsFunding());
    GridEvaluator ev = new GridEvaluator(md, job);
    writeAtomically(outDir.resolve(MANIFEST), manifest);
    BitSet done = GridResults.doneIds(results, spec.size());
    long[] todo = new long[(int) (spec.size() - done.cardinality())];
    int j = 0;
    for (int id = 0; id < spec.size(); id++) {
      if (!done.get(id)) {
        todo[j++] = id;
      }
    }
    todo = ev.inGroupOrder(todo);
    System.err.printf(Locale.ROOT, "grid: %d configurations (%s), %d already done%s, %d to run with the %s engine%n",
        spec.size(), String.join(" x ", spec.keys()), done.cardinality(), resume ? " (resuming)" : "", todo.length,
        engine);
    ResultWriter writer = new ResultWriter(results, spec, blocks, rowsPerPart);
    Thread hook = new Thread(() -> {
      writer.flush();
      System.err.println("grid: interrupted; " + (done.cardinality() + writer.written())
          + " rows kept in " + results + "; run the same command to resume");
    }, "grid-flush");
    Runtime.getRuntime().addShutdownHook(hook);
    try (GridProgress progress = new GridProgress(todo.length)) {
      eng.run(ev, todo, writer, progress);
      writer.close();
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the JVM is exiting: the hook flushes the buffer
      }
    }
    GridSummary summary = GridSummary.of(ev, results);
    GridSummary.Values values = GridSummary.read(ev, results);
    writeAtomically(outDir.resolve("summary.json"), json(summaryMap(summary, ev, md)));
    writeAtomically(outDir.resolve("best_config.json"), json(spec.apply(base, summary.bestId())));
    GridReportFiles.write(outDir, inputs.config.getFileName().toString(), ev, summary, values, axes);
    stdout.print(text(summary, ev, outDir, (System.nanoTime() - t0) / 1e9));
    stdout.flush();
    return 0;
  }

  /** The Spark engine; its classes (and Spark's) load only here, so other commands start as fast as before. */
  private GridEngine sparkEngine() {
    if (master == null || master.isBlank()) {
      throw new Main.UsageException("--master must be a Spark master URL (e.g. local[*], spark://host:7077), was \""
          + master + "\"");
    }
    return new io.slipstream.backtest.search.spark.SparkGridEngine(master);
  }

  private int[] heatmapAxes(GridSpec spec) {
    if (heatmap != null) {
      if (heatmap.length != 2) {
        throw new Main.UsageException("--heatmap needs two grid keys x,y, was " + String.join(",", heatmap));
      }
      int x = spec.keys().indexOf(heatmap[0]);
      int y = spec.keys().indexOf(heatmap[1]);
      if (x < 0 || y < 0 || x == y) {
        throw new Main.UsageException("--heatmap keys must be two different grid keys (grid keys: "
            + String.join(", ", spec.keys()) + "), was " + String.join(",", heatmap));
      }
      return new int[] {x, y};
    }
    // no --heatmap: the report picks the two keys with the largest effect on the objective (GridReportFiles)
    return new int[] {-1, -1};
  }

  /** The identity of a run: job and data window; a resumed run must match it exactly. */
  private String manifest(GridJob job, BacktestConfig cfg) {
    ObjectNode m = JSON.createObjectNode();
    m.put("format", "slipstream-grid-1");
    m.set("base_config", ConfigParser.readTree(job.baseConfigJson(), "config"));
    m.set("grid", ConfigParser.readTree(job.gridJson(), "grid"));
    m.put("data", inputs.data.toAbsolutePath().normalize().toString());
    m.put("interval", cfg.interval().label());
    m.put("oos_fraction", job.outOfSampleFraction());
    m.put("blocks", job.blocks());
    m.put("objective", job.objective().key());
    return json(m);
  }

  /** @return whether an existing run is resumed; throws when --out holds something else */
  private static boolean checkOutDir(Path outDir, String manifest) {
    if (!Files.exists(outDir)) {
      return false;
    }
    if (!Files.isDirectory(outDir)) {
      throw new Main.UsageException("--out " + outDir + " exists and is not a folder");
    }
    Path m = outDir.resolve(MANIFEST);
    if (!Files.exists(m)) {
      try (var s = Files.list(outDir)) {
        if (s.findAny().isPresent()) {
          throw new Main.UsageException("--out " + outDir + " exists, is not empty and is not a grid run folder");
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list " + outDir + ": " + e.getMessage(), e);
      }
      return false;
    }
    String old = GridInputs.read(m, "--out");
    if (!old.equals(manifest)) {
      throw new Main.UsageException("--out " + outDir + " holds a grid run with another config, grid, data or "
          + "options (see its " + MANIFEST + "); use another --out to start a new search");
    }
    return true;
  }

  private static Map<String, Object> summaryMap(GridSummary s, GridEvaluator ev, MarketData md) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("configurations", s.configurations());
    m.put("failed", s.failed());
    m.put("first_error", s.firstError());
    m.put("objective", s.objective().key());
    m.put("booked_bars", ev.bookedBars());
    m.put("in_sample_bars", ev.inSampleBars());
    m.put("best_config_id", s.bestId());
    m.put("best_params", readJson(s.bestParams()));
    m.put("best_full", stats(s.bestFull()));
    m.put("best_in_sample", stats(s.bestInSample()));
    m.put("best_out_of_sample", stats(s.bestOutOfSample()));
    m.put("best_out_of_sample_rank", s.outOfSampleRank());
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("trials", s.deflatedSharpe().trials());
    d.put("observations", s.deflatedSharpe().observations());
    d.put("sharpe_per_bar", num(s.deflatedSharpe().sharpe()));
    d.put("expected_max_sharpe_per_bar", num(s.deflatedSharpe().benchmarkSharpe()));
    d.put("skew", num(s.deflatedSharpe().skew()));
    d.put("kurtosis", num(s.deflatedSharpe().kurtosis()));
    d.put("deflated_sharpe_ratio", num(s.deflatedSharpe().deflatedSharpe()));
    m.put("deflated_sharpe", d);
    if (s.pbo() != null) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("pbo", num(s.pbo().pbo()));
      p.put("trials", s.pbo().trials());
      p.put("blocks", s.pbo().blocks());
      p.put("combinations", s.pbo().combinations());
      p.put("degradation_slope", num(s.pbo().degradationSlope()));
      p.put("degradation_intercept", num(s.pbo().degradationIntercept()));
      p.put("probability_of_oos_loss", num(s.pbo().probabilityOfOosLoss()));
      m.put("pbo", p);
    }
    return m;
  }

  private static Map<String, Object> stats(PeriodStats s) {
    Map<String, Object> m = new LinkedHashMap<>();
    double[] v = s.values();
    for (int i = 0; i < v.length; i++) {
      m.put(PeriodStats.NAMES[i], num(v[i]));
    }
    return m;
  }

  private static Double num(double x) {
    return Double.isFinite(x) ? x : null;
  }

  private static String text(GridSummary s, GridEvaluator ev, Path outDir, double seconds) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "grid: %d configurations (%d failed), %s, %d bars booked (%d in sample)%n",
        s.configurations(), s.failed(), ev.baseConfig().interval().label(), ev.bookedBars(), ev.inSampleBars()));
    sb.append(String.format(Locale.ROOT, "  best in-sample %s: config %d %s%n", s.objective().key(), s.bestId(),
        s.bestParams()));
    sb.append(String.format(Locale.ROOT, "  net Sharpe  in sample %6.2f   out of sample %6.2f (rank %d of %d)   "
        + "whole window %6.2f%n", s.bestInSample().sharpe(), s.bestOutOfSample().sharpe(), s.outOfSampleRank(),
        s.configurations() - s.failed(), s.bestFull().sharpe()));
    sb.append(String.format(Locale.ROOT, "  deflated Sharpe ratio %.3f (%d trials; expected max Sharpe per bar "
        + "%.4f vs %.4f observed)%n", s.deflatedSharpe().deflatedSharpe(), s.deflatedSharpe().trials(),
        s.deflatedSharpe().benchmarkSharpe(), s.deflatedSharpe().sharpe()));
    if (s.pbo() != null) {
      sb.append(String.format(Locale.ROOT, "  PBO (CSCV, %d blocks, %d combinations) %.3f; P(out-of-sample loss) "
          + "%.3f%n", s.pbo().blocks(), s.pbo().combinations(), s.pbo().pbo(), s.pbo().probabilityOfOosLoss()));
    }
    if (s.failed() > 0) {
      sb.append("  warning: ").append(s.failed()).append(" configurations failed; first: ").append(s.firstError())
          .append(System.lineSeparator());
    }
    sb.append(String.format(Locale.ROOT, "wrote %s (%.1f s)%n", outDir, seconds));
    return sb.toString();
  }

  private static JsonNode readJson(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String json(Object o) {
    try {
      return JSON.writeValueAsString(o) + System.lineSeparator();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes a text file through a temporary sibling and an atomic move. */
  static void writeAtomically(Path file, String text) {
    writeAtomically(file, text.getBytes(StandardCharsets.UTF_8));
  }

  static void writeAtomically(Path file, byte[] bytes) {
    try {
      Files.createDirectories(file.getParent());
      Path tmp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
      try {
        Files.write(tmp, bytes);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
