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
  local dir=$1
  findmnt -rn -o TARGET | awk -v d="${dir}" '$0 == d || index($0, d "/") == 1' | unmount_targets
}

# unmount_targets unmounts the mount points read on stdin, deepest first.
unmount_targets() {
  local target
  sort -r | while read -r target; do
    umount "${target}" 2>/dev/null || umount -l "${target}" 2>/dev/null || log "could not unmount ${target}"
  done
}

# unmount_pod_netns unmounts what is left of our pods' network namespaces (containerd names them
# /run/netns/cni-*), never /run/netns itself nor another tool's entries there: podman keeps its
# containers' namespaces (netns-*) in the same directory, and unmounting those cuts a running
# container, a kind node included, off its network.
unmount_pod_netns() {
  findmnt -rn -o TARGET | awk 'index($0, "/run/netns/cni-") == 1' | unmount_targets
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

# flush_iptables removes this cluster's chains and the rules that jump to them, in one
# iptables-restore transaction per table and family, and nothing of another CNI user's (podman's
# containers, a kind node's port mappings share the CNI-* namespace on this host):
# - KUBE-* (kube-proxy, the kubelet) and KUBELAB-* (up.sh) chains are ours: this host runs no other
#   node (ownership.sh refuses to start next to one; a kind node's kube-proxy lives in its own netns);
# - a CNI-* chain is ours when a rule that jumps to it carries the network's name, `name: "kubelab"`
#   (the bridge plugin's masquerade chain, the portmap plugin's CNI-DN-* chain of one pod);
# - rules carrying that name go, wherever they are (our pods' lines in CNI-HOSTPORT-DNAT);
# - the shared chains the plugins create on first use (CNI-HOSTPORT-*, CNI-FORWARD, CNI-ADMIN)
#   and any other chain stay, with every rule that is not ours.
flush_iptables() {
  local family table
  for family in iptables ip6tables; do
    command -v "${family}-save" >/dev/null || continue
    for table in filter nat mangle raw; do
      "${family}-save" -t "${table}" 2>/dev/null | awk -v table="${table}" '
        function jump(rule,   m) { return match(rule, / -[jg] [^ ]+/) ? substr(rule, RSTART + 4, RLENGTH - 4) : "" }
        /^:/ { chain = substr($1, 2); order[++n] = chain; if (chain ~ /^(KUBE-|KUBELAB-)/) ours[chain] = 1; next }
        /^-A / {
          lines[++m] = $0
          if (index($0, "name: \\\"kubelab\\\"") > 0) { named[m] = 1; target = jump($0); if (target ~ /^CNI-/ && target !~ /^CNI-(HOSTPORT-|FORWARD$|ADMIN$)/) ours[target] = 1 }
        }
        END {
          out = 0
          for (i = 1; i <= m; i++) {
            split(lines[i], f, " ")
            if (f[2] in ours) continue
            if (named[i] || (jump(lines[i]) in ours)) { sub(/^-A /, "-D ", lines[i]); drop[++d] = lines[i] }
          }
          for (i = 1; i <= n; i++) if (order[i] in ours) gone[++g] = order[i]
          if (d + g == 0) exit
          print "*" table
          for (i = 1; i <= d; i++) print drop[i]
          for (i = 1; i <= g; i++) print "-F " gone[i]
          for (i = 1; i <= g; i++) print "-X " gone[i]
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
  unmount_pod_netns
  remove_links
  flush_iptables
  remove_cgroups
  # Runtime state that only makes sense with running processes.
  rm -rf "${CONTAINERD_STATE}" "${KUBELAB_STATE}/cni" /var/lib/cni/networks/kubelab "${RUN_DIR}"
}
