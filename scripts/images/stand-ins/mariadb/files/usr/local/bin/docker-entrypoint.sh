#!/bin/bash
# kubelab's stand-in for the docker.io/library/mariadb entrypoint: Debian's MariaDB 10.11 behind the
# official image's documented contract (hub.docker.com/_/mariadb), rewritten from its behaviour.
#
# Variables, each also readable from a file named by <NAME>_FILE (exclusive with <NAME>; a file's
# trailing newlines are dropped, a variable's value is taken byte for byte, trailing newline
# included, as upstream). MARIADB_* names accept their MYSQL_* aliases.
#   MARIADB_ROOT_PASSWORD | _ROOT_PASSWORD_HASH | _ALLOW_EMPTY_ROOT_PASSWORD | _RANDOM_ROOT_PASSWORD
#                         one is required to initialise an empty data directory
#   MARIADB_ROOT_HOST     host part of the second root account (default %; localhost: none)
#   MARIADB_DATABASE      database created at initialisation
#   MARIADB_USER + MARIADB_PASSWORD | MARIADB_PASSWORD_HASH
#                         user created at initialisation, with all rights on MARIADB_DATABASE
#   MARIADB_INITDB_SKIP_TZINFO  do not load the time zone tables
#   MARIADB_HEALTHCHECK_GRANTS  grants of the healthcheck@localhost users (default USAGE)
# Data lives in the server's datadir (/var/lib/mysql); a mysql/ directory there means "already
# initialised", and then no variable above is read again. /docker-entrypoint-initdb.d/*.sh, *.sql,
# *.sql.gz, *.sql.xz and *.sql.zst run once, at initialisation, in name order. The healthcheck
# users and $datadir/.my-healthcheck.cnf serve /usr/local/bin/healthcheck.sh.
# Not provided: replication (MARIADB_REPLICATION_*, MARIADB_MASTER_*), restoring from a backup
# archive in initdb.d, and MARIADB_AUTO_UPGRADE.
set -Eeo pipefail
shopt -s nullglob

note() { printf '%s [Note] [Entrypoint]: %s\n' "$(date --rfc-3339=seconds)" "$*"; }
fail() {
  printf '%s [ERROR] [Entrypoint]: %s\n' "$(date --rfc-3339=seconds)" "$*" >&2
  exit 1
}

# load NAME [DEFAULT]: NAME from itself or from the file NAME_FILE names, exported; NAME_FILE unset.
load() {
  local name=$1 file_name="$1_FILE" value=${2:-}
  if [ -n "${!name:-}" ] && [ -n "${!file_name:-}" ]; then
    fail "Both $name and $file_name are set (but are exclusive)"
  fi
  if [ -n "${!name:-}" ]; then
    value=${!name}
  elif [ -n "${!file_name:-}" ]; then
    value=$(<"${!file_name}")
  fi
  export "$name=$value"
  unset "$file_name"
}

# load_alias SUFFIX [DEFAULT]: MARIADB_SUFFIX, falling back to MYSQL_SUFFIX; both end up equal.
load_alias() {
  local mysql="MYSQL_$1" mariadb="MARIADB_$1"
  load "$mysql" "${2:-}"
  load "$mariadb" "${!mysql}"
  [ -z "${!mariadb}" ] || export "$mysql=${!mariadb}"
}

# server_setting NAME ARGS...: the server's own value of a setting (its defaults and config files).
server_setting() {
  local name=$1
  shift
  # awk reads the whole listing: leaving early would kill the server with SIGPIPE (and pipefail).
  "$@" --verbose --help 2>/dev/null |
    awk -v name="$name" '!found && $1 == name && /^[^ \t]/ { sub(/^[^ \t]+[ \t]+/, ""); print; found = 1 }'
}

# sql_literal TEXT: TEXT for the inside of a single-quoted SQL string (\, newline and ').
sql_literal() {
  local text=${1//\\/\\\\}
  text=${text//$'\n'/\\n}
  printf '%s' "${text//\'/\\\'}"
}

random_password() { head -c 24 /dev/urandom | base64 | tr -d "\n'\\\\=#"; }

# run_sql [--no-password] ARGS...: the mariadb client on the private socket, as root.
run_sql() {
  local password=$MARIADB_ROOT_PASSWORD
  if [ "${1:-}" = --no-password ]; then
    password=
    shift
  fi
  MYSQL_PWD=$password mariadb --protocol=socket --user=root --host=localhost --socket="$SOCKET" "$@"
}

start_private_server() {
  "$@" --skip-networking --default-time-zone=SYSTEM --socket="$SOCKET" --wsrep_on=OFF \
    --expire-logs-days=0 --loose-innodb_buffer_pool_load_at_startup=0 &
  SERVER_PID=$!
  note "Waiting for server startup"
  if ! mariadb-admin --socket="$SOCKET" --user=root --wait=30 --connect-timeout=1 ping >/dev/null 2>&1; then
    fail "Unable to start server."
  fi
}

stop_private_server() {
  kill "$SERVER_PID"
  wait "$SERVER_PID" || :
}

check_required() {
  if [ -z "$MARIADB_ROOT_PASSWORD" ] && [ -z "$MARIADB_ROOT_PASSWORD_HASH" ] &&
    [ -z "$MARIADB_ALLOW_EMPTY_ROOT_PASSWORD" ] && [ -z "$MARIADB_RANDOM_ROOT_PASSWORD" ]; then
    fail $'Database is uninitialized and password option is not specified\n\tYou need to specify one of MARIADB_ROOT_PASSWORD, MARIADB_ROOT_PASSWORD_HASH, MARIADB_ALLOW_EMPTY_ROOT_PASSWORD and MARIADB_RANDOM_ROOT_PASSWORD'
  fi
  if [ -n "$MARIADB_ROOT_PASSWORD_HASH" ] && { [ -n "$MARIADB_ROOT_PASSWORD" ] ||
    [ -n "$MARIADB_ALLOW_EMPTY_ROOT_PASSWORD" ] || [ -n "$MARIADB_RANDOM_ROOT_PASSWORD" ]; }; then
    fail "Cannot specify MARIADB_ROOT_PASSWORD_HASH and another MARIADB_ROOT_PASSWORD* option."
  fi
  if [ -n "$MARIADB_PASSWORD" ] && [ -n "$MARIADB_PASSWORD_HASH" ]; then
    fail "Cannot specify MARIADB_PASSWORD_HASH and MARIADB_PASSWORD option."
  fi
}

# The SQL that secures root, adds the healthcheck users, the database and the user.
setup_sql() {
  local root_password user_password healthcheck_password host
  root_password=$(sql_literal "$MARIADB_ROOT_PASSWORD")
  echo "SET @@SESSION.SQL_LOG_BIN=0;"
  echo "SET @@SESSION.SQL_MODE=REPLACE(@@SESSION.SQL_MODE, 'NO_BACKSLASH_ESCAPES', '');"
  echo "DROP USER IF EXISTS root@'127.0.0.1', root@'::1';"
  echo "EXECUTE IMMEDIATE CONCAT('DROP USER IF EXISTS root@\\'', @@hostname, '\\'');"
  [ -n "$MARIADB_ROOT_PASSWORD_HASH" ] ||
    echo "SET PASSWORD FOR 'root'@'localhost' = PASSWORD('$root_password');"
  if [ -n "$MARIADB_ROOT_HOST" ] && [ "$MARIADB_ROOT_HOST" != localhost ]; then
    if [ -n "$MARIADB_ROOT_PASSWORD_HASH" ]; then
      echo "CREATE USER 'root'@'$MARIADB_ROOT_HOST' IDENTIFIED BY PASSWORD '$MARIADB_ROOT_PASSWORD_HASH';"
    else
      echo "CREATE USER 'root'@'$MARIADB_ROOT_HOST' IDENTIFIED BY '$root_password';"
    fi
    echo "GRANT ALL ON *.* TO 'root'@'$MARIADB_ROOT_HOST' WITH GRANT OPTION;"
    echo "GRANT PROXY ON ''@'%' TO 'root'@'$MARIADB_ROOT_HOST' WITH GRANT OPTION;"
  fi
  healthcheck_password=$(random_password)
  for host in 127.0.0.1 ::1 localhost; do
    echo "CREATE USER IF NOT EXISTS healthcheck@'$host' IDENTIFIED BY '$healthcheck_password';"
    echo "SET PASSWORD FOR healthcheck@'$host' = PASSWORD('$healthcheck_password');"
    echo "GRANT ${MARIADB_HEALTHCHECK_GRANTS:-USAGE} ON *.* TO healthcheck@'$host';"
  done
  (
    umask 0077
    printf '[mariadb-client]\nport=%s\nsocket=%s\nuser=healthcheck\npassword=%s\nprotocol=tcp\n' \
      "$PORT" "$SOCKET" "$healthcheck_password" >"$DATADIR/.my-healthcheck.cnf"
  )
  if [ -n "$MARIADB_DATABASE" ]; then
    note "Creating database ${MARIADB_DATABASE}"
    echo "CREATE DATABASE IF NOT EXISTS \`$MARIADB_DATABASE\`;"
  fi
  if [ -n "$MARIADB_USER" ] && { [ -n "$MARIADB_PASSWORD" ] || [ -n "$MARIADB_PASSWORD_HASH" ]; }; then
    note "Creating user ${MARIADB_USER}"
    if [ -n "$MARIADB_PASSWORD_HASH" ]; then
      echo "CREATE USER '$MARIADB_USER'@'%' IDENTIFIED BY PASSWORD '$MARIADB_PASSWORD_HASH';"
    else
      user_password=$(sql_literal "$MARIADB_PASSWORD")
      echo "CREATE USER '$MARIADB_USER'@'%' IDENTIFIED BY '$user_password';"
    fi
    if [ -n "$MARIADB_DATABASE" ]; then
      echo "GRANT ALL ON \`${MARIADB_DATABASE//_/\\_}\`.* TO '$MARIADB_USER'@'%';"
    fi
  fi
}

run_init_files() {
  local f
  for f in /docker-entrypoint-initdb.d/*; do
    case "$f" in
      *.sh)
        if [ -x "$f" ]; then
          note "$0: running $f"
          "$f"
        else
          note "$0: sourcing $f"
          # shellcheck disable=SC1090 # the user's own script
          . "$f"
        fi
        ;;
      *.sql) note "$0: running $f"; run_sql <"$f" ;;
      *.sql.gz) note "$0: running $f"; gunzip -c "$f" | run_sql ;;
      *.sql.xz) note "$0: running $f"; xzcat "$f" | run_sql ;;
      *.sql.zst) note "$0: running $f"; zstd -dc "$f" | run_sql ;;
      *) note "$0: ignoring $f" ;;
    esac
  done
}

initialise() {
  check_required
  note "Initializing database files"
  mariadb-install-db --datadir="$DATADIR" --rpm --auth-root-authentication-method=normal "${@:2}" \
    --skip-test-db --default-time-zone=SYSTEM --enforce-storage-engine= --skip-log-bin \
    --expire-logs-days=0 --loose-innodb_buffer_pool_load_at_startup=0 \
    --loose-innodb_buffer_pool_dump_at_shutdown=0 >/dev/null
  start_private_server "$@"
  if [ -z "$MARIADB_INITDB_SKIP_TZINFO" ]; then
    mariadb-tzinfo-to-sql --skip-write-binlog /usr/share/zoneinfo 2>/dev/null |
      run_sql --no-password --database=mysql
  fi
  if [ -n "$MARIADB_RANDOM_ROOT_PASSWORD" ]; then
    MARIADB_ROOT_PASSWORD=$(random_password)
    export MARIADB_ROOT_PASSWORD MYSQL_ROOT_PASSWORD=$MARIADB_ROOT_PASSWORD
    note "GENERATED ROOT PASSWORD: $MARIADB_ROOT_PASSWORD"
  fi
  note "Securing system users (equivalent to running mysql_secure_installation)"
  setup_sql | run_sql --no-password --database=mysql --binary-mode
  run_init_files
  if [ -n "$MARIADB_ROOT_PASSWORD_HASH" ]; then
    note "Setting root@localhost password hash"
    printf "SET @@SESSION.SQL_LOG_BIN=0;\nSET PASSWORD FOR 'root'@'localhost' = '%s';\n" \
      "$MARIADB_ROOT_PASSWORD_HASH" | run_sql --no-password --binary-mode
  fi
  stop_private_server
  note "MariaDB init process done. Ready for start up."
}

wants_help() {
  local arg
  for arg; do
    case "$arg" in -'?' | --help | --print-defaults | -V | --version) return 0 ;; esac
  done
  return 1
}

if [ "${1:0:1}" = '-' ]; then
  set -- mariadbd "$@"
fi
if { [ "$1" = mariadbd ] || [ "$1" = mysqld ]; } && ! wants_help "$@"; then
  note "Entrypoint script for MariaDB Server started."
  # A configuration the server refuses (a mounted conf.d file, a bad argument) stops here, saying why.
  if ! errors=$("$@" --verbose --help 2>&1 >/dev/null); then
    fail $'mariadbd failed while attempting to check config\n\tcommand was: '"$* --verbose --help"$'\n\t'"$errors"
  fi
  DATADIR=$(server_setting datadir "$@")
  SOCKET=$(server_setting socket "$@")
  PORT=$(server_setting port "$@")
  DATADIR=${DATADIR%/}
  # Read while still root: a Secret mounted with mode 0400 is readable here only.
  load_alias ROOT_HOST '%'
  load_alias DATABASE
  load_alias USER
  load_alias PASSWORD
  load_alias ROOT_PASSWORD
  load MARIADB_PASSWORD_HASH
  load MARIADB_ROOT_PASSWORD_HASH
  : "${MARIADB_ALLOW_EMPTY_ROOT_PASSWORD:=${MYSQL_ALLOW_EMPTY_PASSWORD:-}}"
  : "${MARIADB_RANDOM_ROOT_PASSWORD:=${MYSQL_RANDOM_ROOT_PASSWORD:-}}"
  : "${MARIADB_INITDB_SKIP_TZINFO:=${MYSQL_INITDB_SKIP_TZINFO:-}}"
  export MARIADB_ALLOW_EMPTY_ROOT_PASSWORD MYSQL_ALLOW_EMPTY_PASSWORD=$MARIADB_ALLOW_EMPTY_ROOT_PASSWORD \
    MARIADB_RANDOM_ROOT_PASSWORD MYSQL_RANDOM_ROOT_PASSWORD=$MARIADB_RANDOM_ROOT_PASSWORD \
    MARIADB_INITDB_SKIP_TZINFO MYSQL_INITDB_SKIP_TZINFO=$MARIADB_INITDB_SKIP_TZINFO

  if [ "$(id -u)" = 0 ]; then
    mkdir -p "$DATADIR" "${SOCKET%/*}"
    find "$DATADIR" \! -user mysql -exec chown mysql: '{}' +
    find "${SOCKET%/*}" -maxdepth 0 \! -user mysql -exec chown mysql: '{}' \;
    note "Switching to dedicated user 'mysql'"
    exec setpriv --reuid=mysql --regid=mysql --init-groups "${BASH_SOURCE[0]}" "$@"
  fi

  if [ -d "$DATADIR/mysql" ]; then
    note "$DATADIR already holds a database; skipping initialisation"
  else
    initialise "$@"
  fi
fi
exec "$@"
