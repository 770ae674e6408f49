/**
 * Machine-learning research on perpetual futures (issue 6): causal features built from candles and funding
 * ({@link io.slipstream.ml.FeatureBuilder} into an immutable {@link io.slipstream.ml.FeatureMatrix}), labels,
 * time-ordered splits and purged, embargoed walk-forward cross-validation; models, sentiment and news live in the
 * sub-packages {@code ml.model}, {@code ml.nlp} and {@code ml.news}. Uses {@code core, data, signal, factor, cost,
 * portfolio, backtest}; only {@code cli} uses this package. Warm-up NaN rows are dropped from training explicitly
 * ({@link io.slipstream.ml.FeatureMatrix#completeRows()}), never zero-filled.
 */
package io.slipstream.ml;
