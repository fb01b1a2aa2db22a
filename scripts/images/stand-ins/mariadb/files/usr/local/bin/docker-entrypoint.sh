#!/bin/bash
# kubelab's stand-in for the docker.io/library/mariadb entrypoint: Debian's
# MariaDB 10.11 behind the official image's contract. Each MARIADB_* variable
# also accepts its MYSQL_* alias, as upstream.
#   MARIADB_ROOT_PASSWORD            root password (root@localhost and root@'%')
#   MARIADB_ALLOW_EMPTY_ROOT_PASSWORD / MARIADB_RANDOM_ROOT_PASSWORD  alternatives
#   MARIADB_DATABASE                 database created at initialisation
#   MARIADB_USER, MARIADB_PASSWORD   user created at initialisation, with all
#                                    rights on MARIADB_DATABASE
# Data lives in /var/lib/mysql; a mysql/ directory there means "already initialised".
# /docker-entrypoint-initdb.d/*.sh, *.sql and *.sql.gz run once, at initialisation.
set -Eeuo pipefail

DATADIR=/var/lib/mysql
SOCKET=/run/mysqld/mysqld.sock

log() { printf '%s [entrypoint] %s\n' "$(date -u +'%Y-%m-%d %H:%M:%S UTC')" "$*"; }
env_or_alias() { # env_or_alias NAME -> $MARIADB_NAME, else $MYSQL_NAME, else empty
  local m="MARIADB_$1" y="MYSQL_$1"
  printf '%s' "${!m:-${!y:-}}"
}
sql_string() { # escape for a single-quoted SQL literal
  local s=${1//\\/\\\\}
  printf '%s' "${s//\'/\\\'}"
}

if [ "${1:0:1}" = '-' ]; then
  set -- mariadbd "$@"
fi
case "$1" in
  mariadbd | mysqld) ;;
  *) exec "$@" ;;
esac

# As root: make the directories ours, then come back as the mysql user (uid 999).
if [ "$(id -u)" = 0 ]; then
  mkdir -p "$DATADIR" /run/mysqld
  chown mysql:mysql "$DATADIR" /run/mysqld
  find "$DATADIR" \! -user mysql -exec chown mysql:mysql '{}' + 2>/dev/null || :
  exec setpriv --reuid=mysql --regid=mysql --init-groups "${BASH_SOURCE[0]}" "$@"
fi

root_password=$(env_or_alias ROOT_PASSWORD)
database=$(env_or_alias DATABASE)
user=$(env_or_alias USER)
password=$(env_or_alias PASSWORD)

if [ ! -d "$DATADIR/mysql" ]; then
  if [ -n "$(env_or_alias RANDOM_ROOT_PASSWORD)" ]; then
    root_password=$(head -c 18 /dev/urandom | base64)
    log "GENERATED ROOT PASSWORD: $root_password"
  elif [ -z "$root_password" ] && [ -z "$(env_or_alias ALLOW_EMPTY_ROOT_PASSWORD)" ]; then
    cat >&2 <<'TXT'
error: database is uninitialized and password option is not specified
       You need to specify one of MARIADB_ROOT_PASSWORD, MARIADB_ROOT_PASSWORD_HASH,
       MARIADB_ALLOW_EMPTY_ROOT_PASSWORD and MARIADB_RANDOM_ROOT_PASSWORD
TXT
    exit 1
  fi

  log "initialising $DATADIR"
  mariadb-install-db --datadir="$DATADIR" --rpm --auth-root-authentication-method=normal \
    --skip-test-db --skip-name-resolve --skip-log-bin >/dev/null

  # A private server on the socket only, for the set-up steps.
  "$@" --skip-networking --socket="$SOCKET" --wsrep_on=OFF &
  server=$!
  if ! mariadb-admin --socket="$SOCKET" --user=root --wait=60 --connect-timeout=1 ping >/dev/null 2>&1; then
    log "the set-up server did not answer on $SOCKET within 60 attempts"
    exit 1
  fi

  rp=$(sql_string "$root_password")
  {
    echo "SET @@SESSION.SQL_LOG_BIN=0;"
    # mariadb-install-db also creates root@127.0.0.1, root@::1 and root@<hostname>
    # without a password; drop them (and anonymous users) as upstream does.
    echo "DROP USER IF EXISTS ''@'localhost', ''@'$(hostname)', 'root'@'127.0.0.1', 'root'@'::1', 'root'@'$(hostname)';"
    echo "SET PASSWORD FOR 'root'@'localhost' = PASSWORD('$rp');"
    echo "CREATE USER 'root'@'%' IDENTIFIED BY '$rp';"
    echo "GRANT ALL ON *.* TO 'root'@'%' WITH GRANT OPTION;"
    echo "GRANT PROXY ON ''@'%' TO 'root'@'%' WITH GRANT OPTION;"
    if [ -n "$database" ]; then
      echo "CREATE DATABASE IF NOT EXISTS \`${database//\`/\`\`}\`;"
    fi
    if [ -n "$user" ] && [ -n "$password" ]; then
      echo "CREATE USER '$(sql_string "$user")'@'%' IDENTIFIED BY '$(sql_string "$password")';"
      if [ -n "$database" ]; then
        echo "GRANT ALL ON \`${database//\`/\`\`}\`.* TO '$(sql_string "$user")'@'%';"
      fi
    fi
    echo "FLUSH PRIVILEGES;"
  } | mariadb --protocol=socket --socket="$SOCKET" --user=root

  client=(mariadb --protocol=socket --socket="$SOCKET" --user=root --password="$root_password")
  # shellcheck disable=SC1090 # sourced scripts are the user's
  for f in /docker-entrypoint-initdb.d/*; do
    [ -e "$f" ] || continue # empty directory: the glob stays unexpanded
    case "$f" in
      *.sh) log "running $f"; if [ -x "$f" ]; then "$f"; else source "$f"; fi ;;
      *.sql) log "running $f"; "${client[@]}" ${database:+"$database"} <"$f" ;;
      *.sql.gz) log "running $f"; gunzip -c "$f" | "${client[@]}" ${database:+"$database"} ;;
      *) log "ignoring $f" ;;
    esac
  done

  kill "$server"
  wait "$server" || :
  log "initialisation complete; ready for start up"
else
  log "$DATADIR already holds a database; skipping initialisation"
fi

exec "$@"
