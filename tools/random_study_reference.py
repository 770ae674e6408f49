"""Reference values for io.slipstream.backtest.study.DistributionTest.

Summary of a fixed sample with NaN left out: mean, sample std (ddof 1), numpy linear-interpolation quantiles
(median, 5%, 95%) and the share of values > 0. Run: python3 tools/random_study_reference.py
"""
import numpy as np

sample = np.array([0.031, -0.012, float("nan"), 0.0, 0.054, -0.087, 0.002, 0.019, -0.003, 0.11, -0.045])
x = sample[~np.isnan(sample)]
print("count", x.size)
print("mean", repr(float(np.mean(x))))
print("std", repr(float(np.std(x, ddof=1))))
print("median", repr(float(np.quantile(x, 0.5))))
print("q05", repr(float(np.quantile(x, 0.05))))
print("q95", repr(float(np.quantile(x, 0.95))))
print("share_positive", repr(float(np.mean(x > 0))))
