#!/usr/bin/env bash
# Brings up the kubelab single-node cluster: containerd, etcd, the control plane, the
# kubelet and kube-proxy as processes owned by these scripts, then CoreDNS and the
# local-path provisioner. Idempotent: a running cluster is left as is, the leftovers of a
# run that died are cleaned first.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "${SCRIPT_DIR}/../.." && pwd)"
# shellcheck source=scripts/cluster/lib.sh
source "${SCRIPT_DIR}/lib.sh"
# shellcheck source=scripts/cluster/pki.sh
source "${SCRIPT_DIR}/pki.sh"
# shellcheck source=scripts/cluster/config.sh
source "${SCRIPT_DIR}/config.sh"
# shellcheck source=scripts/cluster/teardown.sh
source "${SCRIPT_DIR}/teardown.sh"
# shellcheck source=scripts/cluster/ownership.sh
source "${SCRIPT_DIR}/ownership.sh"
name_failures up.sh

IMAGES_FILE="${KUBELAB_IMAGES_FILE:-${REPO_ROOT}/labs/images.yaml}"
# How long each stage may take before up.sh gives up and shows the component's log.
PROCESS_TIMEOUT=60 # a component process answering its health endpoint
NODE_TIMEOUT=120   # node registered and Ready (CNI config, first status update)
ADDON_TIMEOUT=180  # CoreDNS and local-path-provisioner rolled out

# fail <component> <message>: shows the end of the component's log and exits.
fail() {
  local component=$1 file
  shift
  file=$(log_file "${component}")
  if [[ -f ${file} ]]; then
    log "last lines of ${file}:"
    tail -n 40 "${file}" >&2
  fi
  die "${component}: $*"
}

start_component() {
  local component=$1 file
  shift
  file=$(log_file "${component}")
  [[ ! -f ${file} ]] || mv -f "${file}" "${file}.prev"
  log "starting ${component}"
  # The lock's descriptor is closed for it: a daemon must not hold the lock.
  if [[ ${component} == kube-scheduler || ${component} == kube-controller-manager ]]; then
    # Started again if it exits on its own (supervise.sh writes its pid file).
    rm -f "$(pid_file "${component}")"
    : >"${file}"
    setsid nohup bash "${SCRIPT_DIR}/supervise.sh" "$(pid_file "${component}")" "${file}" "$@" \
      >/dev/null 2>&1 </dev/null {lock_fd}>&- &
    echo $! >"$(supervisor_pid_file "${component}")"
    return
  fi
  # A background child of a non-interactive shell is no process group leader, so setsid
  # does not fork and $! is the component's own pid.
  setsid nohup "$@" >"${file}" 2>&1 </dev/null {lock_fd}>&- &
  echo $! >"$(pid_file "${component}")"
}

# wait_healthy <component> <url> [curl options]: curl's own retries, no sleep loop.
wait_healthy() {
  local component=$1 url=$2
  shift 2
  if ! curl -fsS -o /dev/null --max-time 5 --retry "${PROCESS_TIMEOUT}" --retry-all-errors \
    --retry-delay 1 --retry-max-time "${PROCESS_TIMEOUT}" "$@" "${url}" 2>/dev/null; then
    component_pid "${component}" >/dev/null || fail "${component}" "exited during startup"
    fail "${component}" "not healthy at ${url} after ${PROCESS_TIMEOUT}s"
  fi
  component_pid "${component}" >/dev/null || fail "${component}" "exited during startup"
}

# containerd has no HTTP health endpoint; its gRPC Version call over the socket answers
# once it serves (curl speaks HTTP/2 to the unix socket).
wait_containerd() {
  wait_healthy containerd http://localhost/containerd.services.version.v1.Version/Version \
    --unix-socket "${CONTAINERD_SOCK}" --http2-prior-knowledge -X POST \
    -H 'content-type: application/grpc' -H 'te: trailers' --data-binary ''
}

# image_ref <pattern>: the one image reference in labs/images.yaml matching the pattern.
image_ref() {
  local ref
  ref=$(grep -oE "$1" "${IMAGES_FILE}" | head -n 1)
  [[ -n ${ref} ]] || die "no image matching $1 in ${IMAGES_FILE}"
  printf '%s\n' "${ref}"
}

# wait_fresh_ready <description> <timeout> <time field> <kubectl get args...>
# Watches the objects and returns once one has its Ready condition True with the given
# time field (lastHeartbeatTime for nodes, lastTransitionTime for pods) at or after
# ${kubelet_since}: a pod or node marked Ready by a previous run does not count.
wait_fresh_ready() {
  local what=$1 timeout=$2 field=$3 name status stamp watcher rc=1
  shift 3
  log "waiting for ${what}"
  local jsonpath='{.metadata.name} {.status.conditions[?(@.type=="Ready")].status} '
  jsonpath+="{.status.conditions[?(@.type==\"Ready\")].${field}}{\"\\n\"}"
  exec {watch_fd}< <(exec timeout "${timeout}" "${KUBELAB_BIN}/kubectl" --kubeconfig "${ADMIN_KUBECONFIG}" \
    get "$@" --watch --output jsonpath="${jsonpath}" 2>/dev/null)
  watcher=$!
  while read -r -u "${watch_fd}" name status stamp; do
    if [[ ${status} == True && ! ${stamp} < ${kubelet_since} ]]; then
      rc=0
      break
    fi
  done
  kill "${watcher}" 2>/dev/null || true
  exec {watch_fd}<&-
  return "${rc}"
}

all_running() {
  local component
  for component in "${COMPONENTS[@]}"; do
    component_pid "${component}" >/dev/null || return 1
  done
}

# Host networking the cluster relies on, plus the safety nets that keep pod and service
# traffic on this machine.
setup_host_network() {
  sysctl -qw net.ipv4.ip_forward=1
  [[ -e /proc/sys/net/bridge/bridge-nf-call-iptables ]] ||
    die "br_netfilter is missing (/proc/sys/net/bridge): kube-proxy needs it for pod-to-service traffic"
  sysctl -qw net.bridge.bridge-nf-call-iptables=1 net.bridge.bridge-nf-call-ip6tables=1

  # Service VIPs route to a local interface that drops them (like kube-proxy ipvs's
  # kube-ipvs0), so a VIP kube-proxy has not NATed never leaves through the default route.
  # A dummy link when the kernel has one, else an empty bridge (same effect).
  if ! ip link show "${DUMMY_IF}" >/dev/null 2>&1; then
    ip link add "${DUMMY_IF}" type dummy 2>/dev/null || ip link add "${DUMMY_IF}" type bridge
  fi
  ip link set "${DUMMY_IF}" up
  ip route replace "${SERVICE_CIDR}" dev "${DUMMY_IF}"
  # Pod addresses beyond this node's podCIDR do not exist: unreachable, not the default route.
  ip route replace unreachable "${CLUSTER_CIDR}"

  # Pods may talk to each other and to this host, never open connections to other hosts.
  iptables-restore --noflush <<RULES
*filter
:KUBELAB-EGRESS - [0:0]
-I FORWARD 1 -m comment --comment "kubelab: pods never reach other hosts" -j KUBELAB-EGRESS
-A KUBELAB-EGRESS -m conntrack --ctstate RELATED,ESTABLISHED -j RETURN
-A KUBELAB-EGRESS -d ${CLUSTER_CIDR} -j RETURN
-A KUBELAB-EGRESS -s ${CLUSTER_CIDR} -j REJECT --reject-with icmp-net-prohibited
COMMIT
RULES
}

apply_addons() {
  local coredns local_path busybox file
  coredns=$(image_ref 'registry\.k8s\.io/coredns/coredns:[A-Za-z0-9._-]+')
  local_path=$(image_ref '(docker\.io/)?rancher/local-path-provisioner:[A-Za-z0-9._-]+')
  busybox=$(image_ref '(docker\.io/library/)?busybox:[A-Za-z0-9._-]+')
  for file in "${SCRIPT_DIR}"/addons/*.yaml; do
    printf -- '---\n'
    sed -e "s|__COREDNS_IMAGE__|${coredns}|g" -e "s|__LOCAL_PATH_IMAGE__|${local_path}|g" \
      -e "s|__BUSYBOX_IMAGE__|${busybox}|g" -e "s|__DNS_IP__|${DNS_IP}|g" \
      -e "s|__CLUSTER_DOMAIN__|${CLUSTER_DOMAIN}|g" -e "s|__LOCAL_PATH_DIR__|${LOCAL_PATH_DIR}|g" "${file}"
  done | kctl apply --server-side --force-conflicts --field-manager=kubelab -f - >/dev/null
}

# merge_user_kubeconfig adds the kubelab cluster, user and context to ~/.kube/config,
# keeping every other context; kubelab becomes current only when nothing is.
merge_user_kubeconfig() {
  local ip=$1 file="${HOME}/.kube/config"
  mkdir -p "${HOME}/.kube"
  kubeconfig_entries "${file}" "https://${ip}:6443" admin "${CLUSTER_NAME}"
  if ! "${KUBELAB_BIN}/kubectl" config --kubeconfig "${file}" current-context >/dev/null 2>&1; then
    "${KUBELAB_BIN}/kubectl" config --kubeconfig "${file}" use-context "${CLUSTER_NAME}" >/dev/null
  fi
  chmod 600 "${file}"
}

start_control_plane() {
  local ip=$1
  start_component etcd "${KUBELAB_BIN}/etcd" \
    --name=kubelab --data-dir="${ETCD_DATA}" \
    --listen-client-urls=https://127.0.0.1:2379 --advertise-client-urls=https://127.0.0.1:2379 \
    --listen-peer-urls=https://127.0.0.1:2380 --initial-advertise-peer-urls=https://127.0.0.1:2380 \
    --initial-cluster=kubelab=https://127.0.0.1:2380 --listen-metrics-urls=http://127.0.0.1:2381 \
    --cert-file="${PKI_DIR}/etcd-server.crt" --key-file="${PKI_DIR}/etcd-server.key" \
    --trusted-ca-file="${PKI_DIR}/etcd-ca.crt" --client-cert-auth=true \
    --peer-cert-file="${PKI_DIR}/etcd-server.crt" --peer-key-file="${PKI_DIR}/etcd-server.key" \
    --peer-trusted-ca-file="${PKI_DIR}/etcd-ca.crt" --peer-client-cert-auth=true \
    --snapshot-count=10000 --log-level=warn
  wait_healthy etcd http://127.0.0.1:2381/health

  start_component kube-apiserver "${KUBELAB_BIN}/kube-apiserver" \
    --advertise-address="${ip}" --bind-address=0.0.0.0 --secure-port=6443 \
    --etcd-servers=https://127.0.0.1:2379 --etcd-cafile="${PKI_DIR}/etcd-ca.crt" \
    --etcd-certfile="${PKI_DIR}/apiserver-etcd-client.crt" --etcd-keyfile="${PKI_DIR}/apiserver-etcd-client.key" \
    --tls-cert-file="${PKI_DIR}/apiserver.crt" --tls-private-key-file="${PKI_DIR}/apiserver.key" \
    --client-ca-file="${PKI_DIR}/ca.crt" \
    --authorization-mode=Node,RBAC \
    --enable-admission-plugins=NamespaceLifecycle,LimitRanger,ServiceAccount,DefaultStorageClass,DefaultTolerationSeconds,Priority,MutatingAdmissionWebhook,ValidatingAdmissionWebhook,ResourceQuota,NodeRestriction \
    --allow-privileged=true \
    --service-cluster-ip-range="${SERVICE_CIDR}" \
    --service-account-issuer="https://kubernetes.default.svc.${CLUSTER_DOMAIN}" \
    --service-account-key-file="${PKI_DIR}/sa.pub" --service-account-signing-key-file="${PKI_DIR}/sa.key" \
    --kubelet-client-certificate="${PKI_DIR}/apiserver-kubelet-client.crt" \
    --kubelet-client-key="${PKI_DIR}/apiserver-kubelet-client.key" \
    --kubelet-certificate-authority="${PKI_DIR}/ca.crt" \
    --kubelet-preferred-address-types=InternalIP,Hostname \
    --requestheader-client-ca-file="${PKI_DIR}/front-proxy-ca.crt" \
    --requestheader-allowed-names=front-proxy-client \
    --requestheader-username-headers=X-Remote-User --requestheader-group-headers=X-Remote-Group \
    --requestheader-extra-headers-prefix=X-Remote-Extra- \
    --proxy-client-cert-file="${PKI_DIR}/front-proxy-client.crt" \
    --proxy-client-key-file="${PKI_DIR}/front-proxy-client.key" \
    --enable-aggregator-routing=true \
    --shutdown-send-retry-after=true \
    --profiling=false
}

start_node_and_controllers() {
  local ip=$1
  local -a auth=(
    --client-ca-file="${PKI_DIR}/ca.crt" --requestheader-client-ca-file="${PKI_DIR}/front-proxy-ca.crt"
  )
  start_component kube-controller-manager "${KUBELAB_BIN}/kube-controller-manager" \
    --kubeconfig="${CONF_DIR}/controller-manager.kubeconfig" \
    --authentication-kubeconfig="${CONF_DIR}/controller-manager.kubeconfig" \
    --authorization-kubeconfig="${CONF_DIR}/controller-manager.kubeconfig" \
    "${auth[@]}" --bind-address=127.0.0.1 --secure-port=10257 \
    --tls-cert-file="${PKI_DIR}/controller-manager-server.crt" \
    --tls-private-key-file="${PKI_DIR}/controller-manager-server.key" \
    --cluster-name="${CLUSTER_NAME}" --leader-elect=false \
    --allocate-node-cidrs=true --cluster-cidr="${CLUSTER_CIDR}" --node-cidr-mask-size=24 \
    --service-cluster-ip-range="${SERVICE_CIDR}" \
    --cluster-signing-cert-file="${PKI_DIR}/ca.crt" --cluster-signing-key-file="${PKI_DIR}/ca.key" \
    --root-ca-file="${PKI_DIR}/ca.crt" --service-account-private-key-file="${PKI_DIR}/sa.key" \
    --use-service-account-credentials=true --controllers='*,bootstrapsigner,tokencleaner' \
    --profiling=false

  start_component kube-scheduler "${KUBELAB_BIN}/kube-scheduler" \
    --kubeconfig="${CONF_DIR}/scheduler.kubeconfig" \
    --authentication-kubeconfig="${CONF_DIR}/scheduler.kubeconfig" \
    --authorization-kubeconfig="${CONF_DIR}/scheduler.kubeconfig" \
    "${auth[@]}" --bind-address=127.0.0.1 --secure-port=10259 \
    --tls-cert-file="${PKI_DIR}/scheduler-server.crt" --tls-private-key-file="${PKI_DIR}/scheduler-server.key" \
    --leader-elect=false --profiling=false

  start_component kubelet "${KUBELAB_BIN}/kubelet" \
    --config="${CONF_DIR}/kubelet.yaml" --kubeconfig="${CONF_DIR}/kubelet.kubeconfig" \
    --hostname-override="${NODE_NAME}" --node-ip="${ip}"

  start_component kube-proxy "${KUBELAB_BIN}/kube-proxy" \
    --kubeconfig="${CONF_DIR}/kube-proxy.kubeconfig" --hostname-override="${NODE_NAME}" \
    --proxy-mode=iptables --cluster-cidr="${CLUSTER_CIDR}" --nodeport-addresses=primary \
    --bind-address=0.0.0.0 --healthz-bind-address=127.0.0.1:10256 --metrics-bind-address=127.0.0.1:10249 \
    --conntrack-max-per-core=0 --conntrack-tcp-timeout-established=0 --conntrack-tcp-timeout-close-wait=0
}

import_images() {
  [[ ${KUBELAB_SKIP_IMAGES:-0} == 1 ]] && { log "KUBELAB_SKIP_IMAGES=1: not importing images"; return; }
  CONTAINERD_ADDRESS="${CONTAINERD_SOCK}" bash "${REPO_ROOT}/scripts/images/import.sh" ||
    die "scripts/images/import.sh failed"
}

# restart-component.sh sources this file for its functions only.
[[ ${BASH_SOURCE[0]} == "$0" ]] || return 0

started=${SECONDS}
# up.sh clears the leftovers of an earlier run (teardown): only on a node that is the project's.
require_own_cluster "start kubelab's cluster (it clears leftovers of earlier runs first)"
require_root
lock_cluster
# Before any change: a run that fails halfway leaves a node that down.sh may still clean.
write_owner_marker

bash "${SCRIPT_DIR}/install-deps.sh"
bash "${SCRIPT_DIR}/build.sh"
[[ -f ${IMAGES_FILE} ]] || die "${IMAGES_FILE} is missing: it names the images the cluster runs"
if [[ ${KUBELAB_SKIP_IMAGES:-0} != 1 ]]; then
  [[ -f ${REPO_ROOT}/scripts/images/build.sh && -f ${REPO_ROOT}/scripts/images/import.sh ]] ||
    die "scripts/images/build.sh and import.sh are needed to provide the images (no registry is reachable)"
  bash "${REPO_ROOT}/scripts/images/build.sh" || die "scripts/images/build.sh failed"
fi

ip=$(node_ip)
addons_applied=0
# Status written by a kubelet that ran before this one (a cluster brought down and up
# again) is stale: readiness counts only when stamped at or after this time.
kubelet_since=""
log "node ${NODE_NAME} at ${ip}, Kubernetes ${KUBELAB_K8S_VERSION}, state in ${KUBELAB_STATE}"

if all_running; then
  running_version=$(cat "${RUNNING_VERSION_FILE}" 2>/dev/null || echo unknown)
  [[ ${running_version} == "${KUBELAB_K8S_VERSION}" ]] ||
    die "the cluster runs Kubernetes ${running_version}, not ${KUBELAB_K8S_VERSION}: run npm run cluster:down first (each version keeps its own etcd data)"
  log "cluster processes already running; checking readiness"
  # Images added to labs/images.yaml since the last start are imported now.
  import_images
else
  teardown
  mkdir -p "${RUN_DIR}" "${LOG_DIR}" "${CONF_DIR}" "${ETCD_DATA}" "${LOCAL_PATH_DIR}" "${MANIFESTS_DIR}"
  chmod 700 "${ETCD_DATA}"
  printf '%s\n' "${KUBELAB_K8S_VERSION}" >"${RUNNING_VERSION_FILE}"
  make_pki "${ip}"
  make_kubeconfigs "${ip}"
  write_containerd_config "$(image_ref 'registry\.k8s\.io/pause:[A-Za-z0-9._-]+')"
  write_cni_config
  write_kubelet_config
  setup_host_network

  start_component containerd /usr/bin/containerd --config "${CONF_DIR}/containerd.toml"
  start_control_plane "${ip}"
  wait_containerd
  import_images
  wait_healthy kube-apiserver https://127.0.0.1:6443/readyz --cacert "${PKI_DIR}/ca.crt"
  apply_addons
  addons_applied=1
  kubelet_since=$(date -u +%Y-%m-%dT%H:%M:%SZ)
  start_node_and_controllers "${ip}"
  wait_healthy kube-controller-manager https://127.0.0.1:10257/healthz --cacert "${PKI_DIR}/ca.crt"
  wait_healthy kube-scheduler https://127.0.0.1:10259/healthz --cacert "${PKI_DIR}/ca.crt"
  wait_healthy kubelet http://127.0.0.1:10248/healthz
  wait_healthy kube-proxy http://127.0.0.1:10256/healthz
fi

kctl wait --for=create "node/${NODE_NAME}" --timeout="${NODE_TIMEOUT}s" >/dev/null ||
  fail kubelet "node ${NODE_NAME} did not register"
kctl label node "${NODE_NAME}" --overwrite node-role.kubernetes.io/control-plane= >/dev/null
wait_fresh_ready "node ${NODE_NAME} to be Ready" "${NODE_TIMEOUT}" lastHeartbeatTime node "${NODE_NAME}" ||
  fail kubelet "node ${NODE_NAME} is not Ready after ${NODE_TIMEOUT}s"
# The CNI config hands out ${POD_CIDR}; the node IPAM controller must have given the node
# that same range (the first /24 of the cluster CIDR, as this is the only node).
if ! kctl wait --for=jsonpath='{.spec.podCIDR}'="${POD_CIDR}" "node/${NODE_NAME}" \
  --timeout="${NODE_TIMEOUT}s" >/dev/null; then
  fail kube-controller-manager "node podCIDR is $(kctl get node "${NODE_NAME}" -o jsonpath='{.spec.podCIDR}'), the CNI config uses ${POD_CIDR}"
fi

((addons_applied)) || apply_addons
kctl -n default wait --for=create serviceaccount/default --timeout="${ADDON_TIMEOUT}s" >/dev/null ||
  fail kube-controller-manager "the default ServiceAccount was not created"
wait_fresh_ready "a CoreDNS pod to be Ready" "${ADDON_TIMEOUT}" lastTransitionTime \
  pods -n kube-system -l k8s-app=kube-dns || fail kubelet "CoreDNS is not Ready after ${ADDON_TIMEOUT}s"
wait_fresh_ready "local-path-provisioner to be Ready" "${ADDON_TIMEOUT}" lastTransitionTime \
  pods -n local-path-storage -l app=local-path-provisioner ||
  fail kubelet "local-path-provisioner is not Ready after ${ADDON_TIMEOUT}s"
kctl get storageclass standard >/dev/null || die "StorageClass standard is missing"

merge_user_kubeconfig "${ip}"
log "cluster up in $((SECONDS - started))s: kubectl --context ${CLUSTER_NAME} get nodes (kubeconfig ${ADMIN_KUBECONFIG})"
