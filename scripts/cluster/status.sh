#!/usr/bin/env bash
# Shows whether the cluster runs: component processes and health endpoints, the node,
# the addons and the versions. Exits non-zero when something is not running or healthy.
set -uo pipefail

# shellcheck source=scripts/cluster/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

healthy=1
health_url() {
  case $1 in
    etcd) echo http://127.0.0.1:2381/health ;;
    kube-apiserver) echo https://127.0.0.1:6443/readyz ;;
    kube-controller-manager) echo https://127.0.0.1:10257/healthz ;;
    kube-scheduler) echo https://127.0.0.1:10259/healthz ;;
    kubelet) echo http://127.0.0.1:10248/healthz ;;
    kube-proxy) echo http://127.0.0.1:10256/healthz ;;
  esac
}

printf '%-24s %-8s %-9s %s\n' COMPONENT PID HEALTH ENDPOINT
for component in "${COMPONENTS[@]}"; do
  pid=$(component_pid "${component}") || { pid=-; healthy=0; }
  url=$(health_url "${component}")
  if [[ ${component} == containerd ]]; then
    url=${CONTAINERD_SOCK}
    if ctr --address "${url}" --timeout 3s version >/dev/null 2>&1; then health=ok; else health=down; fi
  elif curl -fsS -o /dev/null --max-time 3 --cacert "${PKI_DIR}/ca.crt" "${url}" 2>/dev/null; then
    health=ok
  else
    health=down
  fi
  [[ ${health} == ok ]] || healthy=0
  printf '%-24s %-8s %-9s %s\n' "${component}" "${pid}" "${health}" "${url}"
done
echo

if [[ -f ${ADMIN_KUBECONFIG} ]] && kctl get --raw /readyz >/dev/null 2>&1; then
  kctl get nodes -o wide
  echo
  kctl get pods -n kube-system -o wide
  kctl get pods -n local-path-storage -o wide
  echo
  kctl get storageclass
  echo
  ready=$(kctl get node "${NODE_NAME}" -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}' 2>/dev/null)
  [[ ${ready} == True ]] || healthy=0
  kctl version 2>/dev/null | grep -v Kustomize
else
  echo "API server not reachable with ${ADMIN_KUBECONFIG}"
  healthy=0
fi
echo "etcd:       $("${KUBELAB_BIN}/etcd" --version 2>/dev/null | head -n 1 | awk '{print $3}')"
echo "containerd: $(containerd --version 2>/dev/null | awk '{print $3}')"
echo "runc:       $(runc --version 2>/dev/null | head -n 1 | awk '{print $3}')"
echo "state:      ${KUBELAB_STATE}   cache: ${KUBELAB_BIN}"
echo "kubeconfig: ${ADMIN_KUBECONFIG} (context ${CLUSTER_NAME} in ~/.kube/config)"

if ((healthy)); then
  echo "status: running"
else
  echo "status: NOT healthy"
  exit 1
fi
