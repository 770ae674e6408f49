#!/usr/bin/env python3
"""Seed-to-seed spread of the impact calibration on the synthetic generator of ImpactCalibrationTest (numpy-free,
plain Python; a replica, not the same random numbers as the Java test). It justifies the test's 3% tolerance: with
30 coins x 1000 bars and span 180 the slope through the origin lands within about 1% of the true Y.

Generator, per coin: dollar volume Q_t = 1e6 exp(0.8 N(0,1)); while sigma (EW, span S, valid after S returns, x
sqrt(6)) or the 6-bar ADV is not yet available r_t = 0.02 N(0,1); afterwards
r_t = +-Y sigma_{t-1} sqrt(Q_t / ADV_{t-1}) (1 + U(-1,1)/2). Regression: |r_t| on x_t through the origin.

Usage: python3 tools/cost_impact_synthetic_check.py
"""
import math
import random


def run(seed, y, rows, coins, span):
    rng = random.Random(seed)
    a = 2 / (span + 1)
    sxy = sxx = 0.0
    for _ in range(coins):
        m = v = 0.0
        cnt = 0
        sig = math.nan
        ring = []
        adv = math.nan
        for t in range(rows):
            q = 1e6 * math.exp(rng.gauss(0, 0.8))
            if t == 0:
                r = math.nan
            elif sig > 0 and adv > 0:
                x = sig * math.sqrt(q / adv)
                r = (1 if rng.random() < 0.5 else -1) * y * x * (1 + (2 * rng.random() - 1) / 2)
                sxy += x * abs(r)
                sxx += x * x
            else:
                r = 0.02 * rng.gauss(0, 1)
            if not math.isnan(r):
                if cnt == 0:
                    m, v = r, 0.0
                else:
                    d = r - m
                    m = a * r + (1 - a) * m
                    v = (1 - a) * (v + a * d * d)
                cnt += 1
                sig = math.sqrt(v) * math.sqrt(6) if cnt >= span else math.nan
            ring = (ring + [q])[-6:]
            adv = sum(ring) if len(ring) == 6 else math.nan
    return sxy / sxx


def main():
    for y in (0.3, 0.8):
        est = [run(seed, y, 1000, 30, 180) for seed in range(5)]
        print(f"Y = {y}: " + ", ".join(f"{e:.4f}" for e in est)
              + f"  (max relative error {max(abs(e - y) for e in est) / y:.2%})")


if __name__ == "__main__":
    main()
