/**
 * Factor models and covariance estimators; the only package besides {@code portfolio} that imports EJML.
 *
 * <ul>
 *   <li>{@link io.slipstream.factor.FactorPipeline}: timescale-matched PCA factors. H-hour log returns of a base
 *       panel (overlapping, sampled every bar), a rolling lookback of {@code K x H} hours, volume weighting
 *       ({@link io.slipstream.factor.VolumeWeighting}, {@link io.slipstream.factor.VolumeWeights}), the eigen kernel
 *       {@link io.slipstream.factor.PcaFactorEstimator}, and per estimation time a
 *       {@link io.slipstream.factor.FactorModel} (loadings, explained variance, market factor PC1, betas,
 *       residuals), collected in a {@link io.slipstream.factor.FactorHistory}. Strictly causal: the model at row
 *       {@code t} reads rows {@code <= t} only.</li>
 *   <li>{@link io.slipstream.factor.Covariances}: sample covariance, Schafer-Strimmer / Ledoit-Wolf shrinkage toward
 *       the diagonal, and {@code S = S_price + S_funding}, as {@link io.slipstream.factor.CovarianceMatrix}.</li>
 * </ul>
 * Shapes: panels have rows = bar times and columns = coins; observation matrices are {@code T x N} row-major.
 * Units: decimal (log) returns; covariances and eigenvalues in squared decimal returns per observation.
 * Bad input: {@link java.lang.IllegalArgumentException} for parameters and shapes,
 * {@link io.slipstream.core.DataException} for data (too few coins, NaN observations, singular covariance),
 * each naming what and why; never a silent NaN.
 */
package io.slipstream.factor;
