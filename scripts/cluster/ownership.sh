#!/usr/bin/env bash
# Which Kubernetes node on this machine is the project's own. up.sh writes a marker (the node name
# and this machine's id) before it changes anything; down.sh, down.sh --purge and up.sh's teardown
# of leftovers act only when the marker is there and names this machine, or when no Kubernetes
# node runs here at all. On any other node they refuse, before any destructive step, and touch
# nothing: a student's or a colleague's cluster is never wiped by `npm run cluster:down` or
# `npm run test:ci`. Sourced after lib.sh.

OWNER_MARKER="${KUBELAB_STATE}/owner"

machine_id() {
  cat /etc/machine-id 2>/dev/null || hostname
}

# owner_line: what the marker of a cluster created on this machine holds.
owner_line() {
  printf 'node=%s machine=%s\n' "${NODE_NAME}" "$(machine_id)"
}

write_owner_marker() {
  mkdir -p "${KUBELAB_STATE}"
  owner_line >"${OWNER_MARKER}"
}

# kubernetes_signs: one line per sign that a Kubernetes node lives on this machine (any node:
# the project's or another), empty when there is none.
kubernetes_signs() {
  local file pid
  if [[ -d ${KUBELET_ROOT} ]] && [[ -n $(ls -A "${KUBELET_ROOT}" 2>/dev/null) ]]; then
    echo "kubelet state in ${KUBELET_ROOT}"
  fi
  for file in "${MANIFESTS_DIR}"/*; do
    [[ -e ${file} ]] && echo "static pod manifest ${file}"
  done
  local own_mnt mnt
  own_mnt=$(readlink "/proc/$$/ns/mnt" 2>/dev/null) || own_mnt=
  for pid in $(pgrep -x kubelet 2>/dev/null) $(pgrep -x kube-apiserver 2>/dev/null); do
    # A node inside a container (a kind node on podman or docker, minikube's docker driver) runs
    # its kubelet in a mount namespace of its own: its files are not the ones these scripts
    # remove, so it is no sign of a node here. (Without the right to read a process's namespace,
    # as when run unprivileged, the process counts.)
    mnt=$(readlink "/proc/${pid}/ns/mnt" 2>/dev/null) || mnt=
    [[ -n ${own_mnt} && -n ${mnt} && ${mnt} != "${own_mnt}" ]] && continue
    echo "process $(cat "/proc/${pid}/comm" 2>/dev/null) (pid ${pid})"
  done
  return 0
}

# require_own_cluster <what>: returns when <what> (e.g. "down --purge") may act on this machine,
# and exits 1 with a message saying why not otherwise. Run it before anything else.
require_own_cluster() {
  local what=$1 marker signs
  if [[ -f ${OWNER_MARKER} ]]; then
    marker=$(<"${OWNER_MARKER}")
    [[ ${marker} == "$(owner_line)" ]] && return 0
    die "refusing to ${what}: ${OWNER_MARKER} says '${marker}', but this machine is '$(owner_line)'." \
      "This state was not created by scripts/cluster/up.sh on this machine. Nothing was touched."
  fi
  # A cluster started by an up.sh older than the marker: its own processes (pid files under
  # ${RUN_DIR}, executables under ${KUBELAB_BIN}) still run. Mark it as ours.
  if component_pid kube-apiserver >/dev/null || component_pid kubelet >/dev/null; then
    log "marking the running cluster as this project's (its processes are up.sh's): ${OWNER_MARKER}"
    write_owner_marker
    return 0
  fi
  signs=$(kubernetes_signs)
  [[ -z ${signs} ]] && return 0
  log "ERROR: refusing to ${what}: a Kubernetes node runs on this machine, and kubelab's" \
    "scripts did not create it (no ${OWNER_MARKER}). Found:"
  mapfile -t signs <<<"${signs}"
  printf '  %s\n' "${signs[@]}" >&2
  log "Nothing was touched. kubelab works with that cluster as it is: skip cluster:up/down and" \
    "name its context (kubelab --context <name>; KUBELAB_TEST_CONTEXT=<name> npm run test:e2e)."
  exit 1
}
