#!/usr/bin/env python3
"""Independent pandas reference for io.slipstream.ml.FeatureBuilder (FeatureConfig.DEFAULT), run from the
repository root:

    python3 tools/ml_features_reference.py [--data ../shared/data/hyperliquid] [--out tools/golden]

Written from the feature definitions of the ML issue and DESIGN.md (not from the Java code), with pandas' own
rolling / ewm machinery:

  grid      1h bars from the first to the last open_time of candles_1h.parquet (all coins); a missing bar or one
            with volume == 0 is NaN (DESIGN.md convention 1). Funding of bar t: sum of the hourly rates with
            open_t < floor_hour(time) <= open_t + 1h (a missing rate counts as 0), then NaN where the coin has
            no bar. Row t is keyed by its close time open_t + 1h.
  r         log(C / C.shift(1))
  ret_h     log(C / C.shift(h)), h in 1, 4, 24
  sma_ratio C / C.rolling(n).mean() - 1, n in 10, 50, 200
  macd      e12 - e26 with e = C.ewm(span, adjust=False, ignore_na=True).mean() at valid bars;
            signal = macd.ewm(span=9, adjust=False, ignore_na=True).mean() at valid bars; hist = macd - signal;
            all three divided by C
  std(y, n)  the rolling sample std (ddof 1) of each complete window, computed two-pass per window with numpy
            (sliding_window_view(...).std(ddof=1)); pandas' own rolling(n).std() is an online add/remove update
            that loses up to ~1e-8 relative on %B here (1h SOL closes), too coarse for a 1e-9 reference. The
            script checks that both agree within 1e-6 relative to the window's sd.
  bb        mid = C.rolling(20).mean(), sd = std(C, 20), upper/lower = mid +- 2 sd,
            bb_pct_b = (C - lower)/(upper - lower), bb_width = (upper - lower)/mid
  rsi_14    Wilder (1978): d = C.diff() (NaN across gaps, then dropped); gains/losses seeded with the mean of the
            first 14 valid changes, then ewm(alpha=1/14, adjust=False); RSI = 100 - 100/(1 + AG/AL) (100 when
            AL == 0), NaN at bars whose change is NaN
  roc_10    C / C.shift(10) - 1
  realised_vol_24  std(r, 24)
  ew_vol_24 sqrt(r.ewm(span=24, adjust=False, ignore_na=True, min_periods=24).var(bias=True)) at valid bars
  vol_z_n   (lv - lv.rolling(n).mean()) / std(lv, n), lv = log(volume), n in 24, 168 (NaN when sd == 0)
  funding   F; funding_chg = F.diff(); funding_sum_24 = F.rolling(24).sum()
  btc_ret_1 log(B / B.shift(1)); btc_corr_168 = r.rolling(168).corr(btc_r)
  hour, dow UTC hour (0..23) and ISO weekday (1 = Monday) of the bar's open time

Outputs (CSV; '#' lines are provenance; columns row (grid row), close_time_ms, then the features; NaN = empty;
floats as Python repr, i.e. shortest round-trip):
  ml_features_sol_1h.csv       the real data, rows [451, 1651) (SOL's first bar is row 501, so this covers the
                               NaN prefix and every warm-up) and the last 60 rows (the very last has no SOL bar)
  ml_features_sol_1h_gaps.csv  the same data with SOL's bars at rows 1000, 1001, 1002 and 1200 and BTC's bar at
                               row 1100 removed (set missing), rows [950, 1450): checks the NaN rules
The Java test (FeatureBuilderTest) compares every feature within 1e-9 relative, NaN positions equal.
"""
import argparse
import os
import sys

import numpy as np
import pandas as pd

HOUR = pd.Timedelta(hours=1)
MAIN_ROWS = (451, 1651)
TAIL_ROWS = 60
GAP_ROWS = (950, 1450)
SOL_GAPS = [1000, 1001, 1002, 1200]
BTC_GAPS = [1100]


def load(data_dir):
    c = pd.read_parquet(os.path.join(data_dir, "candles_1h.parquet"))
    f = pd.read_parquet(os.path.join(data_dir, "funding.parquet"))
    grid = pd.date_range(c.open_time.min(), c.open_time.max(), freq="1h")
    return c, f, grid


def coin_frame(c, f, grid, coin):
    s = c[c.coin == coin].set_index("open_time")
    s = s[s.volume > 0]
    out = pd.DataFrame(index=grid)
    out["close"] = s.close.reindex(grid)
    out["volume"] = s.volume.reindex(grid)
    fr = f[f.coin == coin].copy()
    h = fr.time.dt.floor("h")
    fr["open"] = h - HOUR  # open_t < h <= open_t + 1h on an hourly grid
    fsum = fr.groupby("open").funding_rate.sum()
    out["funding"] = fsum.reindex(grid).fillna(0.0)
    return out


def wilder_rsi(close, n):
    d = close.diff().dropna()
    res = pd.Series(np.nan, index=close.index)
    if len(d) < n:
        return res
    gain = d.clip(lower=0.0)
    loss = (-d).clip(lower=0.0)
    avgs = []
    for s in (gain, loss):
        seeded = s.iloc[n - 1:].copy()
        seeded.iloc[0] = s.iloc[:n].mean()
        avgs.append(seeded.ewm(alpha=1.0 / n, adjust=False).mean())
    ag, al = avgs
    rs = ag / al
    rsi = 100.0 - 100.0 / (1.0 + rs)
    rsi[(al == 0) & (ag > 0)] = 100.0
    rsi[(al == 0) & (ag == 0)] = np.nan
    res.loc[rsi.index] = rsi
    return res


def rolling_std(y, n):
    """Sample std of every complete window of n (NaN when a value in it is NaN), two-pass per window."""
    a = y.to_numpy(dtype=float)
    out = np.full(len(a), np.nan)
    if len(a) >= n:
        out[n - 1:] = np.lib.stride_tricks.sliding_window_view(a, n).std(axis=1, ddof=1)
    res = pd.Series(out, index=y.index)
    pd_sd = y.rolling(n).std()
    scale = res.abs().where(res > 0)
    gap = ((res - pd_sd).abs() / scale).max()
    assert res.isna().equals(pd_sd.isna()) and not gap > 1e-6, f"two-pass and pandas rolling std differ: {gap}"
    return res


def ema(x, span):
    return x.ewm(span=span, adjust=False, ignore_na=True).mean().where(x.notna())


def features(sol, btc):
    C = sol.close
    V = sol.volume
    F = sol.funding.where(C.notna())
    r = np.log(C / C.shift(1))
    out = pd.DataFrame(index=sol.index)
    for h in (1, 4, 24):
        out[f"ret_{h}"] = np.log(C / C.shift(h))
    for n in (10, 50, 200):
        out[f"sma_ratio_{n}"] = C / C.rolling(n).mean() - 1.0
    macd = ema(C, 12) - ema(C, 26)
    sig = ema(macd, 9)
    out["macd"] = macd / C
    out["macd_signal"] = sig / C
    out["macd_hist"] = (macd - sig) / C
    mid = C.rolling(20).mean()
    sd = rolling_std(C, 20)
    upper = mid + 2.0 * sd
    lower = mid - 2.0 * sd
    out["bb_pct_b"] = ((C - lower) / (upper - lower)).where(sd > 0)
    out["bb_width"] = (upper - lower) / mid
    out["rsi_14"] = wilder_rsi(C, 14)
    out["roc_10"] = C / C.shift(10) - 1.0
    out["realised_vol_24"] = rolling_std(r, 24)
    ewvar = r.ewm(span=24, adjust=False, ignore_na=True, min_periods=24).var(bias=True)
    out["ew_vol_24"] = np.sqrt(ewvar).where(r.notna())
    lv = np.log(V)
    for n in (24, 168):
        sd = rolling_std(lv, n)
        out[f"vol_z_{n}"] = ((lv - lv.rolling(n).mean()) / sd).where(sd > 0)
    out["funding"] = F
    out["funding_chg"] = F.diff()
    out["funding_sum_24"] = F.rolling(24).sum()
    B = btc.close
    br = np.log(B / B.shift(1))
    out["btc_ret_1"] = br
    out["btc_corr_168"] = r.rolling(168).corr(br)
    out["hour"] = sol.index.hour.astype(float)
    out["dow"] = (sol.index.dayofweek + 1).astype(float)
    return out


def fmt(v):
    return "" if v != v else repr(float(v))


def write(path, feats, rows, header):
    with open(path, "w") as fh:
        for line in header:
            fh.write("# " + line + "\n")
        fh.write("row,close_time_ms," + ",".join(feats.columns) + "\n")
        close_ms = (feats.index + HOUR).as_unit("ms").asi8
        vals = feats.to_numpy()
        for t in rows:
            fh.write(f"{t},{int(close_ms[t])}," + ",".join(fmt(v) for v in vals[t]) + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", default="../shared/data/hyperliquid")
    ap.add_argument("--out", default="tools/golden")
    a = ap.parse_args()
    c, f, grid = load(a.data)
    sol = coin_frame(c, f, grid, "SOL")
    btc = coin_frame(c, f, grid, "BTC")
    env = (f"python {sys.version.split()[0]}, numpy {np.__version__}, pandas {pd.__version__}; "
           f"grid {len(grid)} bars from {grid[0].isoformat()}")
    feats = features(sol, btc)
    n = len(grid)
    rows = list(range(*MAIN_ROWS)) + list(range(n - TAIL_ROWS, n))
    write(os.path.join(a.out, "ml_features_sol_1h.csv"), feats, rows,
          ["produced by tools/ml_features_reference.py (independent pandas reference, see its docstring)",
           "data: candles_1h.parquet + funding.parquet of the lake; coin SOL; FeatureConfig.DEFAULT",
           f"rows: [{MAIN_ROWS[0]}, {MAIN_ROWS[1]}) and the last {TAIL_ROWS}; " + env,
           "tolerance in the Java test: 1e-9 relative, NaN positions equal"])
    sol_g = sol.copy()
    btc_g = btc.copy()
    sol_g.iloc[SOL_GAPS, sol_g.columns.get_indexer(["close", "volume"])] = np.nan
    btc_g.iloc[BTC_GAPS, btc_g.columns.get_indexer(["close", "volume"])] = np.nan
    feats_g = features(sol_g, btc_g)
    write(os.path.join(a.out, "ml_features_sol_1h_gaps.csv"), feats_g, range(*GAP_ROWS),
          ["produced by tools/ml_features_reference.py (independent pandas reference, see its docstring)",
           f"data: as ml_features_sol_1h.csv with SOL bars at rows {SOL_GAPS} and BTC bars at rows {BTC_GAPS} "
           "removed (close and volume missing)",
           f"rows: [{GAP_ROWS[0]}, {GAP_ROWS[1]}); " + env,
           "tolerance in the Java test: 1e-9 relative, NaN positions equal"])


if __name__ == "__main__":
    main()
