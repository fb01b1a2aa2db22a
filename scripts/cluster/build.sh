#!/usr/bin/env bash
# Builds the Kubernetes components, kubectl and etcd from the Go module proxy into
# ${KUBELAB_CACHE}/k8s-<version>/bin. Skips the build when every binary is there.
#
# usage: build.sh [BINARY...]   (default: the cluster's six commands and etcd; scripts/kind
#                                asks for kubeadm, which this cluster does not use)
set -euo pipefail

# shellcheck source=scripts/cluster/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

K8S_CMDS=(kube-apiserver kube-controller-manager kube-scheduler kubelet kube-proxy kubectl)
BUILD_ETCD=1
if (($# > 0)); then
  K8S_CMDS=()
  BUILD_ETCD=0
  for bin in "$@"; do
    if [[ ${bin} == etcd ]]; then BUILD_ETCD=1; else K8S_CMDS+=("${bin}"); fi
  done
fi
BINARIES=("${K8S_CMDS[@]}")
((BUILD_ETCD == 0)) || BINARIES+=(etcd)

all_built() {
  local bin
  for bin in "${BINARIES[@]}"; do
    [[ -x ${KUBELAB_BIN}/${bin} ]] || return 1
  done
}

if all_built; then
  log "binaries for ${KUBELAB_K8S_VERSION} already in ${KUBELAB_BIN}"
  exit 0
fi

command -v go >/dev/null || die "go is required to build Kubernetes"
[[ ${KUBELAB_K8S_VERSION} =~ ^v1\.([0-9]+)\.([0-9]+)(-[0-9A-Za-z.-]+)?$ ]] ||
  die "KUBELAB_K8S_VERSION must look like v1.34.4, got ${KUBELAB_K8S_VERSION}"
minor=${BASH_REMATCH[1]}
# Staging modules (k8s.io/api, k8s.io/client-go, ...) are tagged v0.<minor>.<patch>.
staging_version="v0${KUBELAB_K8S_VERSION#v1}"

started=${SECONDS}
work_dir="${KUBELAB_CACHE}/k8s-${KUBELAB_K8S_VERSION}/module"
mkdir -p "${work_dir}" "${KUBELAB_BIN}"
export CGO_ENABLED=0 GOFLAGS="-mod=mod -buildvcs=false"

# Any command that fails from here on is named, with its exit status, before the script exits (its
# own error output, if any, is just above).
trap 'die "build failed (exit $?) at line ${LINENO}: ${BASH_COMMAND}"' ERR

log "fetching k8s.io/kubernetes ${KUBELAB_K8S_VERSION} go.mod"
# `go mod download -json` reports its error inside the JSON on stdout, with exit status 1. A
# Kubernetes that needs a newer Go than the machine's (v1.38 needs 1.27) is refused by the machine's
# go even for the download: that one is fetched, and built below, with a toolchain the go command
# takes from the Go module proxy like any module (KUBELAB_GO_TOOLCHAIN, default the approved go1.27.3).
download=$(go mod download -json "k8s.io/kubernetes@${KUBELAB_K8S_VERSION}" 2>&1) ||
  if grep -q 'requires go ' <<<"${download}"; then
    export GOTOOLCHAIN="${KUBELAB_GO_TOOLCHAIN:-go1.27.3}"
    log "k8s.io/kubernetes ${KUBELAB_K8S_VERSION} needs a newer Go than this machine's: fetching it with ${GOTOOLCHAIN} from the module proxy"
    download=$(go mod download -json "k8s.io/kubernetes@${KUBELAB_K8S_VERSION}" 2>&1) || true
  fi
if ! grep -q '"GoMod": ' <<<"${download}" || grep -q '"Error": ' <<<"${download}"; then
  reason=$(sed -n 's/^[[:space:]]*"Error": "\(.*\)",\{0,1\}$/\1/p' <<<"${download}")
  die "could not download k8s.io/kubernetes@${KUBELAB_K8S_VERSION}: ${reason:-${download}}"
fi
upstream_mod=$(sed -n 's/^[[:space:]]*"GoMod": "\(.*\)",$/\1/p' <<<"${download}")
[[ -f ${upstream_mod} ]] || die "k8s.io/kubernetes@${KUBELAB_K8S_VERSION}: no go.mod in: ${download}"

# k8s.io/kubernetes replaces its staging modules with local directories, which is why
# `go install k8s.io/kubernetes/cmd/...@version` is refused. A wrapper module requires
# k8s.io/kubernetes and replaces each staging module with its published version instead.
mapfile -t staging < <(sed -n 's|^[[:space:]]*\(k8s\.io/[^[:space:]]*\) => \./staging/.*|\1|p' "${upstream_mod}")
((${#staging[@]} > 0)) || die "no staging replace directives found in ${upstream_mod}"
go_directive=$(sed -n 's/^go \(.*\)$/\1/p' "${upstream_mod}")
# Every other version builds with the machine's own Go.
local_go=$(GOTOOLCHAIN=local go env GOVERSION)
local_go=${local_go#go}
if [[ $(printf '%s\n%s\n' "${go_directive}" "${local_go}" | sort -V | tail -n 1) != "${local_go}" ]]; then
  export GOTOOLCHAIN="${KUBELAB_GO_TOOLCHAIN:-go1.27.3}"
  log "k8s.io/kubernetes ${KUBELAB_K8S_VERSION} needs Go ${go_directive}, this machine has ${local_go}: building with ${GOTOOLCHAIN} from the module proxy"
fi
godebug=$(sed -n 's/^godebug \(.*\)$/\1/p' "${upstream_mod}")
{
  printf 'module kubelab.local/k8s-build\n\ngo %s\n\n' "${go_directive}"
  [[ -z ${godebug} ]] || printf 'godebug %s\n\n' "${godebug}"
  printf 'require k8s.io/kubernetes %s\n\nreplace (\n' "${KUBELAB_K8S_VERSION}"
  for module in "${staging[@]}"; do
    printf '\t%s => %s %s\n' "${module}" "${module}" "${staging_version}"
  done
  printf ')\n'
} >"${work_dir}/go.mod"
: >"${work_dir}/go.sum"
cd "${work_dir}"

# etcd comes from the same module graph: the server module k8s.io/kubernetes already pins.
etcd_version=$(go list -m -f '{{.Version}}' go.etcd.io/etcd/server/v3)
log "k8s ${KUBELAB_K8S_VERSION} (staging ${staging_version}), etcd ${etcd_version}"
go get "k8s.io/kubernetes@${KUBELAB_K8S_VERSION}" "go.etcd.io/etcd/server/v3@${etcd_version}"

version_vars=(
  "gitVersion=${KUBELAB_K8S_VERSION}"
  "gitMajor=1"
  "gitMinor=${minor}"
  "gitCommit=${KUBELAB_K8S_COMMIT:-}"
  "gitTreeState=clean"
  "buildDate=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
)
ldflags="-s -w"
for var in "${version_vars[@]}"; do
  ldflags+=" -X k8s.io/component-base/version.${var} -X k8s.io/client-go/pkg/version.${var}"
done

packages=()
for cmd in "${K8S_CMDS[@]}"; do
  packages+=("k8s.io/kubernetes/cmd/${cmd}")
done
if ((${#packages[@]} > 0)); then
  log "building ${K8S_CMDS[*]} (cold builds take 15-30 min on 2 cores)"
  go build -trimpath -ldflags "${ldflags}" -o "${KUBELAB_BIN}/" "${packages[@]}"
fi
if ((BUILD_ETCD == 1)); then
  log "building etcd ${etcd_version}"
  go build -trimpath -ldflags "-s -w" -o "${KUBELAB_BIN}/etcd" go.etcd.io/etcd/server/v3
fi

all_built || die "build finished but binaries are missing from ${KUBELAB_BIN}"
log "built ${BINARIES[*]} into ${KUBELAB_BIN} in $((SECONDS - started))s"
