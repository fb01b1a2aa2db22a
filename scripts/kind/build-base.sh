#!/usr/bin/env bash
# Builds kind's base image offline, from Debian packages: a bookworm rootfs (debootstrap from the
# machine's apt mirror) with systemd, containerd, runc, the CNI plugins, iptables and the tools
# kind's base image installs, crictl from the Go module proxy, and kind's node files written for
# kubelab (scripts/kind/base/files: entrypoint, systemd units, containerd config). Imported into
# podman as localhost/kubelab/kind-base:<key>, the key being a hash of every input, so a second
# run with the same inputs is a no-op.
#
# usage: scripts/kind/build-base.sh      (prints the image ref on stdout)
set -euo pipefail

# shellcheck source=scripts/kind/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
require_root
lock base-image

MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
SECURITY_MIRROR="${DEBIAN_SECURITY_MIRROR:-http://deb.debian.org/debian-security}"
FILES_DIR="${KIND_SCRIPTS_DIR}/base/files"

# What kind's base Dockerfile installs from Debian, plus the runtime it builds from source
# (containerd, runc, CNI plugins: Debian's packages here). Without nfs-common and open-iscsi
# (no lab uses NFS or iSCSI volumes). Keep sorted: the list is part of the cache key.
PACKAGES=(
  bash ca-certificates conntrack containerd containernetworking-plugins curl e2fsprogs ethtool
  fuse-overlayfs iproute2 iptables jq kmod libseccomp2 mount nftables pigz procps runc systemd
  util-linux
)

key=$(hash_inputs "${FILES_DIR}" "${BASH_SOURCE[0]}" -- "${PACKAGES[*]}" "${MIRROR}" "crictl ${CRICTL_VERSION}")
ref="${BASE_IMAGE_REPO}:${key}"
if image_exists "${ref}"; then
  log "base image ${ref} already built"
  printf '%s\n' "${ref}"
  exit 0
fi

command -v debootstrap >/dev/null || die "debootstrap is missing: run scripts/kind/install.sh"

started=${SECONDS}
work="${KIND_CACHE}/work/base-${key}"
rootfs="${work}/rootfs"
rm -rf "${work}"
mkdir -p "${work}" "${DEB_CACHE}"
trap 'die "base image build failed (exit $?) at line ${LINENO}: ${BASH_COMMAND} (log: ${work}/build.log)"' ERR

log "debootstrap bookworm (minbase) from ${MIRROR} into ${rootfs}"
nice -n 10 debootstrap --variant=minbase --cache-dir="${DEB_CACHE}" bookworm "${rootfs}" "${MIRROR}" >"${work}/build.log" 2>&1
cat >"${rootfs}/etc/apt/sources.list" <<EOF
deb ${MIRROR} bookworm main
deb ${MIRROR} bookworm-updates main
deb ${SECURITY_MIRROR} bookworm-security main
EOF
# No service may start inside the build chroot.
printf '#!/bin/sh\nexit 101\n' >"${rootfs}/usr/sbin/policy-rc.d"
chmod 755 "${rootfs}/usr/sbin/policy-rc.d"
find "${rootfs}/var/cache/apt/archives" -maxdepth 1 -name '*.deb' -exec mv -t "${DEB_CACHE}" {} +

log "installing ${#PACKAGES[@]} packages"
# A private mount namespace: nothing stays mounted if this dies.
# shellcheck disable=SC2016 # expanded by the inner bash
unshare --mount --propagation private bash -euo pipefail -c '
  rootfs=$1 debs=$2; shift 2
  mount -t proc proc "${rootfs}/proc"
  mount --bind /dev "${rootfs}/dev"
  mount --bind "${debs}" "${rootfs}/var/cache/apt/archives"
  export DEBIAN_FRONTEND=noninteractive LC_ALL=C
  chroot "${rootfs}" apt-get update -q
  chroot "${rootfs}" apt-get -y -q -o Dpkg::Options::=--force-confold upgrade
  chroot "${rootfs}" apt-get -y -q -o Dpkg::Options::=--force-confold install --no-install-recommends "$@"
' build-base "${rootfs}" "${DEB_CACHE}" "${PACKAGES[@]}" >>"${work}/build.log" 2>&1
rm -f "${rootfs}/usr/sbin/policy-rc.d"

log "kind's node files, crictl, systemd units"
cp -a "${FILES_DIR}/." "${rootfs}/"
chown -R 0:0 "${rootfs}/kind" "${rootfs}/usr/local/bin" "${rootfs}/etc/systemd/system" "${rootfs}/etc/containerd"
# Modes as kind's Dockerfile sets them (COPY --chmod), whatever the checkout's modes and umask.
find "${FILES_DIR}" -type f -printf '%P\n' | while read -r file; do
  case ${file} in
    usr/local/bin/* | kind/bin/*) chmod 0755 "${rootfs}/${file}" ;;
    *) chmod 0644 "${rootfs}/${file}" ;;
  esac
done
# containerd's shims in /usr/local/bin, where kind's own image has them (containerd finds them on
# its PATH). From the host, a node's processes look like the host's own: Debian's
# /usr/bin/containerd-shim-runc-v2 with `-address /run/containerd/containerd.sock` is what
# scripts/cluster's teardown (before its mount-namespace check) SIGKILLed as its own.
for shim in "${rootfs}"/usr/bin/containerd-shim*; do
  mv "${shim}" "${rootfs}/usr/local/bin/"
done
[[ -x ${CRICTL_BIN} ]] || bash "${KIND_SCRIPTS_DIR}/install.sh" >&2
install -m 0755 "${CRICTL_BIN}" "${rootfs}/usr/local/bin/crictl"
# containerd's CNI directory as upstream images have it; Debian's plugins live in /usr/lib/cni.
mkdir -p "${rootfs}/opt/cni/bin" "${rootfs}/etc/cni/net.d" "${rootfs}/etc/kubernetes/manifests"
for plugin in "${rootfs}"/usr/lib/cni/*; do
  ln -sf "/usr/lib/cni/$(basename "${plugin}")" "${rootfs}/opt/cni/bin/"
done
# containerd's default OCI spec with the product-files hook, without rlimits (kind's cri-base).
chroot "${rootfs}" ctr oci spec |
  jq '.hooks.createContainer += [{"path": "/kind/bin/mount-product-files.sh"}] | del(.process.rlimits)' \
    >"${rootfs}/etc/containerd/cri-base.json"
# systemd in a container: no udev, no getty, no tmpfiles-setup (it fights the bind mounts).
find "${rootfs}/lib/systemd/system/sysinit.target.wants/" -name systemd-tmpfiles-setup.service -delete
rm -f "${rootfs}"/lib/systemd/system/multi-user.target.wants/* "${rootfs}"/etc/systemd/system/*.wants/* \
  "${rootfs}"/lib/systemd/system/local-fs.target.wants/* "${rootfs}"/lib/systemd/system/sockets.target.wants/*udev* \
  "${rootfs}"/lib/systemd/system/sockets.target.wants/*initctl* "${rootfs}"/lib/systemd/system/basic.target.wants/*
echo 'ReadKMsg=no' >>"${rootfs}/etc/systemd/journald.conf"
ln -sf /lib/systemd/systemd "${rootfs}/sbin/init"
chroot "${rootfs}" systemctl enable kubelet.service containerd.service undo-mount-hacks.service >>"${work}/build.log" 2>&1
chroot "${rootfs}" systemctl mask systemd-binfmt.service >>"${work}/build.log" 2>&1
# Pruned: apt lists, docs, man pages, locales (the image is rebuilt, never upgraded in place).
rm -rf "${rootfs}"/var/lib/apt/lists/* "${rootfs}"/usr/share/doc/* "${rootfs}"/usr/share/man/* \
  "${rootfs}"/usr/share/locale/* "${rootfs}"/var/cache/apt/*.bin "${rootfs}"/var/log/*.log
: >"${rootfs}/etc/machine-id"

log "importing into podman as ${ref}"
tar --numeric-owner --xattrs --xattrs-include='*' -C "${rootfs}" -c . |
  podman import \
    --change 'ENV container=docker' \
    --change 'STOPSIGNAL SIGRTMIN+3' \
    --change 'ENTRYPOINT ["/usr/local/bin/entrypoint", "/sbin/init"]' \
    --message "kubelab kind base ${key}" - "${ref}" >/dev/null
# The rootfs stays: build-node.sh packs the kube-proxy image (which needs iptables) from it.
log "built ${ref} in $((SECONDS - started))s"
# Older base images and their rootfs go: only the current key is ever used again. (A node image
# built on an older base keeps its layers until it is rebuilt.)
for old in $(podman images --format '{{.Repository}}:{{.Tag}}' "${BASE_IMAGE_REPO}"); do
  [[ ${old} == "${ref}" ]] || podman rmi "${old}" >/dev/null 2>&1 || true
done
find "${KIND_CACHE}/work" -maxdepth 1 -name 'base-*' ! -name "base-${key}" -exec rm -rf {} +
printf '%s\n' "${ref}"
