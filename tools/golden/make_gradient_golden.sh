#!/usr/bin/env bash
# Regenerates the golden ledgers of GoldenReferenceTest with the independent pandas reference
# (tools/reference_backtest.py). Run from the repository root. See tools/golden/README.md.
set -euo pipefail
DATA="${1:-../shared/data/hyperliquid}"
OUT=src/test/resources/golden
python3 tools/reference_backtest.py --config config/gradient.json --data "$DATA" \
  --start 2025-01-01T00:00:00Z --end 2025-03-01T00:00:00Z \
  --out "$OUT/gradient_4h_2025-01-01_2025-03-01.csv"
python3 tools/reference_backtest.py --config config/gradient_1h.json --data "$DATA" \
  --start 2025-02-01T00:00:00Z --end 2025-02-15T00:00:00Z \
  --out "$OUT/gradient_1h_2025-02-01_2025-02-15.csv"
