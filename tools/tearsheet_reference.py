#!/usr/bin/env python3
"""Independent reference values for the tear-sheet metrics (analytics.Metrics, MonthlyReturns, RollingStats).

quantstats cannot be installed here (no PyPI), so its formulas are re-implemented from its source,
quantstats/stats.py (github.com/ranaroussi/quantstats), function by function:

  * skew / kurtosis          -> stats.skew / stats.kurtosis: pandas Series.skew() / Series.kurt()
                                (bias-corrected G1 and excess G2)
  * value_at_risk            -> norm.ppf(1 - 0.95, mu, sigma) with mu = mean, sigma = std (ddof 1)
  * conditional_value_at_risk-> default method="parametric": mu - sigma * pdf(ppf(0.05)) / 0.05;
                                method="historical": mean of r[r <= r.quantile(0.05)]
  * tail_ratio               -> abs(r.quantile(0.95) / r.quantile(0.05))   (pandas linear quantiles)
  * profit_factor            -> r[r >= 0].sum() / abs(r[r < 0].sum())
  * win_rate                 -> positives / non-zero
  * sharpe / sortino         -> mean / std(ddof 1) * sqrt(ppy); mean / sqrt(sum(r[r<0]^2) / n) * sqrt(ppy)
  * max_drawdown             -> prices = (1 + r).cumprod() with a phantom baseline 1.0 before the first bar,
                                dd = prices / running max - 1
  * drawdown_details         -> episodes = maximal runs of dd != 0; quantstats' 'days' = (end - start).days + 1
                                (end = last bar under water); the Java side keeps the exact fraction
                                (end - start + one bar) in days, printed here as 'exact'
  * monthly_returns          -> compounded returns per (year, month), plus the compounded year ('EOY');
                                a bar belongs to the month of its open time (close time - interval)
  * rolling_sharpe / rolling_volatility -> r.rolling(w).mean() / r.rolling(w).std() * sqrt(ppy),
                                r.rolling(w).std() * sqrt(ppy), with w = 30 days of bars

The normal quantile comes from Python's statistics.NormalDist (no scipy needed).

Usage:
    python3 tools/tearsheet_reference.py RUN_DIR/returns.csv [interval_hours, default 4]
    python3 tools/tearsheet_reference.py --hand      # the 10-return hand case of MetricsQuantstatsTest

Input: the returns.csv of `slipstream backtest` (columns time,gross_return,funding_cost,fee_cost,net_return,
nav,turnover,n_long,n_short; time = ISO-8601 UTC bar close time). Prints `name = value` lines (repr, full
precision) that MetricsReferenceTest pastes.
"""
import sys
from statistics import NormalDist

import numpy as np
import pandas as pd


HAND = [0.02, -0.01, 0.03, -0.04, 0.01, 0.00, -0.02, 0.05, -0.03, 0.01]


def hand():
    """The hand case: moments, quantiles and tail metrics of 10 returns (no time index needed)."""
    r = pd.Series(HAND)
    mu = r.mean()
    sd = r.std(ddof=1)
    nd = NormalDist()
    z = nd.inv_cdf(0.05)
    q05 = r.quantile(0.05)
    q95 = r.quantile(0.95)
    for name, v in [("mean", mu), ("sd", sd), ("skew", r.skew()), ("kurtosis", r.kurt()),
                    ("var_95", NormalDist(mu, sd).inv_cdf(0.05)), ("cvar_95", mu - sd * nd.pdf(z) / 0.05),
                    ("q05", q05), ("q95", q95), ("cvar_95_historical", r[r <= q05].mean()),
                    ("tail_ratio", abs(q95 / q05)), ("profit_factor", r[r >= 0].sum() / abs(r[r < 0].sum()))]:
        print(f"{name} = {float(v)!r}")


def main():
    if sys.argv[1] == "--hand":
        hand()
        return
    path = sys.argv[1]
    hours = int(sys.argv[2]) if len(sys.argv) > 2 else 4
    ppy = 365 * 24 / hours
    df = pd.read_csv(path)
    t = pd.to_datetime(df["time"], utc=True)
    r = pd.Series(df["net_return"].to_numpy(dtype=float), index=t)
    n = len(r)

    def out(name, value):
        if isinstance(value, (float, np.floating)):
            value = float(value)
        print(f"{name} = {value!r}")

    out("bars", n)
    out("first_close", str(t.iloc[0]))
    out("last_close", str(t.iloc[-1]))

    mu = r.mean()
    sd = r.std(ddof=1)
    out("sharpe", mu / sd * np.sqrt(ppy))
    out("sortino", mu / np.sqrt((r[r < 0] ** 2).sum() / r.count()) * np.sqrt(ppy))
    out("annual_volatility", sd * np.sqrt(ppy))
    out("skew", float(r.skew()))
    out("kurtosis", float(r.kurt()))

    nd = NormalDist()
    z = nd.inv_cdf(0.05)
    out("z_05", z)
    out("es_factor_05", nd.pdf(z) / 0.05)
    out("var_95", NormalDist(mu, sd).inv_cdf(0.05))
    out("cvar_95", mu - sd * nd.pdf(z) / 0.05)
    q05 = r.quantile(0.05)
    q95 = r.quantile(0.95)
    out("var_95_historical", float(q05))
    out("cvar_95_historical", float(r[r <= q05].mean()))
    out("tail_ratio", float(abs(q95 / q05)))
    out("profit_factor", float(r[r >= 0].sum() / abs(r[r < 0].sum())))
    nz = r[r != 0]
    out("hit_rate", len(r[r > 0]) / len(nz))

    # drawdown (quantstats to_drawdown_series with the phantom baseline 1.0)
    prices = (1 + r).cumprod()
    nav = df["nav"].to_numpy(dtype=float)
    out("max_abs_nav_vs_cumprod", float(np.max(np.abs(prices.to_numpy() - nav))))
    running = np.maximum.accumulate(np.concatenate([[1.0], prices.to_numpy()]))[1:]
    dd = prices.to_numpy() / running - 1.0
    out("max_drawdown", float(-dd.min()))
    under = dd != 0
    episodes = []  # (start index, end index inclusive, closed)
    i = 0
    while i < n:
        if under[i]:
            j = i
            while j + 1 < n and under[j + 1]:
                j += 1
            episodes.append((i, j, j + 1 < n))
            i = j + 1
        else:
            i += 1
    bar = pd.Timedelta(hours=hours)

    def exact_days(s, e):
        return (t.iloc[e] - t.iloc[s] + bar) / pd.Timedelta(days=1)

    def quantstats_days(s, e):
        return (t.iloc[e] - t.iloc[s]).days + 1

    out("drawdown_episodes", len(episodes))
    longest = max(episodes, key=lambda x: x[1] - x[0])
    out("longest_drawdown_days", exact_days(longest[0], longest[1]))
    out("longest_drawdown_days_quantstats", quantstats_days(longest[0], longest[1]))
    valley = int(np.argmin(dd))
    ep = next(x for x in episodes if x[0] <= valley <= x[1])
    out("max_drawdown_trough", str(t.iloc[valley]))
    out("max_drawdown_days", exact_days(ep[0], ep[1]))
    out("max_drawdown_days_quantstats", quantstats_days(ep[0], ep[1]))
    out("max_drawdown_recovery", str(t.iloc[ep[1] + 1]) if ep[2] else None)

    # monthly returns by bar open month, compounded; EOY = compounded year
    opens = t - bar
    g = (1 + r).groupby([opens.dt.year.to_numpy(), opens.dt.month.to_numpy()]).prod() - 1
    for (y, m), v in g.items():
        if (y, m) in ((2023, 6), (2024, 2), (2025, 7)):
            out(f"month_{y}_{m:02d}", float(v))
    eoy = (1 + r).groupby(opens.dt.year.to_numpy()).prod() - 1
    for y, v in eoy.items():
        out(f"year_{y}", float(v))
    out("months", len(g))

    # rolling 30-day Sharpe and volatility
    w = int(30 * 24 / hours)
    rs = r.rolling(w).mean() / r.rolling(w).std() * np.sqrt(ppy)
    rv = r.rolling(w).std() * np.sqrt(ppy)
    out("rolling_window", w)
    for k in (w - 1, 1000, n - 1):
        out(f"rolling_sharpe_{k}", float(rs.iloc[k]))
        out(f"rolling_vol_{k}", float(rv.iloc[k]))
    out("rolling_sharpe_nan_before_window", bool(np.isnan(rs.iloc[w - 2])))


if __name__ == "__main__":
    main()
