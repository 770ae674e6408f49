package io.slipstream.cli;

import io.slipstream.core.BarInterval;
import io.slipstream.data.Lake;
import io.slipstream.data.ParquetIo;
import io.slipstream.data.Table;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.Stream;

/**
 * The training run of the class-data-sharing (AppCDS) archive that {@code bin/slipstream} makes after a build
 * ({@code -XX:ArchiveClassesAtExit}): it runs the short commands and the main job ({@code --version},
 * {@code --help}, {@code backtest} on a small synthetic lake written to a temporary folder, with the given
 * config), so that the archive holds the classes those commands load and later runs map them instead of
 * loading, verifying and linking them from 200 jars. Output is discarded; the temporary folder is deleted.
 *
 * <p>Usage: {@code java -XX:ArchiveClassesAtExit=FILE -cp ... io.slipstream.cli.CdsTraining CONFIG.json}.
 */
public final class CdsTraining {
  private CdsTraining() {
  }

  /**
   * Runs the training commands.
   *
   * @param args one argument: a backtest config (e.g. {@code config/gradient.json}); its interval is used
   * @throws IOException when the temporary lake cannot be written
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: CdsTraining CONFIG.json");
      System.exit(2);
    }
    System.setProperty("java.awt.headless", "true");
    PrintStream out = System.out;
    PrintStream err = System.err;
    Path dir = Files.createTempDirectory("slipstream-cds");
    try {
      PrintStream nul = new PrintStream(OutputStream.nullOutputStream());
      System.setOut(nul);
      System.setErr(nul);
      writeLake(dir, BarInterval.H4, 2_000, 24);
      Main.execute("--version");
      Main.execute("--help");
      Main.execute("backtest", "--help");
      for (int i = 0; i < 2; i++) {
        Main.execute("backtest", "--config", args[0], "--data", dir.toString(), "--start", "2024-03-01T00:00:00Z",
            "--out", dir.resolve("out" + i).toString());
      }
    } finally {
      System.setOut(out);
      System.setErr(err);
      try (Stream<Path> s = Files.walk(dir)) {
        s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (UncheckedIOException e) {
        // best effort: a leftover temporary folder does not affect the archive
      }
    }
  }

  /** A random-walk lake of {@code coins} liquid coins over {@code bars} bars from 2024-01-01, hourly funding. */
  private static void writeLake(Path dir, BarInterval interval, int bars, int coins) {
    Random rnd = new Random(1);
    int n = bars * coins;
    String[] coin = new String[n];
    long[] time = new long[n];
    double[] o = new double[n];
    double[] h = new double[n];
    double[] l = new double[n];
    double[] c = new double[n];
    double[] v = new double[n];
    long t0 = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
    int hours = (int) (bars * interval.millis() / 3_600_000L);
    String[] fcoin = new String[hours * coins];
    long[] ftime = new long[hours * coins];
    double[] rate = new double[hours * coins];
    for (int k = 0; k < coins; k++) {
      double p = 10 + k;
      for (int b = 0; b < bars; b++) {
        int i = k * bars + b;
        double next = p * Math.exp(0.01 * rnd.nextGaussian());
        coin[i] = "C" + k;
        time[i] = t0 + b * interval.millis();
        o[i] = p;
        c[i] = next;
        h[i] = Math.max(p, next) * 1.002;
        l[i] = Math.min(p, next) * 0.998;
        v[i] = 1e6 * (1 + rnd.nextDouble());
        p = next;
      }
      for (int j = 0; j < hours; j++) {
        int i = k * hours + j;
        fcoin[i] = "C" + k;
        ftime[i] = t0 + j * 3_600_000L;
        rate[i] = 1e-5 * rnd.nextGaussian();
      }
    }
    ParquetIo.write(Lake.candlesFile(dir, interval), Table.builder().strings("coin", coin).timestamps("open_time", time)
        .doubles("open", o).doubles("high", h).doubles("low", l).doubles("close", c).doubles("volume", v).build());
    if (interval == BarInterval.H4) {
      ParquetIo.write(Lake.fundingFile(dir), Table.builder().strings("coin", fcoin).timestamps("time", ftime)
          .doubles("funding_rate", rate).build());
    }
  }
}
