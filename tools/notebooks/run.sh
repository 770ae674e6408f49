#!/usr/bin/env bash
# Executes the notebooks headless, top to bottom, with the project's Java kernel and writes their rendered HTML to
# reports/notebooks/<name>.html. Fails (exit 1) if a notebook fails, or if a committed notebook carries outputs
# (clear them with: jupyter nbconvert --clear-output --inplace notebooks/NAME.ipynb).
# A kernel that does not start (or dies) is retried once; a failing cell is not (it is a real error).
# Usage: tools/notebooks/run.sh [notebooks/NAME.ipynb ...]      (default: every notebooks/*.ipynb)
# Env: NOTEBOOK_CELL_TIMEOUT (s per cell, default 300), NOTEBOOK_STARTUP_TIMEOUT (s, default 120),
#      NOTEBOOK_TIMEOUT (s per notebook and attempt, default 1200), SLIPSTREAM_DATA (the lake folder).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="$ROOT/reports/notebooks"
CELL_TIMEOUT="${NOTEBOOK_CELL_TIMEOUT:-300}"
STARTUP_TIMEOUT="${NOTEBOOK_STARTUP_TIMEOUT:-120}"
NOTEBOOK_TIMEOUT="${NOTEBOOK_TIMEOUT:-1200}"
KERNEL_SPEC="$ROOT/target/jupyter/kernels/slipstream-java/kernel.json"

log() { echo "notebooks/run: $*" >&2; }

# setup is idempotent and takes about a second when nothing changed; it keeps the jar and the kernel's class path
# current (a rebuild after source changes, new jars in target/lib)
"$ROOT/tools/notebooks/setup.sh" >/dev/null
[ -f "$KERNEL_SPEC" ] || { log "no kernel spec at $KERNEL_SPEC"; exit 1; }
export JUPYTER_PATH="$ROOT/target/jupyter${JUPYTER_PATH:+:$JUPYTER_PATH}"

if [ $# -gt 0 ]; then
  notebooks=("$@")
else
  notebooks=("$ROOT"/notebooks/*.ipynb)
fi
[ -e "${notebooks[0]}" ] || { log "no notebooks found"; exit 1; }

# Committed notebooks carry no outputs (small diffs, no stale results).
/usr/bin/python3 - "${notebooks[@]}" <<'EOF'
import sys, nbformat
dirty = [p for p in sys.argv[1:]
         if any(c.get("outputs") or c.get("execution_count") for c in nbformat.read(p, 4).cells if c.cell_type == "code")]
if dirty:
    sys.exit("notebooks/run: outputs in " + ", ".join(dirty)
             + "; clear them with: jupyter nbconvert --clear-output --inplace NOTEBOOK")
EOF

mkdir -p "$OUT"
logs="$(mktemp -d)"
trap 'rm -rf "$logs"' EXIT
failed=()
for nb in "${notebooks[@]}"; do
  name="$(basename "$nb" .ipynb)"
  ok=0
  for attempt in 1 2; do
    start=$(date +%s)
    # the outer timeout only guards against a hang nbclient does not notice
    if timeout "$NOTEBOOK_TIMEOUT" jupyter nbconvert --to html --execute \
        --ExecutePreprocessor.kernel_name=slipstream-java \
        --ExecutePreprocessor.timeout="$CELL_TIMEOUT" \
        --ExecutePreprocessor.startup_timeout="$STARTUP_TIMEOUT" \
        --output-dir "$OUT" --output "$name" "$nb" >"$logs/$name.log" 2>&1; then
      log "$name: ok in $(( $(date +%s) - start )) s -> ${OUT#$ROOT/}/$name.html"
      ok=1
      break
    fi
    if grep -q 'CellExecutionError' "$logs/$name.log"; then
      log "$name: a cell failed after $(( $(date +%s) - start )) s:"
      sed -n '/CellExecutionError/,$p' "$logs/$name.log" | grep -v '^\[20' | sed 's/\x1b\[[0-9;]*m//g' | tail -40 >&2
      break
    fi
    log "$name: kernel did not start or died (attempt $attempt, $(( $(date +%s) - start )) s):"
    grep -v '^\[20' "$logs/$name.log" | grep -v '^Parsing classpath\|^Add .* to classpath' | tail -4 >&2
  done
  [ $ok = 1 ] || failed+=("$name")
done
if [ ${#failed[@]} -gt 0 ]; then
  log "FAILED: ${failed[*]}"
  exit 1
fi
log "${#notebooks[@]} notebook(s) ok"
