#!/usr/bin/env bash
# Proves each built image keeps the contract the labs rely on, by running it
# with `ctr run` in a scratch containerd namespace (never k8s.io, so the
# kubelet sees nothing) and cleaning that namespace up afterwards.
#
#   CONTAINERD_ADDRESS  containerd socket (default /run/containerd/containerd.sock)
# One postgres container shares the host network (host port 5432, for about a
# minute) so a client can connect from a non-loopback address.
# Needs the archives from build.sh. Prints one line per check; exits 1 if any failed.
set -euo pipefail
shopt -s inherit_errexit
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

NS=kubelab-images-verify
SCRATCH=$(mktemp -d /tmp/kubelab-images-verify.XXXXXX)
ctr_() { ctr --address "$CONTAINERD_ADDRESS" -n "$NS" "$@"; }
# How long a server may take to answer its first request (initdb, mariadb-install-db
# and glances' first sample take a few seconds on a busy 2-core machine).
READY_SECONDS=90

failures=0
pass() { printf 'ok    %s\n' "$*"; }
fail() { printf 'FAIL  %s\n' "$*"; failures=$((failures + 1)); }
check() { # check DESCRIPTION COMMAND...: pass when the command succeeds
  local what=$1; shift
  if "$@" >"$SCRATCH/out" 2>&1; then pass "$what"; else fail "$what: $(tail -n 3 "$SCRATCH/out" | tr '\n' ' ')"; fi
}
refuse() { # refuse DESCRIPTION PATTERN COMMAND...: pass when the command fails saying PATTERN
  local what=$1 pattern=$2; shift 2
  if "$@" >"$SCRATCH/out" 2>&1; then
    fail "$what: expected a refusal, got: $(tail -n 2 "$SCRATCH/out" | tr '\n' ' ')"
  elif grep -qE "$pattern" "$SCRATCH/out"; then
    pass "$what"
  else
    fail "$what: expected a failure saying /$pattern/, got: $(tail -n 2 "$SCRATCH/out" | tr '\n' ' ')"
  fi
}

cleanup() {
  local c
  for c in $(ctr_ containers ls -q 2>/dev/null); do
    ctr_ task delete --force "$c" >/dev/null 2>&1 || :
    ctr_ containers delete "$c" >/dev/null 2>&1 || :
  done
  for c in $(ctr_ images ls -q 2>/dev/null); do ctr_ images rm "$c" >/dev/null 2>&1 || :; done
  # Snapshots go child first, so a few passes empty a chain; content last.
  local _ s snaps
  for _ in 1 2 3 4; do
    snaps=$(ctr_ snapshots ls 2>/dev/null | awk 'NR > 1 { print $1 }')
    [ -n "$snaps" ] || break
    for s in $snaps; do ctr_ snapshots rm "$s" >/dev/null 2>&1 || :; done
  done
  for c in $(ctr_ content ls -q 2>/dev/null); do ctr_ content rm "$c" >/dev/null 2>&1 || :; done
  ctr --address "$CONTAINERD_ADDRESS" namespaces remove "$NS" >/dev/null 2>&1 ||
    log "could not remove the scratch containerd namespace $NS; remove it with: ctr -n $NS ... rm, then ctr namespaces remove $NS"
  rm -rf "$SCRATCH"
}
trap cleanup EXIT

task_pid() { ctr_ task ls | awk -v c="$1" '$1 == c { print $2 }'; }
# stop NAME SIGNAL: signal the task, wait (bounded) for its process to exit, remove it.
stop() {
  local pid
  pid=$(task_pid "$1")
  ctr_ task kill -s "$2" "$1" 2>/dev/null || :
  [ -z "$pid" ] || timeout 60 tail -s 0.2 --pid="$pid" -f /dev/null || :
  ctr_ task delete --force "$1" >/dev/null 2>&1 || :
  ctr_ containers delete "$1" >/dev/null 2>&1 || :
}
# wait_log FILE SECONDS AFTER READY: follow a container log until a line matching
# READY comes after one matching AFTER; fails at the deadline.
wait_log() {
  local file=$1 seconds=$2 after=$3 ready=$4 line seen=0 rc=1 fd follower
  exec {fd}< <(exec timeout "$seconds" tail -n +1 -F "$file" 2>/dev/null)
  follower=$!
  while IFS= read -r line <&"$fd"; do
    [[ $line =~ $after ]] && seen=1
    if [ "$seen" = 1 ] && [[ $line =~ $ready ]]; then rc=0; break; fi
  done
  kill "$follower" 2>/dev/null || :
  exec {fd}<&-
  return "$rc"
}
in_() { local c=$1; shift; ctr_ task exec --exec-id "x$RANDOM$RANDOM" "$c" "$@"; }
# Pipelines run in `bash -c`; give them the helpers.
export CONTAINERD_ADDRESS NS
export -f ctr_ in_ task_pid

CONTAINERD_NAMESPACE=$NS bash "$IMAGES_DIR/import.sh" >/dev/null

ref_of() { image_refs | grep -E "^$1:" | head -n 1; }
PAUSE=$(ref_of registry.k8s.io/pause)
BUSYBOX=$(ref_of docker.io/library/busybox)
COREDNS=$(ref_of registry.k8s.io/coredns/coredns)
LPP=$(ref_of docker.io/rancher/local-path-provisioner)
POSTGRES=$(ref_of docker.io/library/postgres)
MARIADB=$(ref_of docker.io/library/mariadb)
NGINX=$(ref_of docker.io/library/nginx)
GLANCES=$(ref_of docker.io/nicolargo/glances)

# --- pause: stays up, exits on SIGTERM ----------------------------------------------
ctr_ run -d --log-uri "file://$SCRATCH/pause.log" "$PAUSE" pause >/dev/null
check "pause: running after start" bash -c "ctr_ task ls | grep -qE '^pause +[0-9]+ +RUNNING'"
check "pause: runs as 65535" sh -c "grep -qE '^Uid:\s+65535' /proc/$(task_pid pause)/status"
pid=$(task_pid pause)
ctr_ task kill -s SIGTERM pause
if timeout 10 tail -s 0.1 --pid="$pid" -f /dev/null; then pass "pause: exits on SIGTERM"; else fail "pause: still running 10s after SIGTERM"; fi
check "pause: logged the signal it got" grep -q 'Shutting down, got signal: terminated' "$SCRATCH/pause.log"
stop pause SIGKILL

# --- busybox, coredns, local-path-provisioner ----------------------------------------
check "busybox: sh -c 'echo ok'" bash -c "ctr_ run --rm '$BUSYBOX' bb sh -c 'echo ok' | grep -qx ok"
check "busybox: applets on PATH (wget, nslookup, nc)" ctr_ run --rm "$BUSYBOX" bb2 sh -c 'command -v wget && command -v nslookup && command -v nc && [ -d /tmp ] && grep -q ^nobody: /etc/passwd /etc/group'
check "coredns: -version is ${COREDNS##*:}" bash -c "ctr_ run --rm '$COREDNS' cd /coredns -version | grep -qx 'CoreDNS-${COREDNS##*:v}'"
check "local-path-provisioner: --help" bash -c "ctr_ run --rm '$LPP' lpp local-path-provisioner --help | grep -q 'Local Path Provisioner'"

# --- postgres: init, password auth, uid 999, data survives a new container ----------
mkdir -p "$SCRATCH/pg"
pg_run() { # pg_run NAME [ctr run options...]
  local name=$1; shift
  ctr_ run -d --log-uri "file://$SCRATCH/$name.log" "$@" \
    --mount "type=bind,src=$SCRATCH/pg,dst=/var/lib/postgresql/data,options=rbind:rw" "$POSTGRES" "$name" >/dev/null
}
PG_AFTER='ready for start up|skipping initialisation'
PG_READY='ready to accept connections'
mkdir -p "$SCRATCH/initdb" && echo 'create table seeded (v int); insert into seeded values (42);' >"$SCRATCH/initdb/01-seed.sql"
# pg1 shares the host network so a client can come from a non-loopback address:
# like upstream, 127.0.0.1 and the socket are trusted, every other host needs the password.
HOST_IP=$(hostname -I | awk '{ print $1 }')
pg_run pg1 --net-host --env POSTGRES_PASSWORD=s3cret --env POSTGRES_DB=labdb \
  --mount "type=bind,src=$SCRATCH/initdb,dst=/docker-entrypoint-initdb.d,options=rbind:ro"
check "postgres: initialised and ready within ${READY_SECONDS}s" wait_log "$SCRATCH/pg1.log" "$READY_SECONDS" "$PG_AFTER" "$PG_READY"
check "postgres: pg_isready" in_ pg1 pg_isready -h 127.0.0.1 -t 5
check "postgres: psql -c 'select 1' with the password from $HOST_IP" in_ pg1 env PGPASSWORD=s3cret psql -h "$HOST_IP" -U postgres -d labdb -tAc 'select 1'
refuse "postgres: wrong password refused from $HOST_IP" 'password authentication failed' in_ pg1 env PGPASSWORD=wrong psql -h "$HOST_IP" -U postgres -d labdb -tAc 'select 1'
check "postgres: server runs as uid 999" sh -c "grep -qE '^Uid:\s+999' /proc/$(task_pid pg1)/status"
check "postgres: listens on 0.0.0.0:5432" bash -c "in_ pg1 ss -ltnH | grep -q '0.0.0.0:5432'"
check "postgres: /docker-entrypoint-initdb.d/*.sql ran in POSTGRES_DB" bash -c "in_ pg1 psql -U postgres -d labdb -tAc 'select v from seeded' | grep -qx 42"
check "postgres: write a row" in_ pg1 env PGPASSWORD=s3cret psql -h 127.0.0.1 -U postgres -d labdb -c 'create table kept (v text); insert into kept values ($$survives$$);'
stop pg1 SIGKILL # like a node losing the pod: no clean shutdown
pg_run pg2 --env POSTGRES_PASSWORD=ignored-now
check "postgres: restart on the same data is ready" wait_log "$SCRATCH/pg2.log" "$READY_SECONDS" "$PG_AFTER" "$PG_READY"
check "postgres: data survives the container (no re-init)" bash -c "in_ pg2 env PGPASSWORD=s3cret psql -h 127.0.0.1 -U postgres -d labdb -tAc 'select v from kept' | grep -qx survives"
check "postgres: entrypoint logged 'skipping initialisation'" grep -q 'skipping initialisation' "$SCRATCH/pg2.log"
stop pg2 SIGINT
# A fresh volume root holding lost+found: refused like upstream, unless PGDATA names a subdirectory.
rm -rf "$SCRATCH/pg" && mkdir -p "$SCRATCH/pg/lost+found"
ctr_ run --rm --env POSTGRES_PASSWORD=x \
  --mount "type=bind,src=$SCRATCH/pg,dst=/var/lib/postgresql/data,options=rbind:rw" "$POSTGRES" pg3 >"$SCRATCH/pg3.log" 2>&1 || :
check "postgres: PGDATA with lost+found refused as upstream" grep -q 'lost+found' "$SCRATCH/pg3.log"
pg_run pg4 --env POSTGRES_PASSWORD=x --env PGDATA=/var/lib/postgresql/data/pgdata
check "postgres: PGDATA subdirectory of a volume root initialises" wait_log "$SCRATCH/pg4.log" "$READY_SECONDS" "$PG_AFTER" "$PG_READY"
stop pg4 SIGINT

# --- mariadb: init, root password enforced ----------------------------------------
# MYSQL_ROOT_PASSWORD: the alias upstream still honours.
ctr_ run -d --env MYSQL_ROOT_PASSWORD=s3cret --env MARIADB_DATABASE=labdb "$MARIADB" mdb >/dev/null
check "mariadb: mariadb-admin ping" in_ mdb mariadb-admin --wait="$READY_SECONDS" --connect-timeout=2 -h 127.0.0.1 -uroot -ps3cret ping
check "mariadb: root with the right password, in MARIADB_DATABASE (TCP)" in_ mdb mariadb -h 127.0.0.1 -uroot -ps3cret -e 'select 1' labdb
refuse "mariadb: root with a wrong password refused" 'Access denied' in_ mdb mariadb -h 127.0.0.1 -uroot -pwrong -e 'select 1'
refuse "mariadb: root without a password refused (socket)" 'Access denied' in_ mdb mariadb -uroot -e 'select 1'
check "mariadb: mysql client alias works" in_ mdb mysql -h 127.0.0.1 -uroot -ps3cret -e 'select 1'
check "mariadb: listens on 0.0.0.0:3306" bash -c "in_ mdb ss -ltnH | grep -qE '(0.0.0.0|\*):3306'"
check "mariadb: server runs as uid 999" sh -c "grep -qE '^Uid:\s+999' /proc/$(task_pid mdb)/status"
stop mdb SIGTERM

# --- nginx: index.html on :80, logs on stdout --------------------------------------
ctr_ run -d --log-uri "file://$SCRATCH/nginx.log" "$NGINX" web >/dev/null
check "nginx: serves index.html on :80" bash -c "in_ web curl -fsS --retry 30 --retry-connrefused --retry-delay 1 --retry-max-time $READY_SECONDS http://127.0.0.1/ | grep -q 'Welcome to nginx'"
check "nginx: access log on stdout" grep -q '"GET / HTTP/1.1" 200' "$SCRATCH/nginx.log"
stop web SIGQUIT

# --- glances: web server on :61208 with GLANCES_OPT=-w, as upstream ---------------
ctr_ run -d --env GLANCES_OPT=-w "$GLANCES" glances >/dev/null
check "glances: /api/3/status answers on :61208" in_ glances curl -fsS --retry 60 --retry-connrefused --retry-delay 1 --retry-max-time "$READY_SECONDS" http://127.0.0.1:61208/api/3/status
check "glances: /api/3/cpu returns JSON" bash -c "in_ glances curl -fsS http://127.0.0.1:61208/api/3/cpu | grep -q '\"total\"'"
stop glances SIGTERM
# Negative control: without GLANCES_OPT there is no web server (curses needs a terminal).
check "glances: without GLANCES_OPT it starts curses, not the web server" bash -c \
  "timeout $READY_SECONDS ctr --address '$CONTAINERD_ADDRESS' -n '$NS' run --rm '$GLANCES' glances-curses 2>&1 | grep -q curses"

if [ "$failures" -gt 0 ]; then
  echo "$failures check(s) failed"
  exit 1
fi
echo "all checks passed"
