#!/usr/bin/env python3
"""Independent reference for BetaNeutralOptimizerRegressionTest: the cost-aware problem of a real backtest instance

    minimise  -alpha'w + gamma/2 w'S w + sum_i c_i |w_i - p_i| + lam_i |w_i - p_i|^1.5
    subject to beta'w = 0, [1'w = 0], sum|w| <= L, |w_i| <= max

read from a JSON resource (keys covariance (n*n row-major), alpha, beta, previousWeights, linear, impact,
riskAversion, grossLeverage, dollarNeutral, maxAbsWeight), solved here from scratch with numpy only: a primal
active-set method on the no-trade kinks w_i = p_i (full KKT matrix solved with numpy.linalg.solve, Newton steps
with an exact line search, release of the coin whose multiplier violates its interval [-c_i, c_i] most), started
from the least-norm neutral projection of p (not from any Java output). The gross limit and the position limit
are not modelled: the script checks at the end that neither binds (sum|w| < L, max|w_i| < max), so that the
kinks at p are the only non-smooth points, and it prints the KKT residual of the point in the same form as the
Java tests (max over coins of the distance of alpha - gamma S w - A'nu from the cost subdifferential).

Usage: python3 tools/optim_regression_reference.py src/test/resources/portfolio/admm_real_h4.json [...]
Prints per file: objective (maximisation form alpha'w - gamma/2 w'Sw - C), the coins that trade with w - p,
gross, max|w|, KKT residual / scale. numpy >= 1.20.
"""
import json
import sys

import numpy as np


def load(path):
    d = json.load(open(path))
    a = np.array(d["alpha"], float)
    n = len(a)
    return dict(S=np.array(d["covariance"], float).reshape(n, n), a=a, b=np.array(d["beta"], float),
                p=np.array(d["previousWeights"], float), c=np.array(d["linear"], float),
                l=np.array(d["impact"], float), g=float(d["riskAversion"]), L=float(d["grossLeverage"]),
                dn=bool(d["dollarNeutral"]), mx=float(d["maxAbsWeight"]))


def solve(P, max_steps=2000):
    S, a, b, p, c, l, g = P["S"], P["a"], P["b"], P["p"], P["c"], P["l"], P["g"]
    n = len(a)
    A = np.vstack([b, np.ones(n)]) if P["dn"] else b[None, :]
    m = A.shape[0]
    w = p - A.T @ np.linalg.solve(A @ A.T, A @ p)       # feasible start: every coin trades
    free = np.ones(n, bool)
    side = np.where(w >= p, 1.0, -1.0)
    floor = np.zeros(n)
    scale = max(np.abs(a).max(), g * np.diag(S).max() * P["L"], c.max(), l.max() * np.sqrt(P["L"]))
    nu = np.zeros(m)
    for _ in range(max_steps):
        F = np.where(free)[0]
        dev = np.abs(w - p)
        grad = -a + g * S @ w
        gF = grad[F] + side[F] * (c[F] + 1.5 * l[F] * np.sqrt(dev[F]))
        H = g * S[np.ix_(F, F)] + np.diag(0.75 * l[F] / np.sqrt(np.maximum(np.maximum(dev[F], floor[F]), 1e-300)))
        K = np.block([[H, A[:, F].T], [A[:, F], np.zeros((m, m))]])
        sol = np.linalg.lstsq(K, np.concatenate([-gF, -(A @ w)]), rcond=1e-14)[0]
        d, nu = sol[:len(F)], sol[len(F):]
        st = gF + A[:, F].T @ nu
        if np.abs(st).max() <= 1e-14 * scale or np.abs(d).max() <= 1e-16 * max(np.abs(w).max(), 1e-300):
            # stationary on the working set: check the no-trade coins' multipliers
            t = a - g * S @ w - A.T @ nu
            viol = np.where(free, 0.0, np.maximum(np.abs(t) - c, 0.0))
            j = int(np.argmax(viol))
            if viol[j] <= 1e-13 * scale:
                return w, nu, scale
            free[j] = True
            side[j] = np.sign(t[j])
            e = viol[j]
            q = g * S[j, j]
            u = 2 * e / (1.5 * l[j] + np.sqrt(2.25 * l[j] ** 2 + 4 * q * e))
            floor[j] = u * u
            continue
        # step to the first kink, exact line search on the Lagrangian along d
        tmax, blk = 1.0, -1
        for k, i in enumerate(F):
            if side[i] * d[k] < 0 and side[i] * (w[i] - p[i]) < -side[i] * d[k] * tmax:
                tmax, blk = side[i] * (w[i] - p[i]) / (-side[i] * d[k]), i

        def slope(s):
            x = w[F] + s * d
            gx = -a[F] + g * (S[F] @ w + s * (S[np.ix_(F, F)] @ d)) + side[F] * (
                c[F] + 1.5 * l[F] * np.sqrt(np.maximum(side[F] * (x - p[F]), 0)))
            return (gx + A[:, F].T @ nu) @ d

        s = tmax
        if abs(A @ w).max() <= 1e-15 and slope(tmax) > 0:
            lo_, hi_ = 0.0, tmax
            for _ in range(200):
                mid = 0.5 * (lo_ + hi_)
                if slope(mid) > 0:
                    hi_ = mid
                else:
                    lo_ = mid
            s, blk = 0.5 * (lo_ + hi_), -1
        w[F] += s * d
        floor[F] = np.minimum(floor[F], np.abs(w[F] - p[F]))
        if blk >= 0:
            w[blk] = p[blk]
            free[blk] = False
    raise RuntimeError("no convergence")


def kkt(P, w, nu):
    S, a, b, p, c, l, g = P["S"], P["a"], P["b"], P["p"], P["c"], P["l"], P["g"]
    n = len(a)
    A = np.vstack([b, np.ones(n)]) if P["dn"] else b[None, :]
    t = a - g * S @ w - A.T @ nu
    dw = w - p
    slope = np.sign(dw) * (c + 1.5 * l * np.sqrt(np.abs(dw)))
    r = np.where(dw == 0, np.maximum(np.abs(t) - c, 0), np.abs(t - slope))
    return r.max()


def main():
    for path in sys.argv[1:]:
        P = load(path)
        w, nu, scale = solve(P)
        dw = np.abs(w - P["p"])
        obj = P["a"] @ w - 0.5 * P["g"] * w @ P["S"] @ w - P["c"] @ dw - P["l"] @ dw ** 1.5
        assert np.abs(w).sum() < P["L"] and np.abs(w).max() < P["mx"], "a limit binds: not modelled here"
        print(path)
        print("  objective %r" % obj)
        print("  trades (coin, w - p): %s" % [(int(i), float(w[i] - P["p"][i])) for i in np.where(dw > 0)[0]])
        print("  gross %r  max|w| %r  nu %s  KKT/scale %.3e" % (np.abs(w).sum(), np.abs(w).max(), nu,
                                                               kkt(P, w, nu) / scale))


if __name__ == "__main__":
    main()
