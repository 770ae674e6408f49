#!/usr/bin/env bash
# Cron wrapper for `slipstream live rebalance`: one run at a time (flock), a log file per day, and the exit code of
# the run. Secrets come from an env file readable only by the trading user, never from the crontab line.
#
#   SLIPSTREAM_ENV_FILE   file sourced first (default /etc/slipstream/live.env): HL_PRIVATE_KEY,
#                         SLIPSTREAM_PG_URL, SLIPSTREAM_PG_USER, SLIPSTREAM_PG_PASSWORD, ...
#   SLIPSTREAM_LOCK       lock file (default /tmp/slipstream-live.lock)
#   SLIPSTREAM_LOG_DIR    log folder (default reports/live)
#   SLIPSTREAM_CMD        the program run as `$SLIPSTREAM_CMD live rebalance ARGS...` (default bin/slipstream,
#                         relative to the repository root; tests point it at a stub)
#
# Sample crontab line (every 4 hours, 2 minutes after the 4h bar closes, UTC):
#   2 */4 * * * /opt/slipstream/tools/live/cron-rebalance.sh --config config/gradient_live.json --mode live
set -euo pipefail
cd "$(dirname "$0")/../.."
env_file="${SLIPSTREAM_ENV_FILE:-/etc/slipstream/live.env}"
if [ -f "$env_file" ]; then
  set -a
  # shellcheck disable=SC1090
  . "$env_file"
  set +a
fi
lock="${SLIPSTREAM_LOCK:-/tmp/slipstream-live.lock}"
log_dir="${SLIPSTREAM_LOG_DIR:-reports/live}"
mkdir -p "$log_dir"
log="$log_dir/rebalance-$(date -u +%Y%m%d).log"
exec 9>"$lock"
if ! flock -n 9; then
  echo "$(date -u +%FT%TZ) another rebalance holds $lock; this run is skipped" >>"$log"
  exit 75
fi
echo "$(date -u +%FT%TZ) start: live rebalance $*" >>"$log"
set +e
"${SLIPSTREAM_CMD:-bin/slipstream}" live rebalance "$@" >>"$log" 2>&1
rc=$?
set -e
echo "$(date -u +%FT%TZ) end: exit $rc" >>"$log"
exit $rc
