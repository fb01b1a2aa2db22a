#!/usr/bin/env bash
# Creates the kind cluster `kubelab` (context `kind-kubelab`) with podman, offline, in one command:
# installs kind and podman if missing, builds the base and node images if their inputs changed
# (build-base.sh, build-node.sh), then `kind create cluster`. Idempotent: a running cluster from
# the same node image is left alone.
#
# usage: scripts/kind/up.sh [VERSION]      (default v1.37.2; any version scripts/cluster/build.sh builds)
set -euo pipefail

KUBELAB_K8S_VERSION="${1:-${KUBELAB_K8S_VERSION:-v1.37.2}}"
# shellcheck source=scripts/kind/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
require_root

# How long kind waits for the control plane to be Ready; a cold create under load took ~2 min.
CREATE_WAIT=5m

started=${SECONDS}
bash "${KIND_SCRIPTS_DIR}/install.sh"
node_image=$(bash "${KIND_SCRIPTS_DIR}/build-node.sh" "${KUBELAB_K8S_VERSION}")
# shellcheck source=/dev/null # written by build-node.sh: ETCD_TAG, COREDNS_TAG
source "${KIND_CACHE}/node-${KUBELAB_K8S_VERSION}.env"
node_image_id=$(podman image inspect --format '{{.Id}}' "${node_image}")

node="${KIND_CLUSTER}-control-plane"
if kind_cmd get clusters 2>/dev/null | grep -qx "${KIND_CLUSTER}"; then
  running_image=$(podman inspect --format '{{.Image}}' "${node}" 2>/dev/null || true)
  if [[ ${running_image} == "${node_image_id}" ]] && [[ $(podman inspect --format '{{.State.Running}}' "${node}") == true ]] &&
    kctl get --raw /readyz >/dev/null 2>&1; then
    log "cluster ${KIND_CLUSTER} already runs ${node_image} (context ${KIND_CONTEXT})"
    exit 0
  fi
  log "cluster ${KIND_CLUSTER} exists but is stopped, unreachable or from another image: deleting it"
  kind_cmd delete cluster --name "${KIND_CLUSTER}"
fi

config="${KIND_CACHE}/kind-${KIND_CLUSTER}.yaml"
cat >"${config}" <<EOF
# Written by scripts/kind/up.sh.
kind: Cluster
apiVersion: kind.x-k8s.io/v1alpha4
name: ${KIND_CLUSTER}
networking:
  # kindnetd cannot be built offline (see build-node.sh): the node image carries a bridge CNI.
  disableDefaultCNI: true
  podSubnet: 10.244.0.0/16
  serviceSubnet: 10.96.0.0/12
nodes:
  - role: control-plane
    image: ${node_image}
kubeadmConfigPatches:
  # cgroup v1 hosts: kubelets >= 1.35 refuse to start on cgroup v1 unless told otherwise.
  - |
    kind: KubeletConfiguration
    failCgroupV1: false
  # The image tags the node image preloads (no registry to pull kubeadm's defaults from).
  - |
    kind: ClusterConfiguration
    dns:
      imageTag: ${COREDNS_TAG}
    etcd:
      local:
        imageTag: ${ETCD_TAG}
EOF

log "kind create cluster ${KIND_CLUSTER} from ${node_image} (provider ${KIND_EXPERIMENTAL_PROVIDER})"
create_started=${SECONDS}
kind_cmd create cluster --name "${KIND_CLUSTER}" --config "${config}" --wait "${CREATE_WAIT}" --retain ||
  die "kind create cluster failed; the node container is kept for inspection: podman logs ${node}; podman exec ${node} journalctl -u kubelet; then scripts/kind/down.sh"

# Reach the API server at the node's own address, not through the 127.0.0.1 port mapping (DNAT
# rules in podman's CNI-* chains). From the node itself (its entrypoint records it): podman's own
# record can be empty (seen here once, while a scripts/cluster run on this host flushed every CNI-*
# chain during the create; its down.sh now takes only the chains of its own network).
node_ip=$(podman exec "${node}" cat /kind/old-ipv4) || node_ip=
[[ ${node_ip} =~ ^[0-9.]+$ ]] || die "no IPv4 address recorded in ${node}:/kind/old-ipv4"
"${KUBELAB_BIN}/kubectl" config set-cluster "${KIND_CONTEXT}" --server "https://${node_ip}:6443" >/dev/null

kctl wait --for=condition=Ready node --all --timeout=120s >/dev/null
kctl -n kube-system rollout status deployment/coredns --timeout=120s >/dev/null
kctl -n local-path-storage rollout status deployment/local-path-provisioner --timeout=120s >/dev/null
log "cluster ${KIND_CLUSTER} up (context ${KIND_CONTEXT}, API https://${node_ip}:6443): create $((SECONDS - create_started))s, total $((SECONDS - started))s"
