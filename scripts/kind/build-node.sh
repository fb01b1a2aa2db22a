#!/usr/bin/env bash
# Builds a kind node image for one Kubernetes version, offline, as `kind build node-image` does:
# the base image (build-base.sh) plus kubeadm, kubelet and kubectl in /usr/bin, /kind/version,
# kind's default-storage manifest (local-path as StorageClass `standard`), and every image the
# cluster and the labs need preloaded into containerd's content store (k8s.io namespace):
# kube-apiserver, kube-controller-manager, kube-scheduler, kube-proxy and etcd made from the
# project's own binaries, and the archives of scripts/images (pause, coredns, local-path, lab
# images).
#
# CNI: kind's kindnetd is not on the Go module proxy (sigs.k8s.io/kind/images/kindnetd is a nested
# module without tags; the proxy answers 403 for its commits), so the node image carries a static
# bridge CNI config instead (/etc/cni/net.d/10-kubelab.conflist: bridge + host-local on the node's
# pod CIDR 10.244.0.0/24 + portmap, Debian's plugins), and up.sh creates the cluster with
# `disableDefaultCNI: true`. Single node only: a second node would need routes kindnetd adds.
#
# Cached: the image is tagged localhost/kubelab/kind-node:<version> and labelled with the hash of
# its inputs; the same inputs make this a no-op.
#
# usage: scripts/kind/build-node.sh [VERSION]   (default v1.37.2; prints the image ref)
set -euo pipefail

KUBELAB_K8S_VERSION="${1:-${KUBELAB_K8S_VERSION:-v1.37.2}}"
# shellcheck source=scripts/kind/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
require_root
lock node-image

IMAGES_SCRIPTS="${REPO_ROOT}/scripts/images"
STORAGE_TEMPLATE="${REPO_ROOT}/scripts/cluster/addons/20-local-path-storage.yaml"
# Where local-path puts volumes on the node (kind's own provisioner uses the same directory).
LOCAL_PATH_DIR=/var/local-path-provisioner
POD_CIDR=10.244.0.0/24
NODE_ENV="${KIND_CACHE}/node-${KUBELAB_K8S_VERSION}.env"

command -v buildah >/dev/null || die "buildah is missing: run scripts/kind/install.sh"
base_ref=$(bash "${KIND_SCRIPTS_DIR}/build-base.sh")
bash "${REPO_ROOT}/scripts/cluster/build.sh" >/dev/null
bash "${REPO_ROOT}/scripts/cluster/build.sh" kubeadm >/dev/null
[[ -n $(find "${IMAGES_ARCHIVE_DIR}" -maxdepth 1 -name '*.oci.tar') ]] || bash "${IMAGES_SCRIPTS}/build.sh"

# The images kubeadm runs for this version, e.g. registry.k8s.io/etcd:3.7.0-0.
mapfile -t kubeadm_images < <("${KUBELAB_BIN}/kubeadm" config images list --kubernetes-version "${KUBELAB_K8S_VERSION}" 2>/dev/null)
image_for() { printf '%s\n' "${kubeadm_images[@]}" | grep -m1 "/$1:" || die "kubeadm lists no $1 image"; }
etcd_ref=$(image_for etcd)
etcd_version=$("${KUBELAB_BIN}/etcd" --version | awk '/etcd Version:/ {print $3}')
# kubeadm's etcd tag is <etcd version>-<image revision>; ours must hold that same etcd.
[[ ${etcd_ref##*:} == "${etcd_version}"-* ]] || etcd_ref="${etcd_ref%:*}:${etcd_version}-0"
mapfile -t archives < <(bash "${IMAGES_SCRIPTS}/list.sh" --archives | cut -f2)
coredns_ref=$(bash "${IMAGES_SCRIPTS}/list.sh" | grep -m1 /coredns/)
local_path_ref=$(bash "${IMAGES_SCRIPTS}/list.sh" | grep -m1 /local-path-provisioner:)
busybox_ref=$(bash "${IMAGES_SCRIPTS}/list.sh" | grep -m1 /busybox:)
pause_ref=$(bash "${IMAGES_SCRIPTS}/list.sh" | grep -m1 /pause:)

binary_sums=$(cd "${KUBELAB_BIN}" && sha256sum kubeadm kubelet kubectl kube-apiserver kube-controller-manager kube-scheduler kube-proxy etcd)
archive_keys=$(cat "${archives[@]/%/.key}" 2>/dev/null || printf '%s\n' "${archives[@]}")
key=$(hash_inputs "${BASH_SOURCE[0]}" "${STORAGE_TEMPLATE}" -- "${base_ref}" "${binary_sums}" "${archive_keys}" "${kubeadm_images[*]}")
ref="${NODE_IMAGE_REPO}:${KUBELAB_K8S_VERSION}"

write_env() {
  # What up.sh needs to know of this image: kubeadm patches for the tags we ship.
  cat >"${NODE_ENV}" <<EOF
NODE_IMAGE=${ref}
ETCD_TAG=${etcd_ref##*:}
COREDNS_TAG=${coredns_ref##*:}
EOF
}

if image_exists "${ref}" && [[ $(podman image inspect --format '{{index .Labels "io.kubelab.key"}}' "${ref}") == "${key}" ]]; then
  log "node image ${ref} already built (key ${key})"
  write_env
  printf '%s\n' "${ref}"
  exit 0
fi

started=${SECONDS}
work="${KIND_CACHE}/work/node-${KUBELAB_K8S_VERSION}"
base_rootfs="${KIND_CACHE}/work/base-${base_ref##*:}/rootfs"
build_ctr=
containerd_pid=
cleanup() {
  [[ -z ${containerd_pid} ]] || { kill "${containerd_pid}" 2>/dev/null || true; wait "${containerd_pid}" 2>/dev/null || true; }
  [[ -z ${build_ctr} ]] || buildah rm "${build_ctr}" >/dev/null 2>&1 || true
}
trap cleanup EXIT
trap 'die "node image build failed (exit $?) at line ${LINENO}: ${BASH_COMMAND}"' ERR
rm -rf "${work}"
mkdir -p "${work}/layers" "${work}/images"

# ocipack (scripts/images/ocipack) packs a directory into an OCI layer and layers into an archive.
ocipack="${IMAGES_ARCHIVE_DIR}/work/bin/ocipack"
if [[ ! -x ${ocipack} ]]; then
  mkdir -p "$(dirname "${ocipack}")"
  (cd "${IMAGES_SCRIPTS}/ocipack" && CGO_ENABLED=0 go build -trimpath -o "${ocipack}" .)
fi

# pack_image REF CONFIG_JSON DIR...: one layer per DIR, into ${work}/images/<name>.oci.tar.
pack_image() {
  local image_ref=$1 config=$2 layers=() dir name
  shift 2
  name=$(printf '%s' "${image_ref}" | tr '/:' '__')
  for dir in "$@"; do
    chown -R -h 0:0 "${dir}"
    "${ocipack}" layer -o "${work}/layers/${name}-$(basename "${dir}").tar.gz" "${dir}" >/dev/null
    layers+=("${work}/layers/${name}-$(basename "${dir}").tar.gz")
  done
  "${ocipack}" image -o "${work}/images/${name}.oci.tar" -ref "${image_ref}" -config "${config}" "${layers[@]}" >/dev/null
}

# binary_image REF BINARY [BASE_DIR]: the binary as /usr/local/bin/<name>, its entrypoint.
binary_image() {
  local image_ref=$1 bin=$2 base=${3:-} dir
  dir="${work}/stage/$(basename "${bin}")/bin"
  mkdir -p "${dir}/usr/local/bin"
  install -m 0755 "${bin}" "${dir}/usr/local/bin/"
  jq -n --arg bin "/usr/local/bin/$(basename "${bin}")" \
    '{Entrypoint: [$bin], Env: ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"]}' \
    >"${dir}.json"
  if [[ -n ${base} ]]; then
    pack_image "${image_ref}" "${dir}.json" "${base}" "${dir}"
  else
    pack_image "${image_ref}" "${dir}.json" "${dir}"
  fi
}

# kube-proxy needs iptables (its iptables mode runs iptables-save/-restore): a distroless-style
# root with the xtables binaries, their libraries and modules, conntrack, and a shell, copied
# from the base rootfs with their shared-library closure. It uses the legacy backend, the one the
# node's entrypoint picks on a new node (no rules in either backend yet, see select_iptables).
iptables_root() {
  local root="${work}/stage/kube-proxy/iptables" files=() f lib
  [[ -d ${base_rootfs} ]] || {
    mkdir -p "${base_rootfs}"
    local tmp
    tmp=$(podman create "${base_ref}" true)
    podman export "${tmp}" | tar -x -C "${base_rootfs}"
    podman rm "${tmp}" >/dev/null
  }
  mkdir -p "${root}"
  files=(/usr/sbin/xtables-legacy-multi /usr/sbin/xtables-nft-multi /usr/sbin/conntrack /bin/dash
    /usr/lib/x86_64-linux-gnu/xtables)
  for f in "${files[@]}"; do
    mkdir -p "${root}$(dirname "${f}")"
    cp -a "${base_rootfs}${f}" "${root}${f}"
  done
  # Shared-library closure of every ELF copied, resolved inside the base rootfs.
  while read -r lib; do
    [[ -n ${lib} && ! -e ${root}${lib} ]] || continue
    mkdir -p "${root}$(dirname "${lib}")"
    cp -aL "${base_rootfs}${lib}" "${root}${lib}"
  done < <(find "${root}" -type f \( -perm -u+x -o -name '*.so' \) -printf '/%P\n' |
    xargs chroot "${base_rootfs}" ldd 2>/dev/null | awk '/=> \// {print $3} /^\t\/lib64/ {print $1}' | sort -u)
  ln -s dash "${root}/bin/sh"
  for f in iptables iptables-save iptables-restore ip6tables ip6tables-save ip6tables-restore; do
    ln -s xtables-legacy-multi "${root}/usr/sbin/${f}"
  done
  mkdir -p "${root}/run" "${root}/tmp" "${root}/var/run" "${root}/etc"
  printf '%s\n' "${root}"
}

log "images from the ${KUBELAB_K8S_VERSION} binaries"
for component in kube-apiserver kube-controller-manager kube-scheduler; do
  binary_image "$(image_for "${component}")" "${KUBELAB_BIN}/${component}"
done
binary_image "$(image_for kube-proxy)" "${KUBELAB_BIN}/kube-proxy" "$(iptables_root)"
binary_image "${etcd_ref}" "${KUBELAB_BIN}/etcd"

log "node image from ${base_ref}"
build_ctr=$(buildah from --pull-never "${base_ref}")
mnt=$(buildah mount "${build_ctr}")
install -m 0755 "${KUBELAB_BIN}/kubeadm" "${KUBELAB_BIN}/kubelet" "${KUBELAB_BIN}/kubectl" "${mnt}/usr/bin/"
printf '%s' "${KUBELAB_K8S_VERSION}" >"${mnt}/kind/version"
mkdir -p "${mnt}/kind/manifests"
sed -e "s|__LOCAL_PATH_DIR__|${LOCAL_PATH_DIR}|g" -e "s|__LOCAL_PATH_IMAGE__|${local_path_ref}|g" \
  -e "s|__BUSYBOX_IMAGE__|${busybox_ref}|g" "${STORAGE_TEMPLATE}" >"${mnt}/kind/manifests/default-storage.yaml"
sed -i "s|sandbox_image = .*|sandbox_image = \"${pause_ref}\"|" "${mnt}/etc/containerd/config.toml"
cat >"${mnt}/etc/cni/net.d/10-kubelab.conflist" <<EOF
{
  "cniVersion": "0.4.0",
  "name": "kubelab",
  "plugins": [
    {
      "type": "bridge",
      "bridge": "cni0",
      "isGateway": true,
      "ipMasq": true,
      "hairpinMode": true,
      "ipam": { "type": "host-local", "ranges": [[{ "subnet": "${POD_CIDR}" }]], "routes": [{ "dst": "0.0.0.0/0" }] }
    },
    { "type": "portmap", "capabilities": { "portMappings": true } }
  ]
}
EOF

# Preload: a containerd of our own on the host (own root, state and socket, no CRI) imports every
# archive without unpacking, as kind's node-image build does; the node's containerd unpacks on
# first use. Its content store and metadata become the image's /var/lib/containerd.
log "preloading ${#archives[@]} archives and the control-plane images into containerd (k8s.io)"
croot="${work}/containerd"
cstate="/run/kubelab-kind-build-$$"
mkdir -p "${croot}" "${cstate}"
cat >"${work}/containerd.toml" <<EOF
version = 2
root = "${croot}"
state = "${cstate}"
disabled_plugins = ["io.containerd.grpc.v1.cri"]
[grpc]
  address = "${cstate}/containerd.sock"
EOF
containerd --config "${work}/containerd.toml" >"${work}/containerd.log" 2>&1 &
containerd_pid=$!
# A daemon's socket has no event to wait on: ask it, up to 10 s, and say why when it never answers.
ready=0
for _ in $(seq 50); do
  ctr --address "${cstate}/containerd.sock" version >/dev/null 2>&1 && { ready=1; break; }
  kill -0 "${containerd_pid}" 2>/dev/null || break
  sleep 0.2
done
((ready)) || die "the build's containerd (${work}/containerd.toml) did not answer on" \
  "${cstate}/containerd.sock within 10 s; its log ends with: $(tail -n 5 "${work}/containerd.log")"
kctr() { ctr --address "${cstate}/containerd.sock" -n k8s.io "$@"; }
for archive in "${archives[@]}" "${work}"/images/*.oci.tar; do
  kctr images import --no-unpack --platform linux/amd64 "${archive}" >/dev/null
done
kctr images list -q | sort >"${work}/preloaded.txt"
# Pinned: kept from the kubelet's image garbage collection (no registry to pull them back from).
# ctr 1.6 has no `import --label`.
while read -r image; do
  kctr images label "${image}" io.cri-containerd.pinned=pinned >/dev/null
done <"${work}/preloaded.txt"
kill "${containerd_pid}"
wait "${containerd_pid}" || true
containerd_pid=
rm -rf "${cstate}"
mkdir -p "${mnt}/var/lib/containerd"
cp -a "${croot}/io.containerd.content.v1.content" "${croot}/io.containerd.metadata.v1.bolt" "${mnt}/var/lib/containerd/"
log "preloaded: $(paste -sd' ' "${work}/preloaded.txt")"

buildah umount "${build_ctr}" >/dev/null
buildah config --label "io.kubelab.key=${key}" --label "io.kubelab.k8s-version=${KUBELAB_K8S_VERSION}" "${build_ctr}"
buildah commit --quiet "${build_ctr}" "${ref}" >/dev/null
write_env
rm -rf "${work}"
log "built ${ref} in $((SECONDS - started))s"
printf '%s\n' "${ref}"
