#!/usr/bin/env bash
# Configuration files of the node components, written by up.sh on every start.

# has_cap_sys_resource: whether this process may lower OOM scores (CAP_SYS_RESOURCE, bit
# 24). Sandboxed hosts (some VMs, containers) drop it.
has_cap_sys_resource() {
  local eff
  eff=$(awk '/^CapEff:/ {print $2}' /proc/self/status)
  (((0x${eff} >> 24) & 1))
}

write_containerd_config() {
  local pause_image=$1 restrict_oom=false
  # Without CAP_SYS_RESOURCE runc cannot give the sandbox its oom_score_adj of -998 and
  # every pod fails to start; containerd then clamps scores to its own instead.
  if ! has_cap_sys_resource; then
    log "no CAP_SYS_RESOURCE: containers keep oom_score_adj >= containerd's (restrict_oom_score_adj)"
    restrict_oom=true
  fi
  cat >"${CONF_DIR}/containerd.toml" <<TOML
# Written by scripts/cluster/up.sh; containerd runs as a process the scripts own.
version = 2
root = "${CONTAINERD_ROOT}"
state = "${CONTAINERD_STATE}"
disabled_plugins = [
  "io.containerd.snapshotter.v1.aufs",
  "io.containerd.snapshotter.v1.btrfs",
  "io.containerd.snapshotter.v1.devmapper",
  "io.containerd.snapshotter.v1.zfs",
  "io.containerd.tracing.processor.v1.otlp",
]

[grpc]
  address = "${CONTAINERD_SOCK}"

[plugins."io.containerd.internal.v1.opt"]
  path = "${CONTAINERD_ROOT}/opt"

[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "${pause_image}"
  restrict_oom_score_adj = ${restrict_oom}
  # Images come from scripts/images (there is no registry to pull from).
  max_concurrent_downloads = 3
  [plugins."io.containerd.grpc.v1.cri".containerd]
    snapshotter = "overlayfs"
    default_runtime_name = "runc"
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
        SystemdCgroup = false
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "${CNI_BIN_DIR}"
    conf_dir = "${CNI_CONF_DIR}"
    max_conf_num = 1
TOML
}

# restore_legacy_cni_dir undoes what earlier versions did to /etc/cni/net.d: removes their
# 10-kubelab.conflist and gives back the other files they renamed *.kubelab-disabled (podman's
# 87-podman-bridge.conflist, kind's network), under their own names, unless that name is taken again.
restore_legacy_cni_dir() {
  local file original
  rm -f "${LEGACY_CNI_CONF_DIR}/10-kubelab.conflist"
  for file in "${LEGACY_CNI_CONF_DIR}"/*.kubelab-disabled; do
    [[ -e ${file} ]] || continue
    original=${file%%.kubelab-disabled*}
    if [[ -e ${original} ]]; then
      log "left ${file}: ${original} exists again; remove one of them"
      continue
    fi
    log "giving back ${original} (an earlier kubelab had renamed it)"
    mv "${file}" "${original}"
  done
}

# The pod network: one bridge, addresses from the node's podCIDR, no masquerading (pods
# never talk to other hosts). containerd sets up each pod's loopback itself.
write_cni_config() {
  restore_legacy_cni_dir
  mkdir -p "${CNI_CONF_DIR}"
  cat >"${CNI_CONF_DIR}/10-kubelab.conflist" <<JSON
{
  "cniVersion": "0.4.0",
  "name": "kubelab",
  "plugins": [
    {
      "type": "bridge",
      "bridge": "cni0",
      "isGateway": true,
      "ipMasq": false,
      "hairpinMode": true,
      "ipam": {
        "type": "host-local",
        "dataDir": "${KUBELAB_STATE}/cni/networks",
        "ranges": [[{ "subnet": "${POD_CIDR}" }]],
        "routes": [{ "dst": "0.0.0.0/0" }]
      }
    },
    { "type": "portmap", "capabilities": { "portMappings": true } }
  ]
}
JSON
}

write_kubelet_config() {
  # No upstream resolvers: pods with dnsPolicy Default get an empty resolv.conf.
  printf '# kubelab: no upstream resolvers, nothing leaves the machine\n' >"${CONF_DIR}/resolv.conf"
  cat >"${CONF_DIR}/kubelet.yaml" <<YAML
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
cgroupDriver: cgroupfs
failCgroupV1: false
containerRuntimeEndpoint: unix://${CONTAINERD_SOCK}
staticPodPath: ${MANIFESTS_DIR}
clusterDNS: [${DNS_IP}]
clusterDomain: ${CLUSTER_DOMAIN}
resolvConf: ${CONF_DIR}/resolv.conf
failSwapOn: false
authentication:
  anonymous:
    enabled: false
  webhook:
    enabled: true
  x509:
    clientCAFile: ${PKI_DIR}/ca.crt
authorization:
  mode: Webhook
tlsCertFile: ${PKI_DIR}/kubelet-server.crt
tlsPrivateKeyFile: ${PKI_DIR}/kubelet-server.key
rotateCertificates: false
serverTLSBootstrap: false
readOnlyPort: 0
healthzBindAddress: 127.0.0.1
healthzPort: 10248
serializeImagePulls: false
# Bounds every pod's processes, so a student's fork bomb stays inside its own pod.
podPidsLimit: 1024
# Images cannot be pulled again (no registry), so image GC never runs; eviction keeps
# small absolute margins instead of percentages of a small disk.
imageGCHighThresholdPercent: 100
imageGCLowThresholdPercent: 99
evictionHard:
  memory.available: 100Mi
  nodefs.available: 1Gi
  nodefs.inodesFree: 5%
  imagefs.available: 1Gi
evictionPressureTransitionPeriod: 30s
YAML
}
