#!/usr/bin/env bash
# The entrypoint may bind a filtered /proc/cgroups (without the misc controller) for systemd's
# sake on cgroup v1; once systemd is up, the kubelet must see the real one.
set -euo pipefail
[[ -f /sys/fs/cgroup/cgroup.controllers ]] && exit 0
umount /proc/cgroups 2>/dev/null || true
