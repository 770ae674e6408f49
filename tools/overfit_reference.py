#!/usr/bin/env python3
"""Independent reference for io.slipstream.backtest.search (DeflatedSharpe, ProbabilityOfBacktestOverfitting),
pasted into DeflatedSharpeTest and PboReferenceTest. numpy + scipy; works on the raw T x N return matrix (never on
block sums), so it checks the Java sufficient-statistics kernel end to end.

Fixture (written to src/test/resources/io/slipstream/backtest/search/cscv_returns.csv, then read back, so both sides
use exactly the same doubles): T = 480 bars x N = 20 trials, numpy default_rng(20240601), Student-t (df 5) noise
with scale 0.01; trial 0 gets a drift of +0.0006 per bar and trial 1 of +0.0004 (genuine skill, so PBO is not 0.5);
trial 18 is an exact copy of trial 17 (a duplicate configuration: exact ties), trial 19 is all zeros (a
configuration that never trades: Sharpe ratio undefined). Values are rounded to 8 decimals.

CSCV (Bailey, Borwein, Lopez de Prado, Zhu 2016), conventions documented in ProbabilityOfBacktestOverfitting:
  blocks = numpy.array_split of the rows into S contiguous blocks (earlier blocks get the extra row);
  for each J in itertools.combinations(range(S), S/2): IS rows = union of J's blocks, OOS = the rest;
  Sharpe = mean / std(ddof=1) over those rows, undefined (-inf) when the variance is not positive;
  n* = argmax of IS Sharpe (first index on ties); rank = scipy.stats.rankdata(OOS Sharpe, 'average')[n*];
  omega = rank / (N + 1); logit = ln(omega / (1 - omega)); PBO = mean(logit <= 0);
  degradation = OLS of OOS Sharpe(n*) on IS Sharpe(n*) over combinations with a defined OOS Sharpe;
  probability of loss = mean(OOS mean return of n* < 0).
PSR = Phi((SR - SR*) sqrt(T - 1) / sqrt(1 - g3 SR + (g4 - 1)/4 SR^2)), g3, g4 population skewness and (non-excess)
kurtosis; SR_0 = sqrt(V) ((1 - g) Phi^-1(1 - 1/N) + g Phi^-1(1 - 1/(N e))); DSR = PSR(SR_0).

Real data (PboRealDataTest; needs pyarrow, run only with --real): BTC closes c of the last 4000 rows of
candles_4h.parquet (all with volume > 0), 30 time-series momentum trials L = 1..30: for t = 30 .. 3998 the position
decided at close t is sign(c_t - c_{t-L}) and the return over the next bar is position x (c_{t+1}/c_t - 1), so
T = 3969 returns per trial (exactly the same doubles as in Java: one subtraction, one division).

Usage: python3 tools/overfit_reference.py [--write] [--real DATA_DIR]
  (--write regenerates the CSV fixture first; --real adds the real-data section)
"""
import itertools
import math
import os
import sys

import numpy as np
from scipy import stats

HERE = os.path.dirname(os.path.abspath(__file__))
CSV = os.path.join(HERE, "..", "src", "test", "resources", "io", "slipstream", "backtest", "search",
                   "cscv_returns.csv")
T, N = 480, 20


def write_fixture():
    rng = np.random.default_rng(20240601)
    m = rng.standard_t(5, size=(T, N)) * 0.01
    m[:, 0] += 0.0006
    m[:, 1] += 0.0004
    m[:, 18] = m[:, 17]
    m[:, 19] = 0.0
    os.makedirs(os.path.dirname(CSV), exist_ok=True)
    with open(CSV, "w") as f:
        f.write(",".join("trial%d" % i for i in range(N)) + "\n")
        for row in m:
            f.write(",".join("%.8f" % x for x in row) + "\n")


def read_fixture():
    return np.loadtxt(CSV, delimiter=",", skiprows=1)


def sharpe(x):
    if len(x) < 2:
        return -math.inf
    var = np.var(x, ddof=1)
    return x.mean() / math.sqrt(var) if var > 0 else -math.inf


def cscv(m, s):
    t, n = m.shape
    parts = np.array_split(np.arange(t), s)
    logits, is_sel, oos_sel, loss = [], [], [], []
    min_is_gap = min_oos_gap = math.inf
    for comb in itertools.combinations(range(s), s // 2):
        is_rows = np.concatenate([parts[b] for b in comb])
        oos_rows = np.concatenate([parts[b] for b in range(s) if b not in comb])
        r_is = np.array([sharpe(m[is_rows, i]) for i in range(n)])
        r_oos = np.array([sharpe(m[oos_rows, i]) for i in range(n)])
        k = int(np.argmax(r_is))
        rank = stats.rankdata(r_oos, method="average")[k]
        w = rank / (n + 1)
        logits.append(math.log(w / (1 - w)))
        is_sel.append(r_is[k])
        oos_sel.append(r_oos[k])
        loss.append(m[oos_rows, k].mean() < 0)
        # robustness of the reference against last-digit differences: distance of the selected values to the
        # nearest other distinct value (exact duplicates excluded)
        others = r_is[np.isfinite(r_is) & (r_is != r_is[k])]
        if others.size:
            min_is_gap = min(min_is_gap, np.min(np.abs(others - r_is[k])))
        others = r_oos[np.isfinite(r_oos) & (r_oos != r_oos[k])]
        if others.size and np.isfinite(r_oos[k]):
            min_oos_gap = min(min_oos_gap, np.min(np.abs(others - r_oos[k])))
    logits = np.array(logits)
    x, y = np.array(is_sel), np.array(oos_sel)
    ok = np.isfinite(y)
    lr = stats.linregress(x[ok], y[ok])
    return dict(pbo=float(np.mean(logits <= 0)), combinations=len(logits), logits=logits,
                slope=lr.slope, intercept=lr.intercept, loss=float(np.mean(loss)),
                min_is_gap=min_is_gap, min_oos_gap=min_oos_gap)


def psr(sr, sr_star, t, skew, kurt):
    return stats.norm.cdf((sr - sr_star) * math.sqrt(t - 1) / math.sqrt(1 - skew * sr + (kurt - 1) / 4 * sr * sr))


def sr0(trials, var):
    g = np.euler_gamma
    return math.sqrt(var) * ((1 - g) * stats.norm.ppf(1 - 1 / trials) + g * stats.norm.ppf(1 - 1 / (trials * math.e)))


def momentum_matrix(data_dir):
    import pyarrow.parquet as pq
    t = pq.read_table(os.path.join(data_dir, "candles_4h.parquet"), columns=["coin", "open_time", "close", "volume"])
    t = t.to_pandas()
    b = t[t.coin == "BTC"].sort_values("open_time")
    assert b.open_time.iloc[-1] == t.open_time.max()
    b = b.iloc[-4000:]
    assert (b.volume > 0).all() and (b.open_time.diff().dropna() == np.timedelta64(4, "h")).all()
    c = b.close.to_numpy()
    m = np.empty((len(c) - 31, 30))
    for k, lag in enumerate(range(1, 31)):
        for j, tt in enumerate(range(30, len(c) - 1)):
            m[j, k] = np.sign(c[tt] - c[tt - lag]) * (c[tt + 1] / c[tt] - 1)
    return m


def main():
    if "--write" in sys.argv:
        write_fixture()
    m = read_fixture()
    assert m.shape == (T, N), m.shape
    np.set_printoptions(precision=17, linewidth=120)

    print("== DSR paper example (Bailey & Lopez de Prado 2014), 250 days a year")
    ppy = 250
    b = sr0(100, 0.5 / ppy)
    print("SR_0 per day %.17g annualised %.17g" % (b, b * math.sqrt(ppy)))
    print("DSR %.17g" % psr(2.5 / math.sqrt(ppy), b, 1250, -3.0, 10.0))

    print("== PSR spot values")
    for args in [(0.1, 0.05, 250, -0.5, 5.0), (0.02, 0.0, 1000, 0.3, 3.5), (-0.05, 0.0, 60, 0.0, 3.0),
                 (0.1, 0.1, 100, 1.0, 4.0)]:
        print("PSR%s = %.17g" % (args, psr(*args)))
    for n_trials, v in [(2, 1.0), (10, 0.25), (1000, 0.01), (1_000_000, 1.0)]:
        print("SR0(N=%d, V=%g) = %.17g" % (n_trials, v, sr0(n_trials, v)))

    print("== DSR on the fixture")
    sharpes = np.array([sharpe(m[:, i]) for i in range(N)])
    defined = sharpes[np.isfinite(sharpes)]
    print("full-sample Sharpe per trial", sharpes)
    v = np.var(defined, ddof=1)
    best = int(np.argmax(sharpes))
    x = m[:, best]
    skew = stats.skew(x, bias=True)
    kurt = stats.kurtosis(x, fisher=False, bias=True)
    print("best trial %d, SR %.17g, V (ddof 1, %d defined trials) %.17g" % (best, sharpes[best], defined.size, v))
    print("skew %.17g kurtosis %.17g" % (skew, kurt))
    b = sr0(N, v)
    print("SR_0 %.17g DSR %.17g" % (b, psr(sharpes[best], b, T, skew, kurt)))

    for s in (8, 14, 16):
        r = cscv(m, s)
        print("== CSCV S = %d: combinations %d" % (s, r["combinations"]))
        print("pbo %.17g (count %d)" % (r["pbo"], int(round(r["pbo"] * r["combinations"]))))
        print("slope %.17g intercept %.17g probability of loss %.17g" % (r["slope"], r["intercept"], r["loss"]))
        print("sum of logits %.17g, first 4 %s, last %.17g" % (r["logits"].sum(), r["logits"][:4], r["logits"][-1]))
        print("min gap of selected IS Sharpe %.3g, of selected OOS Sharpe %.3g" % (r["min_is_gap"], r["min_oos_gap"]))
        if s == 8:
            print("all logits", ", ".join("%.17g" % v for v in r["logits"]))

    if "--real" in sys.argv:
        m = momentum_matrix(sys.argv[sys.argv.index("--real") + 1])
        print("== real data: BTC 4h momentum, T x N =", m.shape)
        sharpes = np.array([sharpe(m[:, i]) for i in range(m.shape[1])])
        best = int(np.argmax(sharpes))
        v = np.var(sharpes, ddof=1)
        x = m[:, best]
        skew = stats.skew(x, bias=True)
        kurt = stats.kurtosis(x, fisher=False, bias=True)
        b = sr0(m.shape[1], v)
        print("best L = %d, SR %.17g, V %.17g, skew %.17g, kurtosis %.17g" % (best + 1, sharpes[best], v, skew, kurt))
        print("SR_0 %.17g DSR %.17g PSR(0) %.17g" % (b, psr(sharpes[best], b, len(x), skew, kurt),
                                                    psr(sharpes[best], 0.0, len(x), skew, kurt)))
        r = cscv(m, 16)
        print("CSCV S = 16: pbo %.17g (count %d of %d)" % (r["pbo"], int(round(r["pbo"] * r["combinations"])),
                                                        r["combinations"]))
        print("slope %.17g intercept %.17g probability of loss %.17g" % (r["slope"], r["intercept"], r["loss"]))
        print("sum of logits %.17g" % r["logits"].sum())
        print("min gap of selected IS Sharpe %.3g, of selected OOS Sharpe %.3g" % (r["min_is_gap"], r["min_oos_gap"]))


if __name__ == "__main__":
    main()
