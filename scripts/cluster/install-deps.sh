#!/usr/bin/env bash
# Installs the Debian packages the local cluster needs. Idempotent and quiet:
# packages already installed are left alone.
set -euo pipefail

# shellcheck source=scripts/cluster/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
require_root

PACKAGES=(
  containerd runc containernetworking-plugins
  iptables conntrack socat ethtool iproute2 ebtables kmod
  curl openssl ca-certificates util-linux procps psmisc
)

missing=()
for pkg in "${PACKAGES[@]}"; do
  dpkg-query -W -f '${Status}' "${pkg}" 2>/dev/null | grep -q 'install ok installed' || missing+=("${pkg}")
done

if ((${#missing[@]} == 0)); then
  log "all packages present"
else
  log "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Debian's containerd package enables a systemd unit; up.sh runs its own containerd, so a
# unit started by the package (where systemd runs) must not hold the socket.
if command -v systemctl >/dev/null && systemctl is-active --quiet containerd 2>/dev/null; then
  log "stopping and disabling the packaged containerd service (up.sh runs its own)"
  systemctl disable --now containerd >/dev/null 2>&1 || true
fi

# overlayfs (containerd's snapshotter) and br_netfilter (kube-proxy sees bridged pod
# traffic) may be modules or built in.
grep -qw overlay /proc/filesystems || modprobe overlay || die "overlayfs is not available"
[[ -d /proc/sys/net/bridge ]] || modprobe br_netfilter || die "br_netfilter is not available"
