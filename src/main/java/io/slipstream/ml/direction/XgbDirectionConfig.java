package io.slipstream.ml.direction;

import io.slipstream.core.BarInterval;
import io.slipstream.core.Checks;
import io.slipstream.ml.FeatureConfig;
import io.slipstream.ml.model.XgbParams;
import io.slipstream.strategy.StrategyParams;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Parameters of the {@code xgb_direction} strategy (config section {@code "xgb_direction"}; keys in parentheses).
 *
 * @param interval bar interval (the run's {@code interval})
 * @param coin the coin traded ({@code coin}), e.g. {@code "SOL"}
 * @param decisionEveryHours decisions when the close time in epoch hours is a multiple of this
 *     ({@code decision_every_hours}), {@code >= 1}
 * @param retrainEveryHours the model is refit from the data visible when the close time in epoch hours is a multiple
 *     of this ({@code retrain_every_hours}), a multiple of {@code decisionEveryHours}
 * @param trainDays training window: the last {@code train_days} days of matured labels before the decision, or all
 *     history when {@code anchored} ({@code train_days}, {@code anchored})
 * @param anchored expanding (true) or rolling (false) training window
 * @param purgeBars bars left out between the training rows and the early-stopping rows at the end of the window
 *     ({@code purge_bars}), {@code >= labelHorizonBars}
 * @param validationFraction share of the window's rows, at its end, used for early stopping
 *     ({@code validation_fraction}), in {@code (0, 0.5]}
 * @param labelHorizonBars the label is the direction of the close {@code h} bars ahead ({@code label_horizon_bars});
 *     a label is used only once that close is visible
 * @param labelThresholdBps moves smaller than this are not labelled ({@code label_threshold_bps}), {@code >= 0}
 * @param upper long when the predicted probability of an up move exceeds this ({@code upper}), in {@code (0.5, 1)}
 * @param lower short when it is below this ({@code lower}), in {@code (0, 0.5)}
 * @param targetVolAnnual position size {@code |w| = min(max_leverage, target_vol / (ew_vol x sqrt(bars per year)))}
 *     ({@code target_vol_annual}), annual fraction {@code > 0}
 * @param maxLeverage cap on {@code |w|}, NAV multiple in {@code (0, 10]} ({@code max_leverage})
 * @param model XGBoost hyper-parameters ({@code model{...}}, keys of {@link XgbParams})
 * @param modelDir a saved model folder ({@code model_dir}): no retraining, every decision uses it (the live form);
 *     its feature names must equal {@link #features()}'
 */
public record XgbDirectionConfig(BarInterval interval, String coin, int decisionEveryHours, int retrainEveryHours,
    int trainDays, boolean anchored, int purgeBars, double validationFraction, int labelHorizonBars,
    double labelThresholdBps, double upper, double lower, double targetVolAnnual, double maxLeverage,
    XgbParams model, Optional<Path> modelDir) implements StrategyParams {
  /** Validates. @throws IllegalArgumentException naming the key and value */
  public XgbDirectionConfig {
    Checks.notNull(interval, "interval");
    Checks.notNull(coin, "coin");
    Checks.positive(decisionEveryHours, "decision_every_hours");
    Checks.positive(retrainEveryHours, "retrain_every_hours");
    if (retrainEveryHours % decisionEveryHours != 0) {
      throw new IllegalArgumentException("Argument 'retrain_every_hours' must be a multiple of decision_every_hours ("
          + decisionEveryHours + "), was " + retrainEveryHours);
    }
    Checks.positive(trainDays, "train_days");
    Checks.positive(labelHorizonBars, "label_horizon_bars");
    if (purgeBars < labelHorizonBars) {
      throw new IllegalArgumentException("Argument 'purge_bars' must be >= label_horizon_bars (" + labelHorizonBars
          + "), was " + purgeBars);
    }
    if (!(validationFraction > 0 && validationFraction <= 0.5)) {
      throw new IllegalArgumentException("Argument 'validation_fraction' must be in (0, 0.5], was "
          + validationFraction);
    }
    Checks.nonNegative(labelThresholdBps, "label_threshold_bps");
    if (!(upper > 0.5 && upper < 1)) {
      throw new IllegalArgumentException("Argument 'upper' must be in (0.5, 1), was " + upper);
    }
    if (!(lower > 0 && lower < 0.5)) {
      throw new IllegalArgumentException("Argument 'lower' must be in (0, 0.5), was " + lower);
    }
    Checks.positive(targetVolAnnual, "target_vol_annual");
    if (!(maxLeverage > 0 && maxLeverage <= 10)) {
      throw new IllegalArgumentException("Argument 'max_leverage' must be in (0, 10], was " + maxLeverage);
    }
    Checks.notNull(model, "model");
    Checks.notNull(modelDir, "model_dir");
  }

  /** @return the feature set: {@link FeatureConfig#DEFAULT} (the SOL study's 26 features, BTC and calendar included) */
  public FeatureConfig features() {
    return FeatureConfig.DEFAULT;
  }

  /** @return the training window in bars */
  public int trainBars() {
    return Math.toIntExact((long) trainDays * 24 / interval.hours());
  }

  @Override
  public double grossLeverage() {
    return maxLeverage;
  }

  @Override
  public double maxPositionPct() {
    return Math.min(100, maxLeverage * 100);
  }
}
