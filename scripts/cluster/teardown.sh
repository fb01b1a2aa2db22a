#!/usr/bin/env bash
# Stopping the cluster and removing what it leaves on the host: processes, containers,
# mounts, network namespaces, links, iptables chains and cgroups. Sourced by up.sh (to
# clear the leftovers of a run that died) and down.sh. Every step is idempotent.

STOP_GRACE_SECONDS=10

# pids_of_exe <path>: processes of this mount namespace running that executable (one find; a
# binary replaced while running shows as "<path> (deleted)"). A process in a container (a kind
# node: Debian's /usr/bin/containerd-shim-runc-v2 with -address /run/containerd/containerd.sock,
# the very path and socket of ours) shows the same path from its own mount namespace, and is not
# ours to stop: matching it once SIGKILLed every shim of a kind node on this host.
pids_of_exe() {
  local own pid
  own=$(readlink "/proc/$$/ns/mnt")
  find /proc -mindepth 2 -maxdepth 2 -name exe \( -lname "$1" -o -lname "$1 (deleted)" \) 2>/dev/null |
    cut -d/ -f3 | while read -r pid; do
      [[ $(readlink "/proc/${pid}/ns/mnt" 2>/dev/null) == "${own}" ]] && echo "${pid}"
    done
  return 0
}

# component_pids <component>: every process of the component, including those of a run
# whose pid files are gone, matched on the executable path, never on a bare name. Our
# containerd is the one started with our config file.
component_pids() {
  local component=$1 pid
  for pid in $(pids_of_exe "$(component_exe "${component}")"); do
    if [[ ${component} == containerd ]] &&
      ! tr '\0' ' ' <"/proc/${pid}/cmdline" 2>/dev/null | grep -q -- "${CONF_DIR}/containerd.toml"; then
      continue
    fi
    printf '%s\n' "${pid}"
  done
}

# stop_supervisor <component>: ends the supervise.sh that restarts the component, so stopping the
# component is final.
stop_supervisor() {
  local file pid
  file=$(supervisor_pid_file "$1")
  [[ -f ${file} ]] || return 0
  pid=$(<"${file}")
  if [[ ${pid} =~ ^[0-9]+$ ]] && tr '\0' ' ' <"/proc/${pid}/cmdline" 2>/dev/null | grep -q 'supervise\.sh'; then
    kill -TERM "${pid}" 2>/dev/null || true
  fi
  rm -f "${file}"
}

# stop_components <component>...: SIGTERM to all of them at once, then waits for each to
# exit within a shared grace period and kills what is left.
stop_components() {
  local component pid
  local -a pids=() names=()
  for component in "$@"; do
    stop_supervisor "${component}"
    for pid in $(component_pids "${component}"); do
      log "stopping ${component} (pid ${pid})"
      kill -TERM "${pid}" 2>/dev/null || continue
      pids+=("${pid}")
      names+=("${component}")
    done
    rm -f "$(pid_file "${component}")"
  done
  ((${#pids[@]} > 0)) || return 0
  wait_pids_gone $((SECONDS + STOP_GRACE_SECONDS)) "${pids[@]}"
  local i
  for i in "${!pids[@]}"; do
    kill -0 "${pids[i]}" 2>/dev/null || continue
    log "${names[i]} (pid ${pids[i]}) ignored SIGTERM for ${STOP_GRACE_SECONDS}s, killing it"
    kill -KILL "${pids[i]}" 2>/dev/null || true
  done
  wait_pids_gone $((SECONDS + 5)) "${pids[@]}"
}

# kubepods_pids prints every process in the kubelet's pod cgroups (the containers).
kubepods_pids() {
  local dir
  for dir in /sys/fs/cgroup/pids/kubepods /sys/fs/cgroup/kubepods /sys/fs/cgroup/kubepods.slice; do
    [[ -d ${dir} ]] || continue
    find "${dir}" -name cgroup.procs -exec cat {} + 2>/dev/null
  done | sort -un
}

CONTAINER_GRACE_SECONDS=5

# wait_pids_gone <deadline in $SECONDS> <pid>...: waits (on the processes, not a timer)
# until every pid has exited or the shared deadline passes.
wait_pids_gone() {
  local deadline=$1 pid left
  shift
  for pid in "$@"; do
    left=$((deadline - SECONDS))
    # `timeout 0` would mean no limit at all.
    ((left > 0)) || return 0
    timeout "${left}" tail -s 0.1 --pid="${pid}" -f /dev/null 2>/dev/null || true
  done
}

ctr_k8s() { ctr --address "${CONTAINERD_SOCK}" --namespace k8s.io "$@"; }

# stop_containers: SIGTERM to every container process, a short shared grace period, then
# (while our containerd still runs) delete every task and container it holds, so the next
# start begins with no containers. Without containerd the processes are killed directly.
stop_containers() {
  local -a pids ids
  mapfile -t pids < <(kubepods_pids)
  if ((${#pids[@]} > 0)); then
    log "stopping ${#pids[@]} container processes"
    kill -TERM "${pids[@]}" 2>/dev/null || true
    wait_pids_gone $((SECONDS + CONTAINER_GRACE_SECONDS)) "${pids[@]}"
  fi
  if component_pid containerd >/dev/null; then
    mapfile -t ids < <(ctr_k8s tasks ls -q 2>/dev/null)
    local id
    for id in "${ids[@]}"; do
      ctr_k8s tasks delete --force "${id}" >/dev/null 2>&1 || true
    done
    mapfile -t ids < <(ctr_k8s containers ls -q 2>/dev/null)
    if ((${#ids[@]} > 0)); then
      log "removing ${#ids[@]} containers"
      ctr_k8s containers rm "${ids[@]}" >/dev/null 2>&1 || true
    fi
  fi
  mapfile -t pids < <(kubepods_pids)
  if ((${#pids[@]} > 0)); then
    kill -KILL "${pids[@]}" 2>/dev/null || true
    wait_pids_gone $((SECONDS + 5)) "${pids[@]}"
  fi
}

# Shims of our containerd carry its socket address on their command line. They only
# outlive their tasks when containerd died first; their containers are gone by then.
stop_shims() {
  local pid
  local -a pids=()
  for pid in $(pids_of_exe /usr/bin/containerd-shim-runc-v2); do
    tr '\0' ' ' <"/proc/${pid}/cmdline" 2>/dev/null | grep -q -- "-address ${CONTAINERD_SOCK}" || continue
    pids+=("${pid}")
  done
  ((${#pids[@]} > 0)) || return 0
  log "killing ${#pids[@]} orphaned containerd shims"
  kill -KILL "${pids[@]}" 2>/dev/null || true
  wait_pids_gone $((SECONDS + 5)) "${pids[@]}"
}

# unmount_under <dir>: every mount at or below dir, deepest first.
unmount_under() {
  local dir=$1 target
  findmnt -rn -o TARGET | awk -v d="${dir}" '$0 == d || index($0, d "/") == 1' | sort -r |
    while read -r target; do
      umount "${target}" 2>/dev/null || umount -l "${target}" 2>/dev/null || log "could not unmount ${target}"
    done
}

remove_netns() {
  local ns
  [[ -d /run/netns ]] || return 0
  for ns in /run/netns/cni-*; do
    [[ -e ${ns} ]] || continue
    ip netns delete "${ns##*/}" 2>/dev/null && continue
    # Still mounted in another mount namespace (a container started while the pod ran, e.g. a
    # podman or kind node, holds a copy): unmounted here, the name stays until that one ends.
    umount -l "${ns}" 2>/dev/null || true
    rm -f "${ns}" 2>/dev/null || log "left ${ns}: another mount namespace still holds it"
  done
}

remove_links() {
  local link
  # Host ends of pod veths hang off cni0; they go with their namespace, any left are removed.
  for link in $(ip -o link show master cni0 2>/dev/null | awk -F': ' '{print $2}' | cut -d@ -f1); do
    ip link delete "${link}" 2>/dev/null || true
  done
  for link in cni0 "${DUMMY_IF}"; do
    ip link show "${link}" >/dev/null 2>&1 && ip link delete "${link}"
  done
  ip route del unreachable "${CLUSTER_CIDR}" 2>/dev/null || true
}

# flush_iptables removes every KUBE-*, CNI-* and KUBELAB-* chain and the rules that jump to
# them, in one iptables-restore transaction per table and family.
flush_iptables() {
  local family table
  for family in iptables ip6tables; do
    command -v "${family}-save" >/dev/null || continue
    for table in filter nat mangle raw; do
      "${family}-save" -t "${table}" 2>/dev/null | awk -v table="${table}" '
        /^:(KUBE-|CNI-|KUBELAB-)/ { chain = substr($1, 2); chains[++n] = chain; next }
        /^-A / && ($2 !~ /^(KUBE-|CNI-|KUBELAB-)/) && / -[jg] (KUBE-|CNI-|KUBELAB-)/ {
          sub(/^-A /, "-D "); rules[++m] = $0; next
        }
        END {
          if (n + m == 0) exit
          print "*" table
          for (i = 1; i <= m; i++) print rules[i]
          for (i = 1; i <= n; i++) print "-F " chains[i]
          for (i = 1; i <= n; i++) print "-X " chains[i]
          print "COMMIT"
        }' | {
        local script
        script=$(cat)
        [[ -z ${script} ]] || printf '%s\n' "${script}" | "${family}-restore" --noflush ||
          log "could not clean ${family} table ${table}"
      }
    done
  done
}

remove_cgroups() {
  local dir
  for dir in /sys/fs/cgroup/*/kubepods /sys/fs/cgroup/kubepods; do
    [[ -d ${dir} ]] || continue
    find "${dir}" -depth -type d -exec rmdir {} + 2>/dev/null || true
  done
}

# teardown stops every component and cleans the host. Keeps certificates, etcd data and
# images; down.sh --purge removes those as well.
teardown() {
  # Node agents and controllers first, so nothing restarts the containers being stopped.
  stop_components kube-proxy kubelet kube-scheduler kube-controller-manager
  stop_containers
  stop_components containerd
  stop_shims
  stop_components kube-apiserver
  stop_components etcd

  remove_netns
  unmount_under "${KUBELET_ROOT}"
  unmount_under "${CONTAINERD_STATE}"
  unmount_under "${CONTAINERD_ROOT}"
  unmount_under /run/netns
  remove_links
  flush_iptables
  remove_cgroups
  # Runtime state that only makes sense with running processes.
  rm -rf "${CONTAINERD_STATE}" "${KUBELAB_STATE}/cni" /var/lib/cni/networks/kubelab "${RUN_DIR}"
}
