package io.slipstream.cli;

import io.slipstream.backtest.ConfigParser;
import io.slipstream.backtest.research.JointStudy;
import io.slipstream.backtest.research.JointStudyConfig;
import io.slipstream.backtest.research.JointStudyResult;
import io.slipstream.backtest.research.JointStudyResult.DecileRow;
import io.slipstream.backtest.research.JointStudyResult.Estimate;
import io.slipstream.backtest.research.JointStudyResult.HorizonResult;
import io.slipstream.core.BarInterval;
import io.slipstream.core.ConfigException;
import io.slipstream.data.Lake;
import io.slipstream.data.MarketData;
import io.slipstream.factor.VolumeWeighting;
import io.slipstream.portfolio.JointAlphaConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code slipstream research}: research studies. */
@Command(name = "research", mixinStandardHelpOptions = true,
    footerHeading = "%nExample:%n", footer = {"  slipstream research joint --H 4h,8h,12h,24h,48h --data ../shared/data/hyperliquid \\", "      --out reports/research_joint"}, description = "Research studies on the lake.",
    subcommands = {ResearchCommand.Joint.class})
final class ResearchCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing study (e.g. joint)");
  }

  /** {@code slipstream research joint}: the joint alpha + funding predictability study per holding period. */
  @Command(name = "joint", mixinStandardHelpOptions = true,
    footerHeading = "%nExample:%n", footer = {"  slipstream research joint --H 4h,8h,12h,24h,48h --data ../shared/data/hyperliquid \\", "      --out reports/research_joint"},
      description = {"For each holding period H: PCA residual-return momentum and funding features, expanding-window "
          + "ridge forecasts of the next H-period residual return and funding, out-of-sample R^2 with bootstrap "
          + "confidence intervals, a decile table of predicted total alpha, and H*.",
          "Writes summary.csv, deciles.csv, coefficients.csv to --out (all or nothing)."})
  static final class Joint implements Callable<Integer> {
    @Option(names = "--H", arity = "1..*", split = ",", paramLabel = "HOURS", converter = OptionSyntax.Hours.class,
        defaultValue = "4h,8h,12h,24h,48h", description = "holding periods, comma-separated, in hours (4h; a bare 4 "
            + "is hours too) (default: ${DEFAULT-VALUE})")
    List<Integer> horizons;

    @Option(names = "--K", defaultValue = "30", description = "factor lookback in H-periods (default: ${DEFAULT-VALUE})")
    int k;

    @Option(names = "--weight-method", defaultValue = "sqrt_dollar",
        description = "PCA volume weighting: none, sqrt, log, sqrt_dollar (default: ${DEFAULT-VALUE})")
    String weightMethod;

    @Option(names = "--factors", defaultValue = "3", description = "principal components (default: ${DEFAULT-VALUE})")
    int factors;

    @Option(names = "--interval", defaultValue = "4h", description = "bar interval of the lake file (default: ${DEFAULT-VALUE})")
    String interval;

    @Option(names = "--data", paramLabel = "DIR", description = Main.DATA_HELP)
    Path data;

    @Option(names = "--out", defaultValue = "reports/research_joint", description = "output folder (default: ${DEFAULT-VALUE})")
    Path out;

    @Mixin
    OutputDir.ForceOption force;

    @Option(names = "--bootstrap", defaultValue = "1000", description = "bootstrap resamples (default: ${DEFAULT-VALUE})")
    int bootstrap;

    @Option(names = "--seed", defaultValue = "1", description = "bootstrap seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--momentum-spans", split = ",", defaultValue = "2,4,8,16,32",
        description = "EWMA spans of residual momentum, in H-periods (default: ${DEFAULT-VALUE})")
    List<Integer> momentumSpans;

    @Option(names = "--funding-spans", split = ",", defaultValue = "1,4,16",
        description = "EWMA spans of funding, in H-periods (default: ${DEFAULT-VALUE})")
    List<Integer> fundingSpans;

    @Option(names = "--vol-span", defaultValue = "30", description = "EW vol span of residuals, H-periods (default: ${DEFAULT-VALUE})")
    int volSpan;

    @Option(names = "--ridge", defaultValue = "1.0", description = "ridge penalty on standardised features (default: ${DEFAULT-VALUE})")
    double ridge;

    @Option(names = "--min-train", defaultValue = "60",
        description = "H-periods of matured samples before the first forecast (default: ${DEFAULT-VALUE})")
    int minTrain;

    @Option(names = "--evaluate-from", description = "first out-of-sample decision time (ISO-8601); default: once fitted")
    String evaluateFrom;

    @Override
    public Integer call() {
      BarInterval bi;
      try {
        bi = BarInterval.of(interval);
      } catch (IllegalArgumentException e) {
        throw new ConfigException("--interval", e.getMessage());
      }
      VolumeWeighting w;
      try {
        w = VolumeWeighting.of(weightMethod);
      } catch (IllegalArgumentException e) {
        throw new ConfigException("--weight-method", e.getMessage());
      }
      for (int h : horizons) {
        if (h <= 0 || h % bi.hours() != 0) {
          throw new ConfigException("--H", "every H must be a positive multiple of the " + bi.label()
              + " interval, was " + h);
        }
      }
      Optional<Instant> from = evaluateFrom == null ? Optional.empty()
          : Optional.of(ConfigParser.parseInstant("--evaluate-from", evaluateFrom));
      JointAlphaConfig fc;
      JointStudyConfig cfg;
      try {
        fc = new JointAlphaConfig(horizons.get(0), momentumSpans, fundingSpans, volSpan, ridge, minTrain);
        cfg = new JointStudyConfig(horizons, k, w, factors, fc, bootstrap, seed, from);
      } catch (IllegalArgumentException e) {
        throw new ConfigException("(options)", e.getMessage());
      }
      DataFiles.requireCandles(data, bi, "--interval");
      PrintStream stdout = System.out;
      JointStudyResult r;
      try (OutputDir dir = OutputDir.open(out, "research joint", force.force, data);
          Progress pb = new Progress("research joint", 2L * horizons.size() + 2)) {
        pb.setExtraMessage("loading " + bi.label() + " candles and funding");
        MarketData md = Lake.load(data, bi, true);
        pb.step();
        r = JointStudy.run(md, cfg, msg -> {
          pb.setExtraMessage(msg);
          pb.step();
        });
        pb.setExtraMessage("writing tables");
        write(dir, r);
        pb.step();
        dir.commit();
        pb.close();
        stdout.print(format(r, cfg));
        stdout.println("written to " + dir.target());
        stdout.flush();
      }
      return 0;
    }

    private static void write(OutputDir dir, JointStudyResult r) {
      StringBuilder s = new StringBuilder("horizon_hours,oos_periods,oos_samples,"
          + "r2_residual,r2_residual_lo,r2_residual_hi,r2_residual_vs_zero,r2_residual_vs_zero_lo,r2_residual_vs_zero_hi,"
          + "r2_funding,r2_funding_lo,r2_funding_hi,r2_total,r2_total_lo,r2_total_hi,spread_mean,spread_t,best\n");
      StringBuilder d = new StringBuilder("horizon_hours,decile,predicted_total,realised_residual,realised_funding,"
          + "realised_total,t_stat_total,periods\n");
      StringBuilder c = new StringBuilder("horizon_hours,target,term,coefficient\n");
      for (HorizonResult h : r.horizons()) {
        s.append(h.horizonHours()).append(',').append(h.oosPeriods()).append(',').append(h.oosSamples());
        for (Estimate e : List.of(h.r2Residual(), h.r2ResidualVsZero(), h.r2Funding(), h.r2Total())) {
          s.append(',').append(e.value()).append(',').append(e.lo()).append(',').append(e.hi());
        }
        s.append(',').append(h.spreadMean()).append(',').append(h.spreadTStat()).append(',')
            .append(h.horizonHours() == r.bestHorizonHours()).append('\n');
        for (DecileRow row : h.deciles()) {
          d.append(h.horizonHours()).append(',').append(row.decile()).append(',').append(row.predictedTotal())
              .append(',').append(row.realisedResidual()).append(',').append(row.realisedFunding()).append(',')
              .append(row.realisedTotal()).append(',').append(row.tStatTotal()).append(',').append(row.periods())
              .append('\n');
        }
        List<String> terms = new java.util.ArrayList<>();
        terms.add("intercept");
        terms.addAll(h.featureNames());
        for (int i = 0; i < h.residualCoefficients().size(); i++) {
          c.append(h.horizonHours()).append(",residual,").append(terms.get(i)).append(',')
              .append(h.residualCoefficients().get(i)).append('\n');
        }
        for (int i = 0; i < h.fundingCoefficients().size(); i++) {
          c.append(h.horizonHours()).append(",funding,").append(terms.get(i)).append(',')
              .append(h.fundingCoefficients().get(i)).append('\n');
        }
      }
      try {
        Files.writeString(dir.file("summary.csv"), s);
        Files.writeString(dir.file("deciles.csv"), d);
        Files.writeString(dir.file("coefficients.csv"), c);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write research tables: " + e.getMessage(), e);
      }
    }

    static String format(JointStudyResult r, JointStudyConfig cfg) {
      StringBuilder b = new StringBuilder();
      b.append(String.format(Locale.ROOT, "Joint alpha + funding study: K = %d, %s weighting, %d bootstrap resamples "
          + "(seed %d); R^2 out of sample [95%% CI]%n", cfg.lookbackPeriods(), cfg.weighting().name().toLowerCase(
              Locale.ROOT), cfg.bootstrapResamples(), cfg.seed()));
      b.append(String.format(Locale.ROOT, "%4s %7s %9s  %-27s %-27s %-27s %9s %7s%n", "H", "periods", "samples",
          "R2 residual (vs mean)", "R2 funding", "R2 total (resid - fund)", "D10-D1", "t"));
      for (HorizonResult h : r.horizons()) {
        b.append(String.format(Locale.ROOT, "%4d %7d %9d  %-27s %-27s %-27s %8.2fbp %7.2f%s%n", h.horizonHours(),
            h.oosPeriods(), h.oosSamples(), est(h.r2Residual()), est(h.r2Funding()), est(h.r2Total()),
            h.spreadMean() * 1e4, h.spreadTStat(), h.horizonHours() == r.bestHorizonHours() ? "  <- H*" : ""));
      }
      for (HorizonResult h : r.horizons()) {
        b.append(String.format(Locale.ROOT, "%nH = %dh deciles of predicted total alpha (bp per period):%n",
            h.horizonHours()));
        b.append(String.format(Locale.ROOT, "%7s %10s %10s %10s %10s %7s%n", "decile", "predicted", "residual",
            "funding", "total", "t"));
        for (DecileRow d : h.deciles()) {
          b.append(String.format(Locale.ROOT, "%7d %10.2f %10.2f %10.2f %10.2f %7.2f%n", d.decile(),
              d.predictedTotal() * 1e4, d.realisedResidual() * 1e4, d.realisedFunding() * 1e4,
              d.realisedTotal() * 1e4, d.tStatTotal()));
        }
      }
      b.append(r.bestHorizonHours() > 0 ? "H* = " + r.bestHorizonHours() + "h (highest out-of-sample R^2 of the total alpha)\n"
          : "H*: none (no horizon had out-of-sample forecasts)\n");
      boolean anyTotal = r.horizons().stream().anyMatch(h -> h.r2Total().value() > 0);
      boolean anyResidual = r.horizons().stream().anyMatch(h -> h.r2Residual().lo() > 0);
      boolean anyFunding = r.horizons().stream().anyMatch(h -> h.r2Funding().lo() > 0);
      if (!anyTotal) {
        b.append("note: no H has a positive out-of-sample R^2 of the total alpha, so H* is only the least bad.\n");
      }
      if (!anyResidual && anyFunding) {
        b.append("note: the residual-return forecast is not better than its training mean at any H (its 95% "
            + "interval includes 0), while funding is predictable: funding dominates the total alpha.\n");
      }
      return b.toString();
    }

    private static String est(Estimate e) {
      return String.format(Locale.ROOT, "%+.4f [%+.4f, %+.4f]", e.value(), e.lo(), e.hi());
    }
  }
}
