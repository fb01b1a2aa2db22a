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

# podman's CNI backend keeps its networks (kind's `kind` network among them) in /etc/cni/net.d by
# default, a directory any CNI user on the host may write (earlier versions of the project's own
# cluster did; podman then listed their 10-kubelab.conflist as a network). A directory of podman's
# own keeps kind's network apart from everything else.
PODMAN_CONF=/etc/containers/containers.conf.d/50-kubelab-kind.conf
PODMAN_CNI_DIR=/etc/containers/cni/net.d
# Rootful podman also raises every container's open-file and process limits (nofile 1048576,
# nproc 4194304), which needs CAP_SYS_RESOURCE (this VM withholds it): the runtime then fails with
# "setrlimit `RLIMIT_NOFILE`: Operation not permitted". Containers get the host's hard nofile, and
# an nproc no higher than kernel.pid_max (measured here: 32768 = pid_max starts, 32769 and the
# shell's own hard 96367 fail with "error setting rlimit type 6: operation not permitted").
nofile=$(ulimit -Hn)
nproc=$(ulimit -Hu)
pid_max=$(</proc/sys/kernel/pid_max)
[[ ${nproc} != unlimited ]] && ((nproc <= pid_max)) || nproc=${pid_max}
# crun (Debian's default OCI runtime for podman) refuses hybrid cgroup hosts ("cgroups in hybrid
# mode not supported, drop all controllers from cgroupv2": cgroup v1 here, plus a cgroup2 mount
# with the hugetlb controller); runc runs on them.
podman_conf=$(printf '# Written by kubelab scripts/kind/install.sh.\n[containers]\ndefault_ulimits = ["nofile=%s:%s", "nproc=%s:%s"]\n\n[engine]\nruntime = "runc"\n\n[network]\nnetwork_config_dir = "%s"\n' \
  "${nofile}" "${nofile}" "${nproc}" "${nproc}" "${PODMAN_CNI_DIR}")
if [[ ! -f ${PODMAN_CONF} || $(<"${PODMAN_CONF}") != "${podman_conf}" ]]; then
  log "podman: networks in ${PODMAN_CNI_DIR}, apart from the project cluster's /etc/cni/net.d; runtime runc, nofile ${nofile}, nproc ${nproc} (${PODMAN_CONF})"
  mkdir -p "$(dirname "${PODMAN_CONF}")" "${PODMAN_CNI_DIR}"
  printf '%s\n' "${podman_conf}" >"${PODMAN_CONF}"
fi

# kind mounts the host's /lib/modules into its nodes read-only; a kernel with everything built in
# (as on this VM) has none, and podman refuses to mount a missing path.
if [[ ! -d /lib/modules ]]; then
  log "creating an empty /lib/modules (kind mounts it into the node; this kernel has no modules dir)"
  mkdir -p /lib/modules
fi

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
