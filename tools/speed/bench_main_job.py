#!/usr/bin/env python3
"""Whole-process benchmark of the main job: Java (bin/slipstream backtest) against a numpy script doing the same job.

The numpy side is tools/reference_backtest.py (pyarrow to read the lake, numpy signals, book, ledger, returns.csv):
an independent implementation of DESIGN.md's Gradient conventions that matches the Java returns.csv to 1e-9. The
Java side does more: it also writes metrics.json, weights.parquet, equity.png and the HTML tear sheet.

The two commands run interleaved (java, numpy, java, numpy, ...) so that both see the same machine load; each is
timed as a whole process (start-up, loading, run, outputs) by wall clock and by CPU time (user + sys of the child,
from getrusage). Reported: best and median of N, and the ratios numpy / java of the best walls and best CPU times.
On a machine shared with other jobs the CPU ratio is the steadier number. The first Java run after a build writes
the class-data archive (bin/slipstream), so one untimed warm-up run of each command goes first.

Usage: python3 tools/speed/bench_main_job.py [--runs 5] [--data ../shared/data/hyperliquid]
       [--config config/gradient.json]
Needs numpy and pyarrow (and pandas, which reference_backtest.py imports) in the python3 on PATH.
"""
import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def timed(cmd, cwd):
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    p = subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - t0
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    if p.returncode != 0:
        sys.exit("failed (%d): %s\n%s" % (p.returncode, " ".join(cmd), p.stderr[-2000:]))
    cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    return wall, cpu, r1.ru_maxrss


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--data", default=os.path.join(ROOT, "..", "shared", "data", "hyperliquid"))
    ap.add_argument("--config", default=os.path.join(ROOT, "config", "gradient.json"))
    a = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="slipstream-bench-")
    java_out = os.path.join(tmp, "java")
    numpy_csv = os.path.join(tmp, "numpy_returns.csv")
    java = [os.path.join(ROOT, "bin", "slipstream"), "backtest", "--config", a.config, "--data", a.data,
            "--out", java_out]
    numpy = [sys.executable, os.path.join(ROOT, "tools", "reference_backtest.py"), "--config", a.config,
             "--data", a.data, "--out", numpy_csv]
    timed(java, ROOT)  # warm-up: builds / writes the class-data archive if needed, fills the page cache
    timed(numpy, ROOT)
    res = {"java": [], "numpy": []}
    for i in range(a.runs):
        res["java"].append(timed(java, ROOT))
        res["numpy"].append(timed(numpy, ROOT))
    # the same answer: the numpy returns.csv against the Java one (exit 1 on any difference > 1e-9)
    cmp = subprocess.run([sys.executable, os.path.join(ROOT, "tools", "reference_backtest.py"), "--ref", numpy_csv,
                          "--compare", os.path.join(java_out, "returns.csv")], capture_output=True, text=True)
    print("machine: %d cores, load average %.1f; %d interleaved runs each" % (os.cpu_count(), os.getloadavg()[0],
                                                                               a.runs))
    print("%-6s %10s %10s %10s %10s" % ("", "best wall", "med wall", "best cpu", "med cpu"))
    for k, v in res.items():
        walls = [x[0] for x in v]
        cpus = [x[1] for x in v]
        print("%-6s %9.3fs %9.3fs %9.3fs %9.3fs" % (k, min(walls), statistics.median(walls), min(cpus),
                                                  statistics.median(cpus)))
    jw = min(x[0] for x in res["java"])
    nw = min(x[0] for x in res["numpy"])
    jc = min(x[1] for x in res["java"])
    nc = min(x[1] for x in res["numpy"])
    print("ratio numpy/java: wall %.2fx, cpu %.2fx" % (nw / jw, nc / jc))
    print("returns.csv check: %s" % ("identical within 1e-9" if cmp.returncode == 0 else "DIFFERENT\n" + cmp.stdout))
    return 0 if cmp.returncode == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
