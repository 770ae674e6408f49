#!/usr/bin/env python3
"""Independent numpy IRLS reference for io.slipstream.ml.model.LogisticRegression (run from anywhere).

Data (seeded, bit-identical in Java: SplitMix64 in src/test/java/io/slipstream/ml/model/SplitMix64.java), n = 400,
seed 7; per row, uniforms u drawn in this order:
  x0 = 10 + 3 * (u + u + u - 1.5)
  x1 = -2 + 0.5 * (u + u + u - 1.5) + 0.3 * x0          (correlated with x0)
  x2 = 1000 * u                                          (large scale)
  x3 = 7                                                 (constant: standardised column 0, coefficient 0)
  eta = 0.4 (x0 - 10) - 1.2 (x1 - 1) + 0.002 (x2 - 500);  y = 1 if u < 1 / (1 + exp(-eta)) else 0
Model: standardise with the mean and the population std (ddof 0; a zero std becomes 1), Z = [1, z],
minimise sum[ln(1 + e^eta) - y eta] + lambda/2 ||w||^2 (intercept unpenalised) by plain Newton/IRLS from 0:
  g = Z'(p - y) + lambda D beta,  H = Z' diag(p(1-p)) Z + lambda D,  beta -= solve(H, g)
until max|step| < 1e-14 (or 200 iterations). Printed for lambda = 1 and lambda = 0.1: the standardised beta and the
coefficients in original units (w_j / s_j, intercept b - sum w_j m_j / s_j). Pasted into LogisticRegressionTest
(tolerance 1e-8).
"""
import numpy as np

from ml_metrics_reference import SplitMix64


def data(n=400, seed=7):
    r = SplitMix64(seed)
    x = np.empty((n, 4))
    y = np.empty(n)
    for i in range(n):
        x0 = 10 + 3 * (r.next_double() + r.next_double() + r.next_double() - 1.5)
        x1 = -2 + 0.5 * (r.next_double() + r.next_double() + r.next_double() - 1.5) + 0.3 * x0
        x2 = 1000 * r.next_double()
        eta = 0.4 * (x0 - 10) - 1.2 * (x1 - 1) + 0.002 * (x2 - 500)
        y[i] = 1.0 if r.next_double() < 1 / (1 + np.exp(-eta)) else 0.0
        x[i] = [x0, x1, x2, 7.0]
    return x, y


def irls(x, y, lam):
    m = x.mean(axis=0)
    s = x.std(axis=0)
    s[s == 0] = 1.0
    z = np.hstack([np.ones((len(y), 1)), (x - m) / s])
    d = np.eye(z.shape[1])
    d[0, 0] = 0
    beta = np.zeros(z.shape[1])
    for it in range(1, 201):
        p = 1 / (1 + np.exp(-z @ beta))
        g = z.T @ (p - y) + lam * d @ beta
        h = z.T @ (z * (p * (1 - p))[:, None]) + lam * d
        step = np.linalg.solve(h, g)
        beta = beta - step
        if np.max(np.abs(step)) < 1e-14:
            break
    coef = beta[1:] / s
    intercept = beta[0] - np.sum(beta[1:] * m / s)
    return beta, coef, intercept, it


def main():
    x, y = data()
    print(f"n={len(y)} positives={int(y.sum())}")
    for lam in (1.0, 0.1):
        beta, coef, intercept, it = irls(x, y, lam)
        print(f"lambda={lam} iterations={it}")
        print("  standardized beta (b, w0..w3) = {" + ", ".join(repr(float(v)) for v in beta) + "}")
        print("  coefficients (original units) = {" + ", ".join(repr(float(v)) for v in coef) + "}")
        print(f"  intercept (original units)    = {float(intercept)!r}")


if __name__ == "__main__":
    main()
