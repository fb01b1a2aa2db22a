#!/usr/bin/env bash
# Proves the running cluster does what the labs rely on, in a throwaway namespace:
# an imported image runs, CoreDNS answers for services and headless StatefulSet pods, a PVC
# on the default StorageClass binds, a Service VIP reaches its pod, a static pod gets its
# mirror pod, a container over its memory limit is OOMKilled, and pods cannot reach other
# hosts. Exits non-zero at the first failure. Needs root for the static pod manifest.
set -euo pipefail

# shellcheck source=scripts/cluster/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
require_root

NS="kubelab-smoke-$$"
STATIC="${MANIFESTS_DIR}/kubelab-smoke-$$.yaml"
WAIT=90s # a pod start on an idle node takes seconds; 90 s tolerates a loaded 2-core host
BUSYBOX=docker.io/library/busybox:1.35
started=${SECONDS}

cleanup() {
  rm -f "${STATIC}"
  kctl delete namespace "${NS}" --wait=false >/dev/null 2>&1 || true
}
trap cleanup EXIT

check() { log "ok: $*"; }
in_client() { kctl -n "${NS}" exec client -- "$@"; }

kctl create namespace "${NS}" >/dev/null
kctl -n "${NS}" apply -f - >/dev/null <<YAML
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  clusterIP: None
  selector: {app: web}
  ports: [{port: 80}]
---
apiVersion: v1
kind: Service
metadata: {name: web-vip}
spec:
  selector: {app: web}
  ports: [{port: 80}]
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: web}
spec:
  serviceName: web
  replicas: 1
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
        - name: web
          image: ${BUSYBOX}
          command: [sh, -c, "echo hello > /www/index.html && exec httpd -f -p 80 -h /www"]
          volumeMounts: [{name: data, mountPath: /www}]
  volumeClaimTemplates:
    - metadata: {name: data}
      spec:
        accessModes: [ReadWriteOnce]
        resources: {requests: {storage: 16Mi}}
---
apiVersion: v1
kind: Pod
metadata: {name: client}
spec:
  containers:
    - name: client
      image: ${BUSYBOX}
      command: [sleep, "3600"]
---
apiVersion: v1
kind: Pod
metadata: {name: oom}
spec:
  restartPolicy: Never
  containers:
    - name: hog
      image: ${BUSYBOX}
      command: [sh, -c, "head -c 200m /dev/zero | tail > /dev/null"]
      resources: {limits: {memory: 50Mi}}
YAML

kctl -n "${NS}" wait --for=condition=Ready pod/client --timeout="${WAIT}" >/dev/null
check "busybox pod runs from the imported image"

kctl -n "${NS}" wait --for=create pod/web-0 --timeout="${WAIT}" >/dev/null
kctl -n "${NS}" wait --for=condition=Ready pod/web-0 --timeout="${WAIT}" >/dev/null
kctl -n "${NS}" wait --for=jsonpath='{.status.phase}'=Bound pvc/data-web-0 --timeout="${WAIT}" >/dev/null
check "PVC data-web-0 Bound on StorageClass $(kctl -n "${NS}" get pvc data-web-0 -o jsonpath='{.spec.storageClassName}')"

in_client nslookup "kubernetes.default.svc.${CLUSTER_DOMAIN}" | grep -q "Address: ${SERVICE_IP}"
check "kubernetes.default.svc.${CLUSTER_DOMAIN} resolves to ${SERVICE_IP}"
web_ip=$(kctl -n "${NS}" get pod web-0 -o jsonpath='{.status.podIP}')
in_client nslookup "web-0.web.${NS}.svc.${CLUSTER_DOMAIN}" | grep -q "Address: ${web_ip}"
check "web-0.web.${NS}.svc.${CLUSTER_DOMAIN} resolves to ${web_ip}"
[[ $(in_client wget -qO- "http://web-vip.${NS}.svc.${CLUSTER_DOMAIN}/") == hello ]]
check "Service VIP web-vip reaches web-0"

if in_client ping -c 1 -W 2 192.0.2.1 >/dev/null 2>&1; then
  die "a pod reached 192.0.2.1: traffic leaves the machine"
fi
check "pods cannot reach other hosts"

cat >"${STATIC}" <<YAML
apiVersion: v1
kind: Pod
metadata: {name: smoke-static, namespace: ${NS}}
spec:
  containers:
    - name: sleep
      image: ${BUSYBOX}
      command: [sleep, "3600"]
YAML
kctl -n "${NS}" wait --for=create "pod/smoke-static-${NODE_NAME}" --timeout="${WAIT}" >/dev/null
kctl -n "${NS}" wait --for=condition=Ready "pod/smoke-static-${NODE_NAME}" --timeout="${WAIT}" >/dev/null
check "static pod ${STATIC} shows up as mirror pod smoke-static-${NODE_NAME}"
rm -f "${STATIC}"

kctl -n "${NS}" wait --for=jsonpath='{.status.phase}'=Failed pod/oom --timeout="${WAIT}" >/dev/null
reason=$(kctl -n "${NS}" get pod oom -o jsonpath='{.status.containerStatuses[0].state.terminated.reason}')
[[ ${reason} == OOMKilled ]] || die "pod oom terminated with ${reason:-nothing}, expected OOMKilled"
check "container over its 50Mi limit reported OOMKilled"

log "smoke test passed in $((SECONDS - started))s"
