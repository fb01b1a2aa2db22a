#!/bin/bash
# kubelab's stand-in for the docker.io/library/postgres entrypoint: Debian's
# PostgreSQL 15 behind the official image's contract.
#   POSTGRES_PASSWORD      superuser password; required to initialise unless
#                          POSTGRES_HOST_AUTH_METHOD=trust
#   POSTGRES_USER          superuser name (default postgres)
#   POSTGRES_DB            database created at initialisation (default $POSTGRES_USER)
#   POSTGRES_INITDB_ARGS   extra initdb arguments
#   POSTGRES_HOST_AUTH_METHOD  pg_hba method for remote hosts (default scram-sha-256)
#   PGDATA                 data directory (default /var/lib/postgresql/data); an
#                          existing PG_VERSION there means "already initialised"
# POSTGRES_PASSWORD, _USER, _DB and _INITDB_ARGS can also come from a file named by the same
# variable with _FILE appended (POSTGRES_PASSWORD_FILE=/run/secrets/pg), as upstream.
# /docker-entrypoint-initdb.d/*.sh, *.sql and *.sql.gz run once, at initialisation.
set -Eeuo pipefail

: "${PGDATA:=/var/lib/postgresql/data}"
export PGDATA

log() { printf '%s [entrypoint] %s\n' "$(date -u +'%Y-%m-%d %H:%M:%S UTC')" "$*"; }

# load NAME [DEFAULT]: NAME, or the content of the file NAME_FILE names (its trailing newlines
# dropped), as the official image does for Docker and Kubernetes secrets; the two are exclusive.
load() {
  local name=$1 file_name="$1_FILE" value=${2:-}
  if [ -n "${!name:-}" ] && [ -n "${!file_name:-}" ]; then
    echo >&2 "error: both $name and $file_name are set (but are exclusive)"
    exit 1
  fi
  if [ -n "${!name:-}" ]; then
    value=${!name}
  elif [ -n "${!file_name:-}" ]; then
    value=$(<"${!file_name}")
  fi
  export "$name=$value"
  unset "$file_name"
}

if [ "${1:0:1}" = '-' ]; then
  set -- postgres "$@"
fi
if [ "$1" != postgres ]; then
  exec "$@"
fi

# Read while still root: a Secret mounted with mode 0400 is readable here only.
load POSTGRES_PASSWORD
load POSTGRES_USER postgres
load POSTGRES_DB "$POSTGRES_USER"
load POSTGRES_INITDB_ARGS

# As root: make the directories ours, then come back as the postgres user (uid 999).
if [ "$(id -u)" = 0 ]; then
  # /run may be a fresh tmpfs (ctr, some runtimes): create the socket directory too.
  mkdir -p "$PGDATA" /var/run/postgresql
  chmod 00700 "$PGDATA" || :
  chmod 03777 /var/run/postgresql
  chown postgres:postgres "$PGDATA" /var/run/postgresql
  find "$PGDATA" \! -user postgres -exec chown postgres:postgres '{}' + 2>/dev/null || :
  exec setpriv --reuid=postgres --regid=postgres --init-groups "${BASH_SOURCE[0]}" "$@"
fi

run_psql() {
  PGHOST='' PGHOSTADDR='' psql -v ON_ERROR_STOP=1 --no-password --no-psqlrc \
    --username "$POSTGRES_USER" --dbname "${PSQL_DB:-postgres}" "$@"
}

run_initdb_d() {
  local f
  # shellcheck disable=SC1090 # sourced scripts are the user's
  for f in /docker-entrypoint-initdb.d/*; do
    [ -e "$f" ] || continue # empty directory: the glob stays unexpanded
    case "$f" in
      *.sh) log "running $f"; if [ -x "$f" ]; then "$f"; else source "$f"; fi ;;
      *.sql) log "running $f"; PSQL_DB="$POSTGRES_DB" run_psql -f "$f" ;;
      *.sql.gz) log "running $f"; gunzip -c "$f" | PSQL_DB="$POSTGRES_DB" run_psql ;;
      *) log "ignoring $f" ;;
    esac
  done
}

if [ ! -s "$PGDATA/PG_VERSION" ]; then
  auth="${POSTGRES_HOST_AUTH_METHOD:-scram-sha-256}"
  if [ -z "${POSTGRES_PASSWORD:-}" ] && [ "$auth" != trust ]; then
    cat >&2 <<'TXT'
Error: Database is uninitialized and superuser password is not specified.
       You must specify POSTGRES_PASSWORD to a non-empty value for the
       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".
       (or set POSTGRES_HOST_AUTH_METHOD=trust to allow all connections without a password)
TXT
    exit 1
  fi
  log "initialising $PGDATA for user $POSTGRES_USER"
  # shellcheck disable=SC2086 # POSTGRES_INITDB_ARGS is a list of words, as upstream
  initdb --username="$POSTGRES_USER" --pwfile=<(printf '%s\n' "${POSTGRES_PASSWORD:-}") \
    ${POSTGRES_INITDB_ARGS:-}
  printf '\nlisten_addresses = '"'*'"'\n' >>"$PGDATA/postgresql.conf"
  printf '\nhost all all all %s\n' "$auth" >>"$PGDATA/pg_hba.conf"

  # A private server on the unix socket only, for the set-up steps.
  pg_ctl -D "$PGDATA" -o "-c listen_addresses='' -p ${PGPORT:-5432}" -w start
  if [ "$POSTGRES_DB" != postgres ]; then
    run_psql --set db="$POSTGRES_DB" <<<'CREATE DATABASE :"db";'
  fi
  run_initdb_d
  pg_ctl -D "$PGDATA" -m fast -w stop
  log "initialisation complete; ready for start up"
else
  log "$PGDATA already holds a database (PG_VERSION $(cat "$PGDATA/PG_VERSION")); skipping initialisation"
fi

exec "$@"
