#!/usr/bin/env python3
"""Independent reference implementation of the Gradient backtest.

This script re-implements, literally and independently of the Java code, the
section "Conventions of the Gradient backtest" of /work/shared/DESIGN.md
(numbered rules 1-9 below refer to that section).  Its only purpose is to
check the Java backtest bar by bar (tolerance 1e-9) through its returns.csv.

Usage
-----
    python3 tools/reference_backtest.py --config CONFIG.json --data DIR \
        --out returns.csv [--start ISO] [--end ISO] [--compare JAVA_returns.csv]

    # compare two existing files without recomputing
    python3 tools/reference_backtest.py --ref returns.csv --compare JAVA_returns.csv

DIR holds candles_<interval>.parquet and funding.parquet (long format, sorted
by coin then time).  The config is the JSON backtest config (snake_case keys:
interval, start, end, warmup_bars, lookback_spans, vol_span,
liquidity_threshold_usd, liquidity_impact_pct, rebalance_freq_hours,
concentration_pct, weight_scheme, gross_leverage, max_position_pct, funding,
costs{maker_fee_bps, taker_fee_bps, passive_fill_fraction, slippage_bps});
other keys are ignored.  --start/--end override the config's start/end.
A null start means the data start (first open_time of the grid); a null end
means the data end = close time of the last bar of the grid (so the last bar
of the file is booked).

--compare loads another returns.csv, prints the row counts and the max abs
difference per column, and exits 1 if the rows/times differ or any
difference exceeds 1e-9 (exit 0 otherwise).

Implementation choices (where DESIGN.md leaves freedom):
  * columns = coins of the candle file, sorted by name (code-point order);
    this is also the tie-break order of the ranking (rule 7);
  * a coin with NaN simple return R and zero weight contributes 0; forward
    fill runs over the masked close panel (volume == 0 -> NaN);
  * funding rows are bucketed to the bar with open_time < floor_hour(time)
    <= open_time + interval; rows outside the grid or of coins without
    candles are dropped;
  * if long and short books overlap (concentration_pct > 50) the long and
    short weights of a coin are added.
"""

import argparse
import json
import math
import sys
import time as _time

import numpy as np
import pandas as pd
import pyarrow.parquet as pq

HOUR_MS = 3_600_000
TOL = 1e-9
COLUMNS = ["time", "gross_return", "funding_cost", "fee_cost", "net_return",
           "nav", "turnover", "n_long", "n_short"]


# --------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------
def parse_iso_ms(s):
    ts = pd.Timestamp(s)
    if ts.tzinfo is None:
        ts = ts.tz_localize("UTC")
    else:
        ts = ts.tz_convert("UTC")
    return int(ts.value // 1_000_000)


def fmt_iso_ms(ms):
    ts = pd.Timestamp(int(ms), unit="ms", tz="UTC")
    if ms % 1000 == 0:
        return ts.strftime("%Y-%m-%dT%H:%M:%SZ")
    return ts.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (ms % 1000)


def interval_hours(interval):
    if not isinstance(interval, str) or not interval.endswith("h"):
        raise ValueError("interval: expected like '1h' or '4h', got %r" % (interval,))
    h = int(interval[:-1])
    if h <= 0:
        raise ValueError("interval: must be positive")
    return h


def ts_col_ms(table, name):
    col = table.column(name).combine_chunks()
    # timestamp[ms] -> int64 milliseconds
    import pyarrow as pa
    if pa.types.is_timestamp(col.type):
        unit = col.type.unit
        arr = col.cast(pa.timestamp(unit)).cast(pa.int64())
        vals = np.asarray(arr.to_numpy(zero_copy_only=False), dtype=np.int64)
        if unit == "s":
            vals = vals * 1000
        elif unit == "us":
            vals = vals // 1000
        elif unit == "ns":
            vals = vals // 1_000_000
        return vals
    return np.asarray(col.to_numpy(zero_copy_only=False), dtype=np.int64)


# --------------------------------------------------------------------------
# data loading (rule 1)
# --------------------------------------------------------------------------
def load_panel(data_dir, interval):
    ih = interval_hours(interval)
    step = ih * HOUR_MS
    t = pq.read_table("%s/candles_%s.parquet" % (data_dir, interval),
                      columns=["coin", "open_time", "close", "volume"])
    coin = np.asarray(t.column("coin").to_pylist(), dtype=object)
    ot = ts_col_ms(t, "open_time")
    close = np.asarray(t.column("close").to_numpy(), dtype=np.float64)
    vol = np.asarray(t.column("volume").to_numpy(), dtype=np.float64)

    coins = sorted(set(coin.tolist()))
    cidx = {c: i for i, c in enumerate(coins)}
    g0 = int(ot.min())
    g1 = int(ot.max())
    T = (g1 - g0) // step + 1
    C = len(coins)
    times = g0 + step * np.arange(T, dtype=np.int64)

    if np.any((ot - g0) % step != 0):
        raise ValueError("candle open_time not on the %s grid" % interval)
    rows = ((ot - g0) // step).astype(np.int64)
    cols = np.fromiter((cidx[c] for c in coin), dtype=np.int64, count=len(coin))

    C_p = np.full((T, C), np.nan)
    V_p = np.full((T, C), np.nan)
    ok = (vol != 0) & ~np.isnan(vol) & ~np.isnan(close)
    C_p[rows[ok], cols[ok]] = close[ok]
    V_p[rows[ok], cols[ok]] = vol[ok]
    return times, coins, C_p, V_p, step


def load_funding(data_dir, times, coins, step):
    """F[i, c] = sum of funding rates whose hour h = floor_hour(time) satisfies
    open_time_i < h <= open_time_i + step (rule 8)."""
    T = len(times)
    C = len(coins)
    F = np.zeros((T, C))
    t = pq.read_table("%s/funding.parquet" % data_dir,
                      columns=["coin", "time", "funding_rate"])
    coin = np.asarray(t.column("coin").to_pylist(), dtype=object)
    ft = ts_col_ms(t, "time")
    rate = np.asarray(t.column("funding_rate").to_numpy(), dtype=np.float64)
    cidx = {c: i for i, c in enumerate(coins)}
    cols = np.fromiter((cidx.get(c, -1) for c in coin), dtype=np.int64, count=len(coin))
    h = (ft // HOUR_MS) * HOUR_MS
    g0 = int(times[0])
    rows = (h - g0 - 1) // step  # o = g0 + k*step with o < h <= o + step
    ok = (cols >= 0) & (rows >= 0) & (rows < T) & ~np.isnan(rate)
    np.add.at(F, (rows[ok], cols[ok]), rate[ok])
    return F


# --------------------------------------------------------------------------
# signals (rules 2-6)
# --------------------------------------------------------------------------
def log_returns(C_p):
    r = np.full_like(C_p, np.nan)
    with np.errstate(invalid="ignore", divide="ignore"):
        r[1:] = np.log(C_p[1:] / C_p[:-1])
    return r


def ew_vol(r, span):
    """Rule 4: EW volatility; sigma valid once >= span valid inputs."""
    T, C = r.shape
    a = 2.0 / (span + 1.0)
    m = np.zeros(C)
    v = np.zeros(C)
    n = np.zeros(C, dtype=np.int64)
    sig = np.full((T, C), np.nan)
    for t in range(T):
        x = r[t]
        valid = ~np.isnan(x)
        first = valid & (n == 0)
        cont = valid & (n > 0)
        if cont.any():
            xc = x[cont]
            mp = m[cont]
            d = xc - mp
            m[cont] = a * xc + (1.0 - a) * mp
            v[cont] = (1.0 - a) * (v[cont] + a * d * d)
        if first.any():
            m[first] = x[first]
            v[first] = 0.0
        n[valid] += 1
        out = valid & (n >= span)
        sig[t, out] = np.sqrt(v[out])
    return sig


def ewma(x_panel, span):
    """Rule 3: EWMA started at the first valid input; NaN input -> NaN out."""
    T, C = x_panel.shape
    a = 2.0 / (span + 1.0)
    m = np.zeros(C)
    started = np.zeros(C, dtype=bool)
    out = np.full((T, C), np.nan)
    for t in range(T):
        x = x_panel[t]
        valid = ~np.isnan(x)
        first = valid & ~started
        cont = valid & started
        if cont.any():
            m[cont] = a * x[cont] + (1.0 - a) * m[cont]
        if first.any():
            m[first] = x[first]
            started[first] = True
        out[t, valid] = m[valid]
    return out


def momentum_score(r, sig, spans, warmup):
    """Rule 5."""
    T, C = r.shape
    z = np.full((T, C), np.nan)
    prev = sig[:-1]
    with np.errstate(invalid="ignore", divide="ignore"):
        zz = r[1:] / prev
    bad = np.isnan(prev) | (prev == 0)
    zz[bad] = np.nan
    z[1:] = zz
    score = None
    for s in spans:
        e = ewma(z, s)
        score = e if score is None else score + e
    if score is None:
        score = np.zeros((T, C))
    cnt = np.cumsum(~np.isnan(z), axis=0)
    score = np.where(~np.isnan(z) & (cnt >= warmup), score, np.nan)
    return score


def adv(C_p, V_p, k):
    """Rule 6: sum of volume*close over rows t-k+1..t, NaN if any missing."""
    T, C = C_p.shape
    dv = V_p * C_p
    out = np.full((T, C), np.nan)
    if T >= k:
        acc = dv[0:T - k + 1].copy()
        for j in range(1, k):
            acc = acc + dv[j:T - k + 1 + j]
        out[k - 1:] = acc
    return out


def ffill(P):
    out = P.copy()
    T = P.shape[0]
    for t in range(1, T):
        nanm = np.isnan(out[t])
        out[t, nanm] = out[t - 1, nanm]
    return out


# --------------------------------------------------------------------------
# backtest (rules 7-9)
# --------------------------------------------------------------------------
def target_weights(score_t, sig_t, adv_t, cfg, thr):
    C = len(score_t)
    with np.errstate(invalid="ignore"):
        univ = ~np.isnan(score_t) & (sig_t > 0) & (adv_t >= thr)
    idx = np.nonzero(univ)[0]
    N = len(idx)
    n = int(math.floor(float(cfg["concentration_pct"]) * N / 100.0 + 1e-9))
    w = np.zeros(C)
    if n < 1:
        return w, 0
    # sort by score descending, ties by coin name ascending (= column index)
    order = idx[np.lexsort((idx, -score_t[idx]))]
    longs = order[:n]
    shorts = order[N - n:]
    G = float(cfg["gross_leverage"])
    scheme = cfg.get("weight_scheme", "inverse_vol")
    for side, sign in ((longs, 1.0), (shorts, -1.0)):
        if scheme == "inverse_vol":
            inv = 1.0 / sig_t[side]
            tot = 0.0
            for x in inv:
                tot += x
            w[side] += sign * (G / 2.0) * inv / tot
        elif scheme == "equal":
            w[side] += sign * G / (2.0 * n)
        else:
            raise ValueError("weight_scheme: unknown %r" % (scheme,))
    cap = float(cfg["max_position_pct"]) / 100.0
    w = np.clip(w, -cap, cap)
    return w, n


def run_backtest(cfg, data_dir, start_override=None, end_override=None, log=print):
    t0 = _time.time()
    interval = cfg["interval"]
    times, coins, C_p, V_p, step = load_panel(data_dir, interval)
    ih = step // HOUR_MS
    T, C = C_p.shape
    log("panel %s: %d bars x %d coins (%.1fs)" % (interval, T, C, _time.time() - t0))

    start = start_override if start_override is not None else cfg.get("start")
    end = end_override if end_override is not None else cfg.get("end")
    start_ms = parse_iso_ms(start) if start else int(times[0])
    end_ms = parse_iso_ms(end) if end else int(times[-1]) + step

    use_funding = bool(cfg.get("funding", True))
    F = load_funding(data_dir, times, coins, step) if use_funding else np.zeros((T, C))

    r = log_returns(C_p)
    sig = ew_vol(r, int(cfg["vol_span"]))
    score = momentum_score(r, sig, [int(s) for s in cfg["lookback_spans"]],
                           int(cfg["warmup_bars"]))
    k = 24 // ih
    if 24 % ih != 0:
        raise ValueError("interval must divide 24 hours")
    A = adv(C_p, V_p, k)
    log("signals done (%.1fs)" % (_time.time() - t0))

    P = ffill(C_p)
    with np.errstate(invalid="ignore", divide="ignore"):
        R = np.full((T, C), np.nan)
        R[1:] = P[1:] / P[:-1] - 1.0
    R0 = np.where(np.isnan(R), 0.0, R)

    costs = cfg.get("costs", {}) or {}
    pff = float(costs.get("passive_fill_fraction", 0.0))
    fee_rate = (pff * float(costs.get("maker_fee_bps", 0.0))
                + (1.0 - pff) * float(costs.get("taker_fee_bps", 0.0))
                + float(costs.get("slippage_bps", 0.0))) / 1e4
    thr = float(cfg["liquidity_threshold_usd"]) / (float(cfg["liquidity_impact_pct"]) / 100.0)
    freq_ms = int(cfg["rebalance_freq_hours"]) * HOUR_MS

    w = np.zeros(C)
    nav = 1.0
    n_long = n_short = 0
    rows = []
    for t in range(T - 1):
        close_t = int(times[t]) + step  # decision time
        close_next = close_t + step     # close of the booked bar t+1
        if close_t < start_ms or not (start_ms < close_next <= end_ms):
            continue
        turnover = 0.0
        fee = 0.0
        if close_t % freq_ms == 0:
            w_new, n = target_weights(score[t], sig[t], A[t], cfg, thr)
            turnover = float(np.sum(np.abs(w_new - w)))
            fee = turnover * fee_rate
            w = w_new
            n_long = n_short = n
        Rn = R0[t + 1]
        gross = float(np.sum(w * Rn))
        fund = float(np.sum(w * F[t + 1])) if use_funding else 0.0
        net = gross - fund - fee
        nav = nav * (1.0 + net)
        rows.append((fmt_iso_ms(close_next), gross, fund, fee, net, nav,
                     turnover, n_long, n_short))
        denom = 1.0 + gross
        w = w * (1.0 + Rn) / denom
    log("backtest done: %d rows, final nav %r (%.1fs)"
        % (len(rows), nav if rows else 1.0, _time.time() - t0))
    return rows


def write_csv(rows, path):
    with open(path, "w") as f:
        f.write(",".join(COLUMNS) + "\n")
        for row in rows:
            f.write(",".join([row[0]] + [repr(float(x)) for x in row[1:7]]
                             + [str(int(row[7])), str(int(row[8]))]) + "\n")


# --------------------------------------------------------------------------
# compare
# --------------------------------------------------------------------------
def read_returns(path):
    df = pd.read_csv(path, float_precision="round_trip")
    missing = [c for c in COLUMNS if c not in df.columns]
    if missing:
        raise ValueError("%s: missing columns %s" % (path, missing))
    return df


def compare(ref_path, other_path):
    a = read_returns(ref_path)
    b = read_returns(other_path)
    print("rows: reference %d, other %d" % (len(a), len(b)))
    ok = True
    if len(a) != len(b):
        print("ROW COUNT DIFFERS")
        ok = False
    n = min(len(a), len(b))
    ta = pd.to_datetime(a["time"].iloc[:n], utc=True).values
    tb = pd.to_datetime(b["time"].iloc[:n], utc=True).values
    tdiff = np.nonzero(ta != tb)[0]
    if len(tdiff):
        i = tdiff[0]
        print("TIMES DIFFER at %d rows, first at row %d: %s vs %s"
              % (len(tdiff), i, a["time"].iloc[i], b["time"].iloc[i]))
        ok = False
    for c in COLUMNS[1:]:
        x = a[c].iloc[:n].to_numpy(dtype=float)
        y = b[c].iloc[:n].to_numpy(dtype=float)
        both_nan = np.isnan(x) & np.isnan(y)
        with np.errstate(invalid="ignore"):
            d = np.where(both_nan, 0.0, np.abs(x - y))
        d = np.where(np.isnan(d), np.inf, d)
        mx = float(d.max()) if n else 0.0
        arg = int(d.argmax()) if n else -1
        flag = "" if mx <= TOL else "  <-- EXCEEDS %g (first at %s)" % (
            TOL, a["time"].iloc[int(np.argmax(d > TOL))])
        print("%-14s max|diff| = %.3e%s" % (c, mx, flag if mx > TOL else
              ("" if arg < 0 or mx == 0 else "  (at %s)" % a["time"].iloc[arg])))
        if mx > TOL:
            ok = False
    print("MATCH" if ok else "MISMATCH")
    return ok


# --------------------------------------------------------------------------
def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--config")
    ap.add_argument("--data", default="/work/shared/data/hyperliquid")
    ap.add_argument("--out", default="returns_reference.csv")
    ap.add_argument("--start")
    ap.add_argument("--end")
    ap.add_argument("--compare", metavar="JAVA_RETURNS_CSV")
    ap.add_argument("--ref", metavar="REFERENCE_CSV",
                    help="with --compare: use this existing file instead of recomputing")
    args = ap.parse_args(argv)

    if args.ref:
        if not args.compare:
            ap.error("--ref needs --compare")
        return 0 if compare(args.ref, args.compare) else 1
    if not args.config:
        ap.error("--config is required (or --ref with --compare)")
    with open(args.config) as f:
        cfg = json.load(f)
    log = lambda s: print(s, file=sys.stderr)
    rows = run_backtest(cfg, args.data, args.start, args.end, log=log)
    write_csv(rows, args.out)
    log("wrote %s" % args.out)
    if args.compare:
        return 0 if compare(args.out, args.compare) else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
