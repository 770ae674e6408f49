#!/usr/bin/env python3
"""Independent numpy reference values for io.slipstream.factor (PCA kernel and the factor pipeline).

Writes CSV files under src/test/resources/factor/ (run from the repository root):
  pca_5x40_input.csv / pca_5x40_expected.csv   40 obs x 5 coins (BTC among them): numpy.linalg.eigh of
                                               cov(ddof=1) + eps*trace/N*I, top 3, sign: BTC loading > 0
  pca_6x9_input.csv / pca_6x9_expected.csv     6 obs x 9 coins, no BTC (T < N: the Java kernel takes the Gram
                                               path); sign: sum of loadings > 0
  pipeline_input.csv / pipeline_expected.csv   a synthetic 4h panel (8 coins, 240 bars, listing, gaps, volume
                                               gaps) and, for H=8 K=10 P=5 nFactors=2 and weightings sqrt and
                                               sqrt_dollar, every model: set, loadings, eigenvalues, ratios, betas
The pipeline here is written from the definitions with direct loops (no prefix sums, no run lengths):
  r^H_t = ln(C_t / C_{t-h});  vbar_s = h * nanmean(volume[max(0, s-P*h+1) .. s]);  set = coins with finite r^H and
  finite weight on all T window rows; weights / row mean over the set; demean; cov + ridge; eigh; sort desc; sign;
  R_m = sum l r / sqrt(sum l^2) (raw r); beta = cov(r, R_m) / var(R_m).
Values are printed with repr() (round-trip doubles). Tolerance used by the Java tests: 1e-10 (relative for
eigenvalues, absolute for unit-norm loadings and ratios, 1e-9 relative for betas).
"""
import math
import os
import sys

import numpy as np

OUT = os.path.join("src", "test", "resources", "factor")
EPS = 1e-10


def pca(x, coins, nf, eps=EPS):
    x = np.asarray(x, dtype=float)
    t, n = x.shape
    xc = x - x.mean(axis=0)
    c = xc.T @ xc / (t - 1)
    tr = np.trace(c)
    ridge = eps * tr / n
    c = c + ridge * np.eye(n)
    vals, vecs = np.linalg.eigh(c)
    order = np.argsort(-vals, kind="stable")
    total = np.trace(c)
    out = []
    for f in range(nf):
        v = vecs[:, order[f]].copy()
        v /= np.linalg.norm(v)
        s = v[coins.index("BTC")] if "BTC" in coins else 0.0
        if s == 0:
            s = v.sum()
        if s < 0:
            v = -v
        out.append((vals[order[f]], vals[order[f]] / total, v))
    return out


def write_matrix(path, x, coins):
    with open(path, "w") as f:
        f.write(",".join(coins) + "\n")
        for row in x:
            f.write(",".join(repr(float(v)) for v in row) + "\n")


def write_pca(path, res, coins):
    with open(path, "w") as f:
        f.write("factor,eigenvalue,ratio," + ",".join(coins) + "\n")
        for k, (val, ratio, v) in enumerate(res):
            f.write(f"{k},{float(val)!r},{float(ratio)!r}," + ",".join(repr(float(a)) for a in v) + "\n")


def kernel_cases():
    rng = np.random.default_rng(20240601)
    coins = ["ETH", "SOL", "BTC", "DOGE", "XRP"]
    t = 40
    market = rng.normal(0, 0.02, t)
    second = rng.normal(0, 0.01, t)
    betas = np.array([1.2, 1.5, 0.9, 1.8, 1.1])
    b2 = np.array([0.5, -0.8, 0.1, 1.0, -0.3])
    x = np.outer(market, betas) + np.outer(second, b2) + rng.normal(0, 0.005, (t, 5))
    x = np.round(x, 12)
    write_matrix(os.path.join(OUT, "pca_5x40_input.csv"), x, coins)
    write_pca(os.path.join(OUT, "pca_5x40_expected.csv"), pca(x, coins, 3), coins)

    coins2 = [f"C{i}" for i in range(9)]
    x2 = np.round(rng.normal(0, 0.03, (6, 9)) + np.outer(rng.normal(0, 0.02, 6), np.linspace(-0.5, 1.5, 9)), 12)
    write_matrix(os.path.join(OUT, "pca_6x9_input.csv"), x2, coins2)
    write_pca(os.path.join(OUT, "pca_6x9_expected.csv"), pca(x2, coins2, 3), coins2)


# ---------------------------------------------------------------- pipeline
INTERVAL_H = 4
FIRST_OPEN_MS = 1_700_000_000_000 // (4 * 3_600_000) * (4 * 3_600_000)  # on the 4h grid
ROWS = 240
COINS = ["AAA", "BTC", "ETH", "LATE", "GAPPY", "THIN", "DEAD", "ZED"]


def synthetic_panel():
    rng = np.random.default_rng(7)
    n = len(COINS)
    market = rng.normal(0, 0.01, ROWS)
    close = np.empty((ROWS, n))
    vol = np.empty((ROWS, n))
    for i in range(n):
        beta = 0.6 + 0.2 * i
        lr = beta * market + rng.normal(0, 0.006, ROWS)
        close[:, i] = 10.0 * (i + 1) * np.exp(np.cumsum(lr))
        vol[:, i] = rng.lognormal(8 + 0.3 * i, 0.5, ROWS)
    close = np.round(close, 10)
    vol = np.round(vol, 6)
    c = {name: i for i, name in enumerate(COINS)}
    close[:70, c["LATE"]] = np.nan            # lists at row 70
    vol[:70, c["LATE"]] = np.nan
    close[130, c["GAPPY"]] = np.nan           # one missing bar
    vol[130, c["GAPPY"]] = np.nan
    vol[100:140, c["THIN"]] = np.nan          # zero-volume stretch with a valid close
    close[180:, c["DEAD"]] = np.nan           # delists at row 180
    vol[180:, c["DEAD"]] = np.nan
    close[200, :] = np.nan                    # an all-NaN row
    vol[200, :] = np.nan
    return close, vol


def pipeline(close, vol, hh, k, p, nf, weighting):
    h = hh // INTERVAL_H
    T = k * h
    rows, n = close.shape
    rH = np.full((rows, n), np.nan)
    for t in range(h, rows):
        rH[t] = np.log(close[t] / close[t - h])
    vbar = np.full((rows, n), np.nan)
    for s in range(rows):
        lo = max(0, s - p * h + 1)
        for i in range(n):
            w = vol[lo:s + 1, i]
            w = w[~np.isnan(w)]
            if len(w):
                vbar[s, i] = h * (w.sum() / len(w))
    if weighting == "sqrt":
        raw = np.sqrt(vbar)
    elif weighting == "sqrt_dollar":
        raw = np.sqrt(close * vbar)
    elif weighting == "log":
        raw = np.log1p(vbar)
    else:
        raw = np.ones_like(vbar)
    models = []
    skipped = []
    for t in range(T + h - 1, rows):
        close_ms = FIRST_OPEN_MS + (t + 1) * INTERVAL_H * 3_600_000
        if close_ms % (hh * 3_600_000) != 0:
            continue
        win = slice(t - T + 1, t + 1)
        members = [i for i in range(n) if np.all(np.isfinite(rH[win, i])) and np.all(np.isfinite(raw[win, i]))]
        if len(members) < nf + 1:
            skipped.append((t, len(members)))
            continue
        r = rH[win][:, members]
        w = raw[win][:, members]
        w = w / w.mean(axis=1, keepdims=True)
        names = [COINS[i] for i in members]
        res = pca(w * r, names, nf)
        l1 = res[0][2]
        rm = r @ l1 / math.sqrt(float(l1 @ l1))
        betas = []
        for j in range(len(members)):
            cv = np.cov(r[:, j], rm, ddof=1)
            betas.append(cv[0, 1] / cv[1, 1])
        models.append((t, close_ms, names, res, betas))
    return models, skipped


def pipeline_cases():
    close, vol = synthetic_panel()
    with open(os.path.join(OUT, "pipeline_input.csv"), "w") as f:
        f.write(f"# interval=4h first_open_ms={FIRST_OPEN_MS} rows={ROWS}\n")
        f.write("row,coin,close,volume\n")
        for t in range(ROWS):
            for i, name in enumerate(COINS):
                f.write(f"{t},{name},{float(close[t, i])!r},{float(vol[t, i])!r}\n")
    with open(os.path.join(OUT, "pipeline_expected.csv"), "w") as f:
        f.write("# H=8 K=10 P=5 nFactors=2 ridge=1e-10\n")
        f.write("weighting,row,close_ms,kind,factor,value,coins...\n")
        for weighting in ("sqrt", "sqrt_dollar"):
            models, skipped = pipeline(close, vol, 8, 10, 5, 2, weighting)
            for t, n in skipped:
                f.write(f"{weighting},{t},0,skipped,{n},0\n")
            for t, ms, names, res, betas in models:
                f.write(f"{weighting},{t},{ms},coins,0,0," + ";".join(names) + "\n")
                for fct, (val, ratio, v) in enumerate(res):
                    f.write(f"{weighting},{t},{ms},eigenvalue,{fct},{float(val)!r}\n")
                    f.write(f"{weighting},{t},{ms},ratio,{fct},{float(ratio)!r}\n")
                    f.write(f"{weighting},{t},{ms},loadings,{fct},0," + ";".join(repr(float(a)) for a in v) + "\n")
                f.write(f"{weighting},{t},{ms},betas,0,0," + ";".join(repr(float(b)) for b in betas) + "\n")
            print(weighting, "models", len(models), "skipped", skipped, file=sys.stderr)


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    kernel_cases()
    pipeline_cases()
