/**
 * Supervised models for the ML research (issue 6): targets, splits, metrics, baselines and gradient-boosted trees,
 * over plain arrays so that any feature builder can feed them.
 *
 * <ul>
 *   <li>{@link io.slipstream.ml.model.Dataset}: a design matrix (rows = samples in time order, columns = features)
 *       with labels and sample times; holds no NaN ({@link io.slipstream.ml.model.Dataset#dropIncomplete} removes
 *       incomplete rows explicitly and counts them).</li>
 *   <li>{@link io.slipstream.ml.model.Labels}: next-period direction and a dead-zone (threshold) direction; label
 *       {@code t} looks {@code h} bars ahead and is a target, never a feature.</li>
 *   <li>{@link io.slipstream.ml.model.Splits}: the time-ordered 70/30 holdout, purged and embargoed walk-forward
 *       splits and purged k-fold (López de Prado, AFML ch. 7).</li>
 *   <li>{@link io.slipstream.ml.model.ClassificationMetrics}: accuracy, precision, recall, F1, ROC AUC (Mann-Whitney,
 *       ties averaged), log loss and the confusion matrix; undefined values are NaN.</li>
 *   <li>Classifiers ({@link io.slipstream.ml.model.ProbabilisticClassifier}):
 *       {@link io.slipstream.ml.model.MajorityClassifier} (base rate),
 *       {@link io.slipstream.ml.model.LogisticRegression} (L2, Newton/IRLS on standardised features, EJML) and
 *       {@link io.slipstream.ml.model.XgbClassifier} (XGBoost4J, early stopping, class weighting, seeds) giving a
 *       {@link io.slipstream.ml.model.TrainedModel} that predicts, reports gain importance and saves/loads with its
 *       feature list and training window.</li>
 * </ul>
 * Bad input: {@link java.lang.IllegalArgumentException} naming the argument, row or feature;
 * {@link io.slipstream.core.DataException} for unreadable or inconsistent saved models;
 * {@link io.slipstream.portfolio.OptimizationException} when logistic regression does not converge.
 */
package io.slipstream.ml.model;
