#!/bin/bash
# kubelab's stand-in for the official mariadb image's /usr/local/bin/healthcheck.sh, from its
# documented behaviour: each --<test> argument runs that test in order, the first that fails makes
# the script exit 1 ("healthcheck <test> failed"); unless a test (or --no-connect) established that
# the server answers, a connect test decides last. The client reads $datadir/.my-healthcheck.cnf
# (written by the entrypoint at initialisation) unless --no-defaults or --defaults-* say otherwise.
# Tests: connect, innodb_initialized, innodb_buffer_pool_loaded, mariadbupgrade.
# Options: --datadir=DIR, --no-defaults, --defaults-file=F, --defaults-extra-file=F,
# --defaults-group-suffix=S, --no-connect, --su-mysql, --su=USER (re-run as that user).
# Not provided: the galera_* and replication tests.
set -eo pipefail

datadir=/var/lib/mysql
no_defaults=
defaults_file=
extra_file=
group_suffix=
connected=

client() {
  local options=()
  [ -z "$no_defaults" ] || options+=(--no-defaults)
  [ -z "$defaults_file" ] || options+=("--defaults-file=$defaults_file")
  [ -z "$extra_file" ] || options+=("--defaults-extra-file=$extra_file")
  [ -z "$group_suffix" ] || options+=("--defaults-group-suffix=$group_suffix")
  mariadb "${options[@]}" "$@"
}

query() { client --protocol socket --batch --skip-column-names -e "$1"; }

# connect: the server accepts connections (over the socket, else TCP); a refused login counts as
# connected, since the server answered.
connect() {
  local answer
  answer=$(query 'select @@skip_networking' 2>/dev/null) || answer=
  case "$answer" in
    0) connected=0; return 0 ;;
    1) connected=1; return 1 ;;
  esac
  answer=$(client -h localhost --protocol tcp --batch --skip-column-names \
    --skip-print-query-on-error -e 'select @@skip_networking' 2>&1) || :
  case "$answer" in
    0 | "ERROR 1820 (HY000)"* | "ERROR 4151 (HY000)"* | "ERROR 1226 (42000)"* | "ERROR 1"[0-9][0-9][0-9]" (28000)"*)
      connected=0 ;;
    *) connected=1 ;;
  esac
  return "$connected"
}

innodb_initialized() {
  [ "$(query "select 1 from information_schema.ENGINES where engine = 'innodb' and support in ('YES', 'DEFAULT', 'ENABLED')")" = 1 ]
}

innodb_buffer_pool_loaded() {
  [[ $(query "select VARIABLE_VALUE from information_schema.GLOBAL_STATUS where VARIABLE_NAME = 'Innodb_buffer_pool_load_status'") =~ 'load completed' ]]
}

# mariadbupgrade: no mariadb-upgrade holds its lock on the upgrade info file.
mariadbupgrade() {
  local info="$datadir/mysql_upgrade_info"
  [ -r "$info" ] || return 0
  flock --exclusive --nonblock 9 9<"$info"
}

if [ $# -eq 0 ]; then
  echo "At least one argument required" >&2
  exit 1
fi
[ ! -f "$datadir/.my-healthcheck.cnf" ] || extra_file="$datadir/.my-healthcheck.cnf"

while [ $# -gt 0 ]; do
  test=
  case "$1" in
    --su=*) user=${1#*=}; shift; exec setpriv --reuid="$user" --regid="$user" --init-groups "${BASH_SOURCE[0]}" "$@" ;;
    --su) user=$2; shift 2; exec setpriv --reuid="$user" --regid="$user" --init-groups "${BASH_SOURCE[0]}" "$@" ;;
    --su-mysql) shift; exec setpriv --reuid=mysql --regid=mysql --init-groups "${BASH_SOURCE[0]}" "$@" ;;
    --datadir=*) datadir=${1#*=} ;;
    --datadir) shift; datadir=$1 ;;
    --no-defaults) no_defaults=1 defaults_file= extra_file= group_suffix= ;;
    --defaults-file=*) defaults_file=${1#*=} no_defaults= ;;
    --defaults-extra-file=*) extra_file=${1#*=} no_defaults= ;;
    --defaults-group-suffix=*) group_suffix=${1#*=} no_defaults= ;;
    --no-connect) connected=0 ;;
    --*) test=${1#--} ;;
    *) echo "Unknown healthcheck option $1" >&2; exit 1 ;;
  esac
  if [ -n "$test" ]; then
    case "$test" in
      connect | innodb_initialized | innodb_buffer_pool_loaded | mariadbupgrade) ;;
      *) echo "healthcheck unknown option or test '$test'" >&2; exit 1 ;;
    esac
    if ! "$test"; then
      echo "healthcheck $test failed" >&2
      exit 1
    fi
  fi
  shift
done
if [ "$connected" != 0 ]; then
  connect
fi
