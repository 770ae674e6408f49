#!/usr/bin/env python3
"""Independent reference values for io.slipstream.portfolio.BetaNeutralOptimizer tests.

Written from the problem statement (issue text), not from the Java code:

(a) closed form  w* = S^-1 (alpha - A' nu),  nu = (A S^-1 A')^-1 A S^-1 alpha,  w = w* L / sum|w*|
    with A = beta' (or [beta'; 1'] when dollar-neutral), solved with numpy.linalg.solve;

(b) cost-aware   maximise alpha'w - (gamma/2) w'S w - sum_i c_i |w_i - p_i| - sum_i lam_i |w_i - p_i|^1.5
                 subject to beta'w = 0, [1'w = 0], sum|w| <= L, lo <= w <= hi
    solved with scipy.optimize (SLSQP) on the smooth reformulation w - p = u - v, w = a - b,
    u, v, a, b >= 0, sum(a + b) <= L, cost sum c (u + v) + lam (u^1.5 + v^1.5); each case is solved from
    several starting points and the best objective is kept; the script reports the spread between starts
    and the reformulation's own constraint violation.

Usage:  python3 tools/optim_reference.py        (prints Java literals to paste into the tests)
Seeds and sizes are fixed below; numpy >= 1.20, scipy >= 1.7.
"""
import numpy as np
from scipy.optimize import minimize


def jarr(x):
    return "{" + ", ".join(repr(float(v)) for v in np.ravel(x)) + "}"


def closed_form(S, alpha, beta, L, dollar_neutral):
    n = len(alpha)
    A = np.vstack([beta, np.ones(n)]) if dollar_neutral else beta[None, :]
    sa = np.linalg.solve(S, alpha)
    sb = np.linalg.solve(S, A.T)
    nu = np.linalg.solve(A @ sb, A @ sa)
    w = sa - sb @ nu
    return w * L / np.abs(w).sum(), nu


def random_problem(rng, n):
    f = rng.normal(0, 0.01, size=(n, 2))
    beta = 1 + 0.3 * rng.normal(size=n)
    idio = 0.02 + 0.04 * rng.random(n)
    S = 9e-4 * np.outer(beta, beta) + f @ f.T + np.diag(idio ** 2)
    alpha = 1e-3 * rng.normal(size=n)
    return S, alpha, beta


def cost_aware(S, alpha, beta, prev, c, lam, gamma, L, lo, hi, dollar_neutral, starts=8, seed=0):
    n = len(alpha)
    # x = [w, u, v, a, b]
    def split(x):
        return x[:n], x[n:2 * n], x[2 * n:3 * n], x[3 * n:4 * n], x[4 * n:]

    def f(x):
        w, u, v, a, b = split(x)
        return (-alpha @ w + 0.5 * gamma * w @ S @ w + c @ (u + v)
                + lam @ (np.maximum(u, 0) ** 1.5 + np.maximum(v, 0) ** 1.5))

    def g(x):
        w, u, v, a, b = split(x)
        gw = -alpha + gamma * S @ w
        gu = c + 1.5 * lam * np.sqrt(np.maximum(u, 0))
        gv = c + 1.5 * lam * np.sqrt(np.maximum(v, 0))
        return np.concatenate([gw, gu, gv, np.zeros(n), np.zeros(n)])

    I = np.eye(n)
    Z = np.zeros((n, n))
    A_trade = np.hstack([I, -I, I, Z, Z])      # w - u + v = p
    A_split = np.hstack([I, Z, Z, -I, I])      # w - a + b = 0
    rows = [np.concatenate([beta, np.zeros(4 * n)])]
    if dollar_neutral:
        rows.append(np.concatenate([np.ones(n), np.zeros(4 * n)]))
    A_eq = np.vstack([A_trade, A_split] + [r[None, :] for r in rows])
    b_eq = np.concatenate([prev, np.zeros(n), np.zeros(len(rows))])
    gross_row = np.concatenate([np.zeros(3 * n), np.ones(2 * n)])
    cons = [
        {"type": "eq", "fun": lambda x: A_eq @ x - b_eq, "jac": lambda x: A_eq},
        {"type": "ineq", "fun": lambda x: np.array([L - gross_row @ x]), "jac": lambda x: -gross_row[None, :]},
    ]
    bounds = [(l, h) for l, h in zip(lo, hi)] + [(0, None)] * (4 * n)
    rng = np.random.default_rng(seed)
    best = None
    objs = []
    for k in range(starts):
        w0 = np.clip(prev if k == 0 else rng.normal(0, 0.02, n), lo, hi)
        d = w0 - prev
        x0 = np.concatenate([np.maximum(d, 0), np.maximum(-d, 0), np.maximum(w0, 0), np.maximum(-w0, 0)])
        x0 = np.concatenate([w0, x0])
        r = minimize(f, x0, jac=g, constraints=cons, bounds=bounds, method="SLSQP",
                     options={"ftol": 1e-16, "maxiter": 2000})
        viol = max(np.abs(A_eq @ r.x - b_eq).max(), max(0.0, -(L - gross_row @ r.x)))
        if viol > 1e-10:
            continue
        objs.append(r.fun)
        if best is None or r.fun < best.fun:
            best = r
    w = best.x[:n]
    util = alpha @ w - 0.5 * gamma * w @ S @ w - c @ np.abs(w - prev) - lam @ np.abs(w - prev) ** 1.5
    return w, util, max(objs) - min(objs), len(objs)


def main():
    np.set_printoptions(precision=17)
    # ---- closed form, dense 6-asset case -------------------------------------------------------------
    rng = np.random.default_rng(20240601)
    S, alpha, beta = random_problem(rng, 6)
    print("// closed form, seed 20240601, n = 6")
    print("COV =", jarr(S), ";")
    print("ALPHA =", jarr(alpha), ";")
    print("BETA =", jarr(beta), ";")
    for dn in (False, True):
        w, nu = closed_form(S, alpha, beta, 1.0, dn)
        print(f"// L = 1, dollarNeutral = {dn}: nu = {jarr(nu)}")
        print("W =", jarr(w), ";")

    # ---- cost-aware cases with impact (lambda > 0) ---------------------------------------------------
    rng = np.random.default_rng(7)
    n = 5
    S, alpha, beta = random_problem(rng, n)
    prev = rng.normal(0, 0.05, n)
    c = 5e-4 * (0.5 + rng.random(n))
    lam = 1e-3 + 9e-3 * rng.random(n)
    print("// cost-aware, seed 7, n = 5")
    print("COV =", jarr(S), ";")
    print("ALPHA =", jarr(alpha), ";")
    print("BETA =", jarr(beta), ";")
    print("PREV =", jarr(prev), ";")
    print("LIN =", jarr(c), ";")
    print("IMP =", jarr(lam), ";")
    cases = [
        ("gamma 20, L 1, no bounds", 20.0, 1.0, np.full(n, -np.inf), np.full(n, np.inf), False),
        ("alpha x 10, gamma 0.5, L 0.5, bounds +-0.2, dollar-neutral", 0.5, 0.5, np.full(n, -0.2), np.full(n, 0.2),
         True),
    ]
    for name, gamma, L, lo, hi, dn in cases:
        a = alpha * 10 if "alpha x 10" in name else alpha
        w, util, spread, ok = cost_aware(S, a, beta, prev, c, lam, gamma, L, lo, hi, dn)
        print(f"// {name}: objective {float(util)!r}; spread of objective over {ok} successful starts {spread:.3e};"
              f" sum|w| = {float(np.abs(w).sum())!r}; beta'w = {beta @ w:.3e}; 1'w = {w.sum():.3e}")
        print("W =", jarr(w), ";")


if __name__ == "__main__":
    main()
