#!/usr/bin/env bash
# Keeps one control-plane process running, as the kubelet keeps a static pod's container running
# on a kubeadm node: when the process exits on its own, it is started again with the same
# arguments, after a back-off that doubles from 1 s to 30 s and starts over at 1 s once the process
# has run for RESET_AFTER seconds (the kubelet resets its own). kube-scheduler, for one, exits on
# purpose when it finds its cache inconsistent — seen here 13 s after the API server restarted
# under it — and nothing else would bring it back on this host-process cluster.
# up.sh starts it for kube-scheduler and kube-controller-manager; teardown.sh stops the supervisor
# before the process, and a pid file that no longer names the child also ends it.
#   supervise.sh <pid file> <log file> <command> [args...]
set -uo pipefail
pid_file=$1 log_file=$2
shift 2
backoff=1
# A process that ran this long exited on its own for a new reason, not in a crash loop: without
# the reset, every exit after the fifth (one per API server restart, say) would wait 30 s.
# (Overridable only so that test/unit/scripts/cluster-supervise.test.ts runs in seconds.)
RESET_AFTER=${KUBELAB_SUPERVISE_RESET_AFTER:-60}
while :; do
  started=${SECONDS}
  "$@" >>"${log_file}" 2>&1 </dev/null &
  child=$!
  printf '%s\n' "${child}" >"${pid_file}"
  wait "${child}"
  status=$?
  [[ -f ${pid_file} && $(<"${pid_file}") == "${child}" ]] || exit 0
  ((SECONDS - started < RESET_AFTER)) || backoff=1
  printf '[supervise %s] %s exited with status %s; starting it again in %ss\n' \
    "$(date -u +%H:%M:%S)" "$1" "${status}" "${backoff}" >>"${log_file}"
  sleep "${backoff}"
  ((backoff = backoff < 16 ? backoff * 2 : 30))
done
