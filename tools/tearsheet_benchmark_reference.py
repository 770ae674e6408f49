#!/usr/bin/env python3
"""Independent reference values for the benchmark, daily-basis and tail metrics of the tear sheet
(analytics.ReturnStats, BenchmarkStats, Drawdowns, RollingStats.sortino), numpy + the standard library only.

quantstats cannot be installed here (no PyPI); its definitions are re-implemented from its source,
quantstats 0.0.81 (github.com/ranaroussi/quantstats, quantstats/stats.py at fbd10da), function by function:

  * value_at_risk              -> norm.ppf(0.05, mean, std(ddof 1))
  * conditional_value_at_risk  -> var = value_at_risk(r); c = r[r < var].mean(); c if not nan else var
                                  (strictly below the *normal* VaR; there is no 'method' parameter)
  * expected_shortfall (normal, our own name) -> mean - std * pdf(ppf(0.05)) / 0.05
  * omega (rf 0, required_return 0) -> r[r > 0].sum() / -r[r < 0].sum()
  * win_loss_ratio = payoff_ratio -> r[r > 0].mean() / abs(r[r < 0].mean())
  * ulcer_index                -> sqrt(sum(dd^2) / (n - 1)), dd = nav / running max - 1 (running max starts at 1)
  * greeks                     -> beta = cov(r, b)[0,1] / cov[1,1]; alpha = (mean r - beta mean b) * periods
  * information_ratio          -> (r - b).mean() / (r - b).std(ddof 1)   (not annualised)
  * rolling_sortino            -> rolling(w).mean() / sqrt(rolling(w).apply(sum of squares of negatives) / w)
                                  * sqrt(periods)
  * tracking error (annualised) -> (r - b).std(ddof 1) * sqrt(periods)
  * drawdown_details depth     -> per episode of nav below its running peak, min(nav / peak - 1)

Beta and alpha are also fitted by ordinary least squares (numpy.linalg.lstsq of r on [1, b]) as an independent check.
Daily returns compound bar returns by the UTC date of the bar's open time (close time - interval).

Usage:
    python3 tools/tearsheet_benchmark_reference.py RUN_DIR [interval_hours, default 4]
RUN_DIR holds returns.csv and benchmark.csv of `slipstream backtest` (benchmark BTC by default). Prints
`name = value` lines (repr, full precision) that TearSheetReferenceTest pastes.
"""
import csv
import math
import sys
from datetime import datetime, timedelta, timezone
from statistics import NormalDist

import numpy as np


def read(path, cols):
    with open(path) as f:
        rows = list(csv.DictReader(f))
    t = [datetime.fromisoformat(r["time"].replace("Z", "+00:00")) for r in rows]
    return t, [np.array([float(r[c]) if r[c] != "" else np.nan for r in rows]) for c in cols]


def daily(t, r, hours):
    days, vals = [], []
    for ti, x in zip(t, r):
        d = (ti - timedelta(hours=hours)).date()
        if not days or days[-1] != d:
            days.append(d)
            vals.append(1.0)
        vals[-1] *= 1 + x
    return days, np.array(vals) - 1


def stats(name, r, ppy, out):
    mu, sd = r.mean(), r.std(ddof=1)
    var = NormalDist(mu, sd).inv_cdf(0.05)
    below = r[r < var]
    out(f"{name}_sharpe", mu / sd * math.sqrt(ppy))
    out(f"{name}_sortino", mu / math.sqrt((r[r < 0] ** 2).sum() / len(r)) * math.sqrt(ppy))
    out(f"{name}_volatility", sd * math.sqrt(ppy))
    out(f"{name}_var_95", var)
    out(f"{name}_cvar_95", below.mean() if len(below) else var)
    z = NormalDist().inv_cdf(0.05)
    out(f"{name}_es_95_normal", mu - sd * NormalDist().pdf(z) / 0.05)
    out(f"{name}_omega", r[r > 0].sum() / -r[r < 0].sum())
    out(f"{name}_win_loss_ratio", r[r > 0].mean() / abs(r[r < 0].mean()))
    out(f"{name}_best", r.max())
    out(f"{name}_worst", r.min())


def greeks(name, r, b, ppy, out):
    ok = ~np.isnan(r) & ~np.isnan(b)
    r, b = r[ok], b[ok]
    c = np.cov(r, b)
    beta = c[0, 1] / c[1, 1]
    out(f"{name}_pairs", int(ok.sum()))
    out(f"{name}_beta", beta)
    out(f"{name}_alpha", (r.mean() - beta * b.mean()) * ppy)
    coef, *_ = np.linalg.lstsq(np.column_stack([np.ones_like(b), b]), r, rcond=None)
    out(f"{name}_beta_ols", coef[1])
    out(f"{name}_alpha_ols", coef[0] * ppy)
    out(f"{name}_correlation", np.corrcoef(r, b)[0, 1])
    a = r - b
    out(f"{name}_tracking_error", a.std(ddof=1) * math.sqrt(ppy))
    out(f"{name}_information_ratio", a.mean() / a.std(ddof=1))


def main():
    run = sys.argv[1]
    hours = int(sys.argv[2]) if len(sys.argv) > 2 else 4
    ppy = 365 * 24 / hours
    t, (net, nav) = read(f"{run}/returns.csv", ["net_return", "nav"])
    tb, (bench,) = read(f"{run}/benchmark.csv", ["benchmark_return"])
    assert t == tb

    def out(name, value):
        if isinstance(value, (float, np.floating)):
            value = float(value)
        print(f"{name} = {value!r}")

    out("bars", len(net))
    stats("bar", net, ppy, out)
    days, dnet = daily(t, net, hours)
    _, dbench = daily(t, np.nan_to_num(bench, nan=np.nan), hours)
    out("days", len(days))
    stats("day", dnet, 365.0, out)
    greeks("bar", net, bench, ppy, out)
    greeks("day", dnet, dbench, 365.0, out)

    peak = np.maximum.accumulate(np.concatenate([[1.0], nav]))[1:]
    dd = nav / peak - 1
    out("ulcer_index", math.sqrt((dd ** 2).sum() / (len(nav) - 1)))
    depths, cur = [], None
    for x in dd:
        if x < 0:
            cur = x if cur is None else min(cur, x)
        elif cur is not None:
            depths.append(cur)
            cur = None
    if cur is not None:
        depths.append(cur)
    for k, d in enumerate(sorted(depths)[:5]):
        out(f"drawdown_{k + 1}_depth", -d)

    w = int(30 * 24 / hours)
    for i in (w - 1, 1000, len(net) - 1):
        x = net[i - w + 1:i + 1]
        neg = x[x < 0]
        out(f"rolling_sortino_{i}", x.mean() / math.sqrt((neg ** 2).sum() / w) * math.sqrt(ppy))
    wb = int(90 * 24 / hours)
    for i in (wb - 1, 3000, len(net) - 1):
        x, y = net[i - wb + 1:i + 1], bench[i - wb + 1:i + 1]
        c = np.cov(x, y)
        out(f"rolling_beta_{i}", c[0, 1] / c[1, 1])


if __name__ == "__main__":
    main()
