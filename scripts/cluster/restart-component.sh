#!/usr/bin/env bash
# Restarts one process of the running cluster: stops it (SIGTERM, SIGKILL after the grace
# period), starts the same executable with the same arguments again — read back from the
# running process, so the flags are exactly those up.sh gave it, never a second copy of its
# list — through up.sh's own start_component (pid file, log) and wait_healthy, and prints how
# long it was down (10-15 s measured).
#
#   sudo bash scripts/cluster/restart-component.sh kube-apiserver
#
# Everyone using the cluster sees the API server go away for 10-15 s: the fault the
# API-restart e2e (test/e2e/batch/grade-api-restart.serial.test.ts) grades through.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
component=${1:-}

# health_args <component>: the health endpoint (and curl options) wait_healthy asks.
health_args() {
  case $1 in
    kube-apiserver) printf '%s\n' https://127.0.0.1:6443/readyz --cacert "${PKI_DIR}/ca.crt" ;;
    *) return 1 ;;
  esac
}

if [[ ${component} != kube-apiserver ]]; then
  printf 'usage: restart-component.sh kube-apiserver\n' >&2
  exit 2
fi

# The cluster may run another Kubernetes version than this checkout's default: use the one
# the running process comes from, so up.sh's helpers recognise its executable.
state=${KUBELAB_STATE:-/var/lib/kubelab}
running_pid=$(cat "${state}/run/${component}.pid" 2>/dev/null || true)
running_exe=$(readlink "/proc/${running_pid:-0}/exe" 2>/dev/null || true)
if [[ -z ${KUBELAB_K8S_VERSION:-} && ${running_exe} =~ /k8s-(v[^/]+)/bin/ ]]; then
  export KUBELAB_K8S_VERSION=${BASH_REMATCH[1]}
fi

# shellcheck source=scripts/cluster/up.sh
source "${SCRIPT_DIR}/up.sh"
require_root
lock_cluster

pid=$(component_pid "${component}") ||
  die "${component} is not running (pid file $(pid_file "${component}")): start the cluster with up.sh"
mapfile -d '' argv <"/proc/${pid}/cmdline"
((${#argv[@]} > 0)) || die "could not read the arguments of ${component} (pid ${pid})"
mapfile -t health < <(health_args "${component}")

started=${SECONDS}
stop_components "${component}"
start_component "${component}" "${argv[@]}"
wait_healthy "${component}" "${health[@]}"
log "${component} restarted with the same arguments; down for $((SECONDS - started))s"
