#!/usr/bin/env python3
"""Independent reference values for io.slipstream.cost.SpreadEstimator (Abdi and Ranaldo 2017 close-high-low
half-spread), pasted into SpreadEstimatorTest.

Estimator (as documented in SpreadEstimator): eta_t = (ln H_t + ln L_t)/2, c_t = ln C_t,
p_t = (c_{t-1} - eta_{t-1}) (c_{t-1} - eta_t) stored at row t (NaN at row 0 or when an input is NaN);
S_t = mean of the valid p over rows t-W+1..t when at least min_pairs are valid, else NaN;
half-spread = sqrt(max(4 S_t, 0)) / 2.

Part 1 (synthetic, numpy only): two coins, 40 bars, a random walk observed at bid or ask, a gap in coin B;
prints the inputs and outputs as Java literals (full repr precision).
Part 2 (real data, needs pandas + pyarrow): rolling 180-pair estimate of a few coins of candles_4h.parquet at a
few bars, on the data lake's regular grid (a bar with volume 0 is NaN, DESIGN.md convention 1); then summary
statistics over all coins and bars quoted in SpreadEstimator's documentation (share of estimates floored to 0,
BTC's median and 90th percentile).

Usage: python3 tools/cost_spread_reference.py [DATA_DIR]
"""
import math
import sys

import numpy as np


def half_spread(high, low, close, window, min_pairs):
    n = len(close)
    prod = [math.nan] * n
    for t in range(1, n):
        vals = [close[t - 1], high[t - 1], low[t - 1], high[t], low[t]]
        if any(math.isnan(v) for v in vals):
            continue
        c_prev = math.log(close[t - 1])
        eta_prev = (math.log(high[t - 1]) + math.log(low[t - 1])) / 2
        eta = (math.log(high[t]) + math.log(low[t])) / 2
        prod[t] = (c_prev - eta_prev) * (c_prev - eta)
    out = []
    for t in range(n):
        win = [p for p in prod[max(0, t - window + 1):t + 1] if not math.isnan(p)]
        if len(win) < min_pairs:
            out.append(math.nan)
        else:
            out.append(math.sqrt(max(4 * (sum(win) / len(win)), 0.0)) / 2)
    return out


def synthetic():
    rng = np.random.RandomState(7)
    bars, steps = 40, 24
    cols = {}
    for name, spread, vol in (("A", 0.01, 0.004), ("B", 0.004, 0.002)):
        logp = math.log(100.0)
        h, l, c = [], [], []
        for _ in range(bars):
            path = logp + np.cumsum(rng.normal(0, vol, steps))
            side = np.where(rng.rand(steps) < 0.5, -1.0, 1.0) * spread / 2
            obs = np.exp(path + side)
            h.append(float(obs.max()))
            l.append(float(obs.min()))
            c.append(float(obs[-1]))
            logp = path[-1]
        cols[name] = (h, l, c)
    h, l, c = cols["B"]
    for t in (12, 13):
        h[t] = l[t] = c[t] = math.nan
    return cols


def java(xs):
    return "{" + ", ".join("NaN" if math.isnan(x) else repr(x) for x in xs) + "}"


def main():
    cols = synthetic()
    for name, (h, l, c) in cols.items():
        print(f"// coin {name}")
        print(f"high{name} = {java(h)};")
        print(f"low{name} = {java(l)};")
        print(f"close{name} = {java(c)};")
        print(f"expected{name}_w10_min10 = {java(half_spread(h, l, c, 10, 10))};")
        print(f"expected{name}_w10_min6 = {java(half_spread(h, l, c, 10, 6))};")

    try:
        import pandas as pd
    except ImportError:
        print("pandas not installed: real-data part skipped")
        return
    data = sys.argv[1] if len(sys.argv) > 1 else "../shared/data/hyperliquid"
    t = pd.read_parquet(f"{data}/candles_4h.parquet")
    first = t.open_time.min()
    t.loc[t.volume == 0, ["open", "high", "low", "close"]] = math.nan
    rows = int((t.open_time.max() - first) / pd.Timedelta(hours=4)) + 1
    for coin in ("BTC", "SOL", "HYPE", "kPEPE"):
        g = t[t.coin == coin]
        idx = ((g.open_time - first) / pd.Timedelta(hours=4)).astype(int).values
        h = np.full(rows, math.nan)
        l = np.full(rows, math.nan)
        c = np.full(rows, math.nan)
        h[idx], l[idx], c[idx] = g.high.values, g.low.values, g.close.values
        hs = half_spread(list(h), list(l), list(c), 180, 180)
        if coin == "BTC":
            v = np.array([x for x in hs if not math.isnan(x)])
            print(f"BTC half-spread over all bars: median {np.median(v) * 1e4:.2f} bps, "
                  f"90th percentile {np.quantile(v, 0.9) * 1e4:.2f} bps")
        for when in ("2024-01-01 00:00", "2025-01-01 00:00", "2025-06-30 20:00"):
            ts = pd.Timestamp(when, tz="UTC")
            row = int((ts - first) / pd.Timedelta(hours=4))
            print(f'real("{coin}", open {ts.isoformat()}, row {row}) = {hs[row]!r}')
    zero = total = 0
    for coin, g in t.groupby("coin"):
        idx = ((g.open_time - first) / pd.Timedelta(hours=4)).astype(int).values
        h = np.full(rows, math.nan)
        l = np.full(rows, math.nan)
        c = np.full(rows, math.nan)
        h[idx], l[idx], c[idx] = g.high.values, g.low.values, g.close.values
        v = np.array([x for x in half_spread(list(h), list(l), list(c), 180, 180) if not math.isnan(x)])
        zero += int((v == 0).sum())
        total += len(v)
    print(f"all coins: {zero} of {total} rolling estimates floored to 0 ({zero / total:.1%})")


if __name__ == "__main__":
    main()
