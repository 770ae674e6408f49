#!/usr/bin/env python3
"""Independent reference for io.slipstream.cost.ImpactCalibration on the real 4h data (pandas + pyarrow),
pasted into ImpactCalibrationTest.

Per coin on the data lake's regular 4h grid (a bar with volume 0 is NaN, DESIGN.md convention 1):
  r_t = ln(C_t / C_{t-1});  sigma_t = EW volatility of r (DESIGN.md convention 4, span S, valid after S valid
  returns) x sqrt(24 / 4);  ADV_t = sum of volume x close over the last 6 bars (NaN if any is NaN);
  x_t = sigma_{t-1} sqrt(volume_t close_t / ADV_{t-1}),  y_t = |r_t|,
  kept when x_t > 0 and r_t is finite.
Pooled regression through the origin: Y = sum xy / sum x^2; SE = sqrt(sum e^2 / (N-1) / sum x^2);
clustered SE (by bar) = sqrt(sum_t (sum_i x e)^2) / sum x^2; uncentered R^2 = 1 - sum e^2 / sum y^2.

Usage: python3 tools/cost_impact_reference.py [DATA_DIR] [SPAN]
"""
import math
import sys

import numpy as np
import pandas as pd


def ew_vol(r, span):
    a = 2.0 / (span + 1.0)
    out = np.full(len(r), np.nan)
    m = v = 0.0
    count = 0
    for i, x in enumerate(r):
        if math.isnan(x):
            continue
        if count == 0:
            m, v = x, 0.0
        else:
            d = x - m
            m = a * x + (1 - a) * m
            v = (1 - a) * (v + a * d * d)
        count += 1
        if count >= span:
            out[i] = math.sqrt(v)
    return out


def main():
    data = sys.argv[1] if len(sys.argv) > 1 else "../shared/data/hyperliquid"
    span = int(sys.argv[2]) if len(sys.argv) > 2 else 180
    t = pd.read_parquet(f"{data}/candles_4h.parquet")
    t.loc[t.volume == 0, ["open", "high", "low", "close", "volume"]] = np.nan
    first = t.open_time.min()
    rows = int((t.open_time.max() - first) / pd.Timedelta(hours=4)) + 1
    xs, ys, ts = [], [], []
    coins = 0
    for coin, g in t.groupby("coin"):
        idx = ((g.open_time - first) / pd.Timedelta(hours=4)).astype(int).values
        close = np.full(rows, np.nan)
        vol = np.full(rows, np.nan)
        close[idx], vol[idx] = g.close.values, g.volume.values
        r = np.full(rows, np.nan)
        r[1:] = np.log(close[1:] / close[:-1])
        sigma = ew_vol(r, span) * math.sqrt(6.0)
        dv = vol * close
        adv = pd.Series(dv).rolling(6, min_periods=6).sum().values
        x = np.full(rows, np.nan)
        x[1:] = sigma[:-1] * np.sqrt(dv[1:] / adv[:-1])
        ok = np.isfinite(x) & (x > 0) & np.isfinite(r)
        if ok.any():
            coins += 1
        xs.append(x[ok])
        ys.append(np.abs(r[ok]))
        ts.append(np.nonzero(ok)[0])
    x, y, tt = np.concatenate(xs), np.concatenate(ys), np.concatenate(ts)
    sxx = float(x @ x)
    slope = float(x @ y) / sxx
    e = y - slope * x
    se = math.sqrt(float(e @ e) / (len(x) - 1) / sxx)
    score = np.bincount(tt, weights=x * e, minlength=rows)
    clustered = math.sqrt(float(score @ score)) / sxx
    r2 = 1 - float(e @ e) / float(y @ y)
    print(f"span {span}: Y = {slope!r}, SE = {se!r}, clustered SE = {clustered!r}, R2 = {r2!r}, "
          f"N = {len(x)}, coins = {coins}, bars = {len(np.unique(tt))}")


if __name__ == "__main__":
    main()
