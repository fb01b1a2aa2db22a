#!/usr/bin/env bash
# Shared settings and helpers for the kubelab local cluster scripts.
# shellcheck disable=SC2034 # the settings are used by the scripts that source this file
# Sourced by every script here; not run on its own.

# Pinned versions. The newest stable patch of the newest supported minor on the Go module proxy
# when this was written (`go list -m -versions k8s.io/kubernetes`: v1.35.4, v1.36.3, v1.37.2 and
# v1.38.0-beta.0 on 2026-12-06); KUBELAB_K8S_VERSION overrides it.
KUBELAB_K8S_VERSION="${KUBELAB_K8S_VERSION:-v1.37.2}"

KUBELAB_CACHE="${KUBELAB_CACHE:-$HOME/.cache/kubelab}"
KUBELAB_STATE="${KUBELAB_STATE:-/var/lib/kubelab}"
KUBELAB_BIN="${KUBELAB_CACHE}/k8s-${KUBELAB_K8S_VERSION}/bin"

NODE_NAME="kubelab-control-plane"
CLUSTER_NAME="kubelab"
SERVICE_CIDR="10.96.0.0/12"
SERVICE_IP="10.96.0.1"
DNS_IP="10.96.0.10"
CLUSTER_CIDR="10.244.0.0/16"
POD_CIDR="10.244.0.0/24"
CLUSTER_DOMAIN="cluster.local"

PKI_DIR="${KUBELAB_STATE}/pki"
RUN_DIR="${KUBELAB_STATE}/run"
LOG_DIR="${KUBELAB_STATE}/logs"
CONF_DIR="${KUBELAB_STATE}/config"
# One etcd data directory per Kubernetes version: each pins its own etcd (3.6 for 1.34, 3.7 from
# 1.36) and etcd's upgrades are one-way, so switching versions starts on a store of its own
# instead of handing a newer store to an older etcd.
ETCD_DATA="${KUBELAB_STATE}/etcd-${KUBELAB_K8S_VERSION}"
# The version the running processes were started with (written by up.sh).
RUNNING_VERSION_FILE="${RUN_DIR}/k8s-version"
LOCAL_PATH_DIR="${KUBELAB_STATE}/local-path"
CONTAINERD_ROOT="${KUBELAB_STATE}/containerd"
CONTAINERD_STATE="/run/containerd"
CONTAINERD_SOCK="${CONTAINERD_STATE}/containerd.sock"
# Overridable only so that tests can point the ownership check (ownership.sh) at fake dirs.
KUBELET_ROOT="${KUBELAB_KUBELET_ROOT:-/var/lib/kubelet}"
MANIFESTS_DIR="${KUBELAB_MANIFESTS_DIR:-/etc/kubernetes/manifests}"
CNI_BIN_DIR="/usr/lib/cni"
# The pod network's config: a directory of the cluster's own, named only in its containerd's config.
# Not /etc/cni/net.d, where podman (and other CNI users) keep their networks.
CNI_CONF_DIR="${KUBELAB_STATE}/config/cni"
# Where earlier versions wrote it, renaming every other file there *.kubelab-disabled (config.sh
# gives those files back).
LEGACY_CNI_CONF_DIR="/etc/cni/net.d"
ADMIN_KUBECONFIG="${KUBELAB_STATE}/admin.kubeconfig"
DUMMY_IF="kubelab-svc0"

# The processes up.sh starts, in start order (teardown.sh stops them in its own order).
COMPONENTS=(containerd etcd kube-apiserver kube-controller-manager kube-scheduler kubelet kube-proxy)

log() { printf '[kubelab %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# name_failures <script>: from here on, a command that fails and ends the script under set -e is
# named (file, line, command, exit status) instead of ending it in silence; functions inherit it.
# Inside $(…) and ( … ) it stays silent: the subshell's status reaches the command that ran it,
# which is named if that ends the script (a `local x=$(…)` that may fail is not).
name_failures() {
  set -o errtrace
  # shellcheck disable=SC2016,SC2154 # expanded (and failed_status set) when the trap runs
  trap 'failed_status=$?; [[ ${BASH_SUBSHELL} -gt 0 ]] || die "'"$1"' failed (exit ${failed_status}) at ${BASH_SOURCE[0]##*/}:${LINENO}: ${BASH_COMMAND}"' ERR
}

require_root() {
  [[ ${EUID} -eq 0 ]] || die "run as root (it starts containerd, the kubelet and changes iptables)"
}

# node_ip prints the IPv4 address of the interface holding the default route.
node_ip() {
  if [[ -n ${KUBELAB_NODE_IP:-} ]]; then
    printf '%s\n' "${KUBELAB_NODE_IP}"
    return
  fi
  local dev
  dev=$(ip -4 route show default | awk '{for (i = 1; i < NF; i++) if ($i == "dev") {print $(i + 1); exit}}')
  [[ -n ${dev} ]] || die "no default route: set KUBELAB_NODE_IP"
  ip -4 -o addr show dev "${dev}" | awk '{split($4, a, "/"); print a[1]; exit}'
}

pid_file() { printf '%s/%s.pid\n' "${RUN_DIR}" "$1"; }
log_file() { printf '%s/%s.log\n' "${LOG_DIR}" "$1"; }

# component_exe prints the executable a component runs from.
component_exe() {
  case $1 in
    containerd) echo /usr/bin/containerd ;;
    *) readlink -m "${KUBELAB_BIN}/$1" ;;
  esac
}

# supervisor_pid_file <component>: where up.sh keeps the pid of the component's supervise.sh.
supervisor_pid_file() { printf '%s/%s.supervisor.pid\n' "${RUN_DIR}" "$1"; }

# component_pid prints the pid of a running component started by up.sh, or fails. The pid
# must still run the component's executable: a pid file that outlived a reboot may name
# an unrelated process by now.
component_pid() {
  local file pid exe
  file=$(pid_file "$1")
  [[ -f ${file} ]] || return 1
  pid=$(<"${file}")
  [[ ${pid} =~ ^[0-9]+$ ]] || return 1
  exe=$(readlink "/proc/${pid}/exe" 2>/dev/null) || return 1
  [[ ${exe% (deleted)} == "$(component_exe "$1")" ]] || return 1
  printf '%s\n' "${pid}"
}

# lock_cluster: one up.sh or down.sh at a time (several people and CI share the host).
# flock blocks in the kernel until the other run releases the lock.
LOCK_FILE=/run/kubelab-cluster.lock
lock_cluster() {
  exec {lock_fd}>"${LOCK_FILE}"
  if ! flock -n "${lock_fd}"; then
    log "another up.sh or down.sh is running; waiting for it (up to 10 min)"
    flock -w 600 "${lock_fd}" || die "could not take ${LOCK_FILE} within 10 min"
  fi
}

kctl() { "${KUBELAB_BIN}/kubectl" --kubeconfig "${ADMIN_KUBECONFIG}" "$@"; }
