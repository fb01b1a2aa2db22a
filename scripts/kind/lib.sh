#!/usr/bin/env bash
# Shared settings and helpers for the kind scripts (scripts/kind/*.sh).
# shellcheck disable=SC2034 # the settings are used by the scripts that source this file
# Sourced by every script here; not run on its own.

KIND_SCRIPTS_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "${KIND_SCRIPTS_DIR}/../.." && pwd)

# Pinned versions. kind v0.33.0 is the newest release on the Go module proxy
# (`go list -m -versions sigs.k8s.io/kind`, 2026-12-06); crictl follows the newest cri-tools there.
KIND_VERSION="${KUBELAB_KIND_VERSION:-v0.33.0}"
CRICTL_VERSION="${KUBELAB_CRICTL_VERSION:-v1.37.0}"
KUBELAB_K8S_VERSION="${KUBELAB_K8S_VERSION:-v1.37.2}"

KUBELAB_CACHE="${KUBELAB_CACHE:-$HOME/.cache/kubelab}"
KIND_CACHE="${KUBELAB_CACHE}/kind"
KIND_BIN="${KIND_CACHE}/${KIND_VERSION}/bin/kind"
CRICTL_BIN="${KIND_CACHE}/crictl-${CRICTL_VERSION}/crictl"
KUBELAB_BIN="${KUBELAB_CACHE}/k8s-${KUBELAB_K8S_VERSION}/bin"
IMAGES_ARCHIVE_DIR="${KUBELAB_CACHE}/images"
# Debian packages downloaded once, shared with scripts/images (debootstrap --cache-dir).
DEB_CACHE="${KUBELAB_DEB_CACHE:-${IMAGES_ARCHIVE_DIR}/work/debs}"

# The cluster: name `kubelab`, so its context is `kind-kubelab` (kind prefixes `kind-`), and its
# single node container is `kubelab-control-plane`, the node name of the project's own cluster.
KIND_CLUSTER="${KUBELAB_KIND_CLUSTER:-kubelab}"
KIND_CONTEXT="kind-${KIND_CLUSTER}"
# podman is the engine here (no Docker engine runs on this machine); docker works too.
export KIND_EXPERIMENTAL_PROVIDER="${KIND_EXPERIMENTAL_PROVIDER:-podman}"

# Local image names: `localhost/` keeps podman from ever trying a registry.
BASE_IMAGE_REPO="localhost/kubelab/kind-base"
NODE_IMAGE_REPO="localhost/kubelab/kind-node"

# hash_inputs PATH... -- STRING...: the cache key of an image, as scripts/images computes its own.
# shellcheck source=scripts/images/lib/common.sh
source "${REPO_ROOT}/scripts/images/lib/common.sh"

log() { printf '[kind %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

require_root() {
  [[ ${EUID} -eq 0 ]] || die "run as root (podman runs kind's privileged node containers as root)"
}

# lock NAME: one build of NAME at a time on this machine (two builds sharing a work directory
# delete each other's rootfs); waits up to 30 min for the other one, in the kernel.
lock() {
  mkdir -p "${KIND_CACHE}"
  exec {lock_fd}>"${KIND_CACHE}/$1.lock"
  if ! flock -n "${lock_fd}"; then
    log "another $1 build is running; waiting for it"
    flock -w 1800 "${lock_fd}" || die "could not take ${KIND_CACHE}/$1.lock within 30 min"
  fi
}

# image_exists REF: podman has the image locally.
image_exists() { podman image exists "$1"; }

kind_cmd() { "${KIND_BIN}" "$@"; }
kctl() { "${KUBELAB_BIN}/kubectl" --context "${KIND_CONTEXT}" "$@"; }
