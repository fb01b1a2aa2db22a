#!/usr/bin/env bash
# Installs what the kind cluster needs: podman (and buildah) from Debian when missing, kind and
# crictl from the Go module proxy into the cache. Idempotent: what is there is left alone.
#
# usage: scripts/kind/install.sh
set -euo pipefail

# shellcheck source=scripts/kind/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
require_root

# podman runs the node containers (kind's podman provider), buildah is not needed by kind but
# podman-docker gives the `docker` command kind users type; uidmap/slirp4netns are podman's own
# recommends that its rootful CNI mode does not need.
PACKAGES=(podman podman-docker containernetworking-plugins debootstrap jq)
missing=()
for pkg in "${PACKAGES[@]}"; do
  dpkg-query -W -f '${Status}' "${pkg}" 2>/dev/null | grep -q 'install ok installed' || missing+=("${pkg}")
done
if ((${#missing[@]} > 0)); then
  log "installing ${missing[*]} (apt)"
  export DEBIAN_FRONTEND=noninteractive
  apt-cache policy podman | grep -q 'Candidate: [0-9]' || apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
log "$(podman --version)"

# go_install_into BIN MODULE@VERSION: `go install` with GOBIN pointing at BIN's directory.
go_install_into() {
  local bin=$1 pkg=$2
  if [[ -x ${bin} ]]; then
    return
  fi
  command -v go >/dev/null || die "go is required to install ${pkg}"
  log "go install ${pkg} (from the Go module proxy)"
  mkdir -p "$(dirname "${bin}")"
  (cd / && GOBIN=$(dirname "${bin}") CGO_ENABLED=0 GOFLAGS=-buildvcs=false nice -n 10 go install -trimpath -ldflags "-s -w" "${pkg}") ||
    die "go install ${pkg} failed (its error is above)"
  [[ -x ${bin} ]] || die "go install ${pkg} did not produce ${bin}"
}

go_install_into "${KIND_BIN}" "sigs.k8s.io/kind@${KIND_VERSION}"
go_install_into "${CRICTL_BIN}" "sigs.k8s.io/cri-tools/cmd/crictl@${CRICTL_VERSION}"
log "$("${KIND_BIN}" version), crictl ${CRICTL_VERSION} in ${KIND_CACHE}"
