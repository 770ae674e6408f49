#!/usr/bin/env python3
"""Independent numpy reference values for io.slipstream.factor.Covariances (run from the repository root).

sample: numpy.cov(x, rowvar=False) (ddof 1).
shrunk: Schafer & Strimmer (2005) target D (diagonal, unequal variance), written with the full 3-d array of
  w_kij = xc_ki xc_kj (no algebraic shortcut):
    s_ij = T/(T-1) mean_k w_kij;  Var(s_ij) = T/(T-1)^3 sum_k (w_kij - mean_k w_kij)^2
    lambda = clip(sum_{i!=j} Var(s_ij) / sum_{i!=j} s_ij^2, 0, 1);  S* = s off-diagonal x (1 - lambda)
Writes src/test/resources/factor/cov_<case>_{input,expected}.csv. Expected file: first line "lambda,<value>",
then "sample" rows, then "shrunk" rows. Tolerance used by the Java tests: 1e-12 relative to max |S|.
"""
import os

import numpy as np

OUT = os.path.join("src", "test", "resources", "factor")


def shrunk(x):
    t, n = x.shape
    xc = x - x.mean(axis=0)
    w = np.einsum("ki,kj->kij", xc, xc)
    wbar = w.mean(axis=0)
    s = t / (t - 1) * wbar
    var = t / (t - 1) ** 3 * ((w - wbar) ** 2).sum(axis=0)
    off = ~np.eye(n, dtype=bool)
    den = (s[off] ** 2).sum()
    lam = 1.0 if den == 0 else min(1.0, max(0.0, var[off].sum() / den))
    out = s.copy()
    out[off] *= 1 - lam
    return lam, out


def case(name, x):
    with open(os.path.join(OUT, f"cov_{name}_input.csv"), "w") as f:
        for row in x:
            f.write(",".join(repr(float(v)) for v in row) + "\n")
    lam, s = shrunk(x)
    c = np.cov(x, rowvar=False)
    with open(os.path.join(OUT, f"cov_{name}_expected.csv"), "w") as f:
        f.write(f"lambda,{float(lam)!r}\n")
        for row in c:
            f.write("sample," + ",".join(repr(float(v)) for v in row) + "\n")
        for row in s:
            f.write("shrunk," + ",".join(repr(float(v)) for v in row) + "\n")
    print(name, "lambda", lam, "min eig shrunk", np.linalg.eigvalsh(s).min(), "min eig sample",
          np.linalg.eigvalsh(c).min())


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(99)
    m = rng.normal(0, 0.02, 50)
    x = np.round(np.outer(m, np.linspace(0.5, 1.5, 6)) + rng.normal(0, 0.01, (50, 6)), 12)
    case("50x6", x)
    m = rng.normal(0, 0.02, 5)
    x = np.round(np.outer(m, np.linspace(0.5, 1.5, 8)) + rng.normal(0, 0.01, (5, 8)), 12)
    case("5x8", x)
