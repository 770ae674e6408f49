#!/usr/bin/env bash
# Starts a local PostgreSQL server for Slipstream's live adapter (CI and development) and prints the environment
# the application and the tests read:
#
#   eval "$(tools/postgres/start.sh)"      # exports SLIPSTREAM_PG_URL, SLIPSTREAM_PG_USER, SLIPSTREAM_PG_PASSWORD
#
# What it does (idempotent: a cluster that is already running is reused, the role and database are kept):
#   - finds Debian's server binaries (/usr/lib/postgresql/<version>/bin, newest first, else initdb/pg_ctl on the
#     PATH); if there are none it installs Debian's `postgresql` package (apt-get; needs root or passwordless sudo);
#   - creates a cluster in ${SLIPSTREAM_PG_DIR:-/tmp/slipstream-pg}/data. PostgreSQL refuses to run as root, so
#     when run as root the cluster belongs to, and runs as, the `postgres` OS user (the package creates it);
#     otherwise it belongs to the calling user;
#   - starts it listening on 127.0.0.1 only, port ${SLIPSTREAM_PG_PORT:-55432}; TCP logins need a password
#     (scram-sha-256); the Unix socket lives in the cluster directory and is reachable by the owner only;
#   - creates (or updates) the role `slipstream` (LOGIN CREATEDB, password ${SLIPSTREAM_PG_PASSWORD:-slipstream})
#     and the database `slipstream` it owns.
# Progress goes to stderr; stdout carries only the export lines. Stop it with tools/postgres/stop.sh.
set -euo pipefail

PG_DIR=${SLIPSTREAM_PG_DIR:-/tmp/slipstream-pg}
PG_PORT=${SLIPSTREAM_PG_PORT:-55432}
PG_PASSWORD=${SLIPSTREAM_PG_PASSWORD:-slipstream}
PG_ROLE=slipstream
PG_DATABASE=slipstream

log() { echo "postgres/start.sh: $*" >&2; }
die() { log "error: $*"; exit 1; }

case "$PG_PORT" in ''|*[!0-9]*) die "SLIPSTREAM_PG_PORT must be a port number, was '$PG_PORT'";; esac

find_bin() {
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5,5 -rn); do
    if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && [ -x "$d/psql" -o -x "$(command -v psql || true)" ]; then
      echo "$d"; return 0
    fi
  done
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(readlink -f "$(command -v pg_ctl)")"; return 0
  fi
  return 1
}

if ! BIN=$(find_bin); then
  log "no PostgreSQL server binaries found; installing Debian's postgresql package"
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; elif sudo -n true 2>/dev/null; then SUDO="sudo -n"; else
    die "installing postgresql needs root (or passwordless sudo); run: apt-get install postgresql"
  fi
  command -v apt-get >/dev/null 2>&1 || die "apt-get not found; install PostgreSQL (initdb, pg_ctl) yourself"
  $SUDO apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends postgresql >&2
  BIN=$(find_bin) || die "postgresql installed but initdb/pg_ctl still not found"
fi
PSQL="$BIN/psql"; [ -x "$PSQL" ] || PSQL=$(command -v psql)

# As root, everything server-side runs as the postgres OS user.
if [ "$(id -u)" -eq 0 ]; then
  id -u postgres >/dev/null 2>&1 || die "running as root but there is no 'postgres' OS user to run the server as"
  OWNER=postgres
  as_owner() { runuser -u postgres -- "$@"; }
else
  OWNER=$(id -un)
  as_owner() { "$@"; }
fi

DATA="$PG_DIR/data"
if [ ! -f "$DATA/PG_VERSION" ]; then
  log "creating cluster in $DATA (owner $OWNER, binaries $BIN)"
  mkdir -p "$PG_DIR"
  chmod 700 "$PG_DIR"
  [ "$OWNER" = "$(id -un)" ] || chown "$OWNER:" "$PG_DIR"
  as_owner "$BIN/initdb" -D "$DATA" -U postgres --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C \
    >"$PG_DIR/initdb.log" 2>&1 || { cat "$PG_DIR/initdb.log" >&2; die "initdb failed"; }
fi

if as_owner "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
  log "already running ($DATA)"
else
  log "starting on 127.0.0.1:$PG_PORT"
  if ! as_owner "$BIN/pg_ctl" -D "$DATA" -l "$PG_DIR/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -c unix_socket_directories=$PG_DIR" start >&2; then
    tail -n 20 "$PG_DIR/server.log" >&2 || true
    die "the server did not start (is port $PG_PORT taken? set SLIPSTREAM_PG_PORT)"
  fi
fi

# The running server's port (it may differ from PG_PORT when the cluster was started earlier with another one).
RUN_PORT=$(sed -n 4p "$DATA/postmaster.pid")
[ -n "$RUN_PORT" ] || die "cannot read the port from $DATA/postmaster.pid"

# Role and database. The password travels as a psql variable and is quoted by format(%L).
as_owner "$PSQL" -X -q -v ON_ERROR_STOP=1 -h "$PG_DIR" -p "$RUN_PORT" -U postgres -d postgres \
    -v role="$PG_ROLE" -v pw="$PG_PASSWORD" -v db="$PG_DATABASE" >/dev/null <<'SQL'
SELECT format('CREATE ROLE %I', :'role') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'role') \gexec
SELECT format('ALTER ROLE %I LOGIN CREATEDB PASSWORD %L', :'role', :'pw') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'role')
  WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'db') \gexec
SQL

log "ready: database $PG_DATABASE on 127.0.0.1:$RUN_PORT, role $PG_ROLE"
echo "export SLIPSTREAM_PG_URL=jdbc:postgresql://127.0.0.1:$RUN_PORT/$PG_DATABASE"
echo "export SLIPSTREAM_PG_USER=$PG_ROLE"
echo "export SLIPSTREAM_PG_PASSWORD=$PG_PASSWORD"
