#!/usr/bin/env python3
"""Independent numpy reference values for io.slipstream.ml.model.ClassificationMetrics (run from anywhere).

Sample (seeded, bit-identical in Java: SplitMix64 in src/test/java/io/slipstream/ml/model/SplitMix64.java):
  for i in 0..n-1 (n = 300, seed 20240601): u1, u2 = next two uniforms in [0, 1) (top 53 bits of SplitMix64 / 2^53)
  p_i = floor(u1 * 40) / 40          (many ties; p = 0 occurs, so the log-loss clip matters)
  y_i = 1 if u2 < 0.3 + 0.4 * p_i else 0
  then p_0 = 1.0 with y_0 = 0 (a confident miss: clipped to 1 - 1e-15).
Metrics, computed a different way than the Java code:
  ROC AUC: the pairwise definition, mean over (positive, negative) pairs of [p+ > p-] + 0.5 [p+ == p-] (O(n^2));
           cross-checked with scipy.stats.mannwhitneyu when scipy is installed.
  log loss: -mean(y ln q + (1 - y) ln(1 - q)), q = clip(p, 1e-15, 1 - 1e-15).
  confusion matrix at threshold 0.5 with "predicted 1" = p > 0.5; precision, recall, F1 = 2PR / (P + R).
The printed values are pasted into ClassificationMetricsTest (tolerance 1e-12).
"""
import numpy as np

MASK = (1 << 64) - 1


class SplitMix64:
    def __init__(self, seed):
        self.state = seed & MASK

    def next_long(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def next_double(self):
        return (self.next_long() >> 11) * 2.0 ** -53


def sample(n=300, seed=20240601):
    r = SplitMix64(seed)
    p = np.empty(n)
    y = np.empty(n)
    for i in range(n):
        u1 = r.next_double()
        u2 = r.next_double()
        p[i] = np.floor(u1 * 40) / 40
        y[i] = 1.0 if u2 < 0.3 + 0.4 * p[i] else 0.0
    p[0] = 1.0
    y[0] = 0.0
    return y, p


def main():
    y, p = sample()
    pos = p[y == 1]
    neg = p[y == 0]
    gt = (pos[:, None] > neg[None, :]).sum()
    eq = (pos[:, None] == neg[None, :]).sum()
    auc = (gt + 0.5 * eq) / (len(pos) * len(neg))
    q = np.clip(p, 1e-15, 1 - 1e-15)
    logloss = -np.mean(y * np.log(q) + (1 - y) * np.log(1 - q))
    pred = p > 0.5
    tp = int(np.sum(pred & (y == 1)))
    fp = int(np.sum(pred & (y == 0)))
    fn = int(np.sum(~pred & (y == 1)))
    tn = int(np.sum(~pred & (y == 0)))
    precision = tp / (tp + fp)
    recall = tp / (tp + fn)
    f1 = 2 * precision * recall / (precision + recall)
    accuracy = (tp + tn) / len(y)
    print(f"n={len(y)} positives={int(y.sum())} zeros_in_p={int(np.sum(p == 0))} distinct_p={len(np.unique(p))}")
    print(f"tn={tn} fp={fp} fn={fn} tp={tp}")
    print(f"accuracy={accuracy!r}")
    print(f"precision={precision!r}")
    print(f"recall={recall!r}")
    print(f"f1={f1!r}")
    print(f"roc_auc={float(auc)!r}")
    print(f"log_loss={float(logloss)!r}")
    try:
        from scipy.stats import mannwhitneyu
        u = mannwhitneyu(pos, neg).statistic
        print(f"scipy mannwhitneyu AUC = {float(u / (len(pos) * len(neg)))!r}")
    except ImportError:
        print("scipy not installed: no cross-check")


if __name__ == "__main__":
    main()
