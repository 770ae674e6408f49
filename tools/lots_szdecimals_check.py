#!/usr/bin/env python3
"""Checks candidate rules that estimate Hyperliquid's szDecimals from a price against known real values.

Known values (perp `meta` universe entries):
  BTC 5, ETH 4, ATOM 2, MATIC 1, DYDX 1, SOL 2, AVAX 2, BNB 3, APE 1, OP 1, LTC 2, ARB 1, DOGE 0, INJ 1, SUI 1
    -- the `meta` example reply in BlockPI's Hyperliquid RPC documentation (page "meta"), verbatim prefix of the
       mainnet universe;
  HYPE 2, kPEPE 0 -- several independent client fixtures recorded from the mainnet `meta` reply;
  TAO 1 -- one recorded fixture only (lower confidence).
Prices: candles_4h.parquet of the data lake, bars with volume > 0 (DESIGN.md convention 1). "first" = first such
close (closest to the listing, when szDecimals is fixed), "median" and "last" over all such bars.

Usage: python3 tools/lots_szdecimals_check.py [DATA_DIR]   (pandas + pyarrow)
"""
import math
import sys

import pandas as pd

KNOWN = {"BTC": 5, "ETH": 4, "ATOM": 2, "MATIC": 1, "DYDX": 1, "SOL": 2, "AVAX": 2, "BNB": 3, "APE": 1, "OP": 1,
         "LTC": 2, "ARB": 1, "DOGE": 0, "INJ": 1, "SUI": 1, "HYPE": 2, "kPEPE": 0, "TAO": 1}


def clamp(x, lo=0, hi=5):
    return max(lo, min(hi, x))


RULES = {
    "floor(log10 p)": lambda p: clamp(math.floor(math.log10(p))),
    "ceil(log10 p) [= smallest d with lot value p*10^-d <= $1]": lambda p: clamp(math.ceil(math.log10(p))),
    "round(log10 p)": lambda p: clamp(round(math.log10(p))),
    "floor(log10 p) + 1 if lot >= $0.5 else floor [lot in [0.05, 0.5)]":
        lambda p: clamp(math.floor(math.log10(p / 0.5)) + 1),
    "floor(log10(p / 0.3)) + 1 [lot in [0.03, 0.3)]": lambda p: clamp(math.floor(math.log10(p / 0.3)) + 1),
    "floor(log10(p / 3)) + 1 [lot in [0.3, 3)]": lambda p: clamp(math.floor(math.log10(p / 3)) + 1),
}


def main():
    data = sys.argv[1] if len(sys.argv) > 1 else "../shared/data/hyperliquid"
    t = pd.read_parquet(f"{data}/candles_4h.parquet", columns=["coin", "open_time", "close", "volume"])
    t = t[t.volume > 0].sort_values(["coin", "open_time"])
    g = t.groupby("coin").close
    prices = {"first": g.first(), "median": g.median(), "last": g.last()}
    present = [c for c in KNOWN if c in prices["first"].index]
    print("coins with a known szDecimals and data:", len(present), "missing:", [c for c in KNOWN if c not in present])
    for name, rule in RULES.items():
        for which, ps in prices.items():
            miss = [f"{c}(real {KNOWN[c]}, est {rule(ps[c])}, p={ps[c]:.6g})" for c in present if rule(ps[c]) != KNOWN[c]]
            print(f"{len(present) - len(miss):2d}/{len(present)}  {which:6s}  {name}: misses {', '.join(miss) or '-'}")


if __name__ == "__main__":
    main()
