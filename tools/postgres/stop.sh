#!/usr/bin/env bash
# Stops the PostgreSQL server started by tools/postgres/start.sh (cluster in ${SLIPSTREAM_PG_DIR:-/tmp/slipstream-pg}).
#   tools/postgres/stop.sh            stop, keep the data
#   tools/postgres/stop.sh --purge    stop and delete the cluster directory
# Idempotent: a server that is not running is left alone.
set -euo pipefail

PG_DIR=${SLIPSTREAM_PG_DIR:-/tmp/slipstream-pg}
DATA="$PG_DIR/data"
PURGE=false
case "${1:-}" in
  "") ;;
  --purge) PURGE=true ;;
  *) echo "usage: $0 [--purge]" >&2; exit 2 ;;
esac

log() { echo "postgres/stop.sh: $*" >&2; }

if [ -f "$DATA/PG_VERSION" ]; then
  VERSION=$(cat "$DATA/PG_VERSION")
  BIN=/usr/lib/postgresql/$VERSION/bin
  [ -x "$BIN/pg_ctl" ] || BIN=$(dirname "$(readlink -f "$(command -v pg_ctl)")")
  if [ "$(id -u)" -eq 0 ]; then as_owner() { runuser -u postgres -- "$@"; }; else as_owner() { "$@"; }; fi
  if as_owner "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
    as_owner "$BIN/pg_ctl" -D "$DATA" -m fast -w -t 60 stop >&2
    log "stopped ($DATA)"
  else
    log "not running ($DATA)"
  fi
else
  log "no cluster in $DATA"
fi

if $PURGE && [ -d "$PG_DIR" ]; then
  rm -rf "$PG_DIR"
  log "deleted $PG_DIR"
fi
