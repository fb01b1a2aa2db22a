#!/usr/bin/env bash
# OCI createContainer hook (containerd's base runtime spec): gives each pod container the
# node's own fake product_name/product_uuid, so nodes on one host do not share the host's.
set -euo pipefail
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
bundle=$(jq -r .bundle)
rootfs="${bundle:?}/rootfs"
cp /kind/product_* "${rootfs}/"
for target in /sys/class/dmi/id/product_name /sys/class/dmi/id/product_uuid /sys/devices/virtual/dmi/id/product_uuid; do
  [[ -f ${target} ]] || continue
  mount -o ro,bind "${rootfs}/$(basename "${target}")" "${rootfs}${target}"
done
