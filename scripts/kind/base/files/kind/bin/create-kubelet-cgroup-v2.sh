#!/usr/bin/env bash
# cgroup v2 only, run by the kubelet unit after systemd started: enables every available
# controller for the root, /kubelet and /kubelet.slice, so the kubelet can use them.
set -euo pipefail
[[ -f /sys/fs/cgroup/cgroup.controllers ]] || { echo 'not a cgroup v2 host' >&2; exit 1; }
if grep -qv '^0$' /sys/fs/cgroup/cgroup.procs; then
  echo 'the root cgroup still holds processes: cannot write its subtree_control' >&2
  exit 1
fi
delegate() { sed -e 's/ / +/g' -e 's/^/+/' <"/sys/fs/cgroup/$1/cgroup.controllers" >"/sys/fs/cgroup/$1/cgroup.subtree_control"; }
delegate /
for group in kubelet kubelet.slice; do
  mkdir -p "/sys/fs/cgroup/${group}"
  delegate "/${group}"
done
