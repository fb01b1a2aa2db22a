#!/usr/bin/env bash
# Stops the kubelab cluster and leaves nothing running or mounted on the host: no
# processes, containers, mounts, network namespaces, links or iptables chains.
# Keeps the binary and image cache and, by default, the state (certificates, etcd data,
# local-path volumes). --purge wipes the state too, for a fresh cluster on the next up.
# Idempotent.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=scripts/cluster/lib.sh
source "${SCRIPT_DIR}/lib.sh"
# shellcheck source=scripts/cluster/teardown.sh
source "${SCRIPT_DIR}/teardown.sh"
# shellcheck source=scripts/cluster/ownership.sh
source "${SCRIPT_DIR}/ownership.sh"
name_failures down.sh

purge=0
for arg in "$@"; do
  case ${arg} in
    --purge) purge=1 ;;
    -h | --help)
      echo "usage: $0 [--purge]"
      exit 0
      ;;
    *) die "unknown argument ${arg} (usage: $0 [--purge])" ;;
  esac
done

# Before anything else (even the root check): a node the project did not create is never touched.
if ((purge)); then require_own_cluster "stop and purge this node"; else require_own_cluster "stop this node"; fi
require_root
started=${SECONDS}
lock_cluster
teardown

if ((purge)); then
  log "purging ${KUBELAB_STATE}, ${KUBELET_ROOT}, pod logs and static pod manifests"
  # Only after teardown: nothing is mounted below these any more.
  rm -rf "${KUBELAB_STATE}" "${KUBELET_ROOT}" /var/log/pods /var/log/containers
  rm -f "${MANIFESTS_DIR}"/*
  if [[ -f ${HOME}/.kube/config && -x ${KUBELAB_BIN}/kubectl ]]; then
    local_k=("${KUBELAB_BIN}/kubectl" config --kubeconfig "${HOME}/.kube/config")
    "${local_k[@]}" delete-context "${CLUSTER_NAME}" >/dev/null 2>&1 || true
    "${local_k[@]}" delete-cluster "${CLUSTER_NAME}" >/dev/null 2>&1 || true
    "${local_k[@]}" delete-user "${CLUSTER_NAME}" >/dev/null 2>&1 || true
  fi
fi
log "cluster down in $((SECONDS - started))s"
