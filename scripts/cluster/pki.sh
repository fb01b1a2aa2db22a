#!/usr/bin/env bash
# Certificates and kubeconfigs for the local cluster, made with openssl. Sourced by up.sh.
# Everything lives in ${PKI_DIR} and is reused when present; a serving certificate whose
# SANs no longer hold the node IP is issued again.

CERT_DAYS=3650

# new_key writes an ECDSA P-256 key (fast to make, accepted by every component).
new_key() {
  [[ -f $1 ]] || openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null
  chmod 600 "$1"
}

# new_ca <name> <CN>: a self-signed CA.
new_ca() {
  local name=$1 cn=$2
  [[ -f ${PKI_DIR}/${name}.crt ]] && return
  new_key "${PKI_DIR}/${name}.key"
  openssl req -x509 -new -sha256 -days "${CERT_DAYS}" -subj "/CN=${cn}" \
    -key "${PKI_DIR}/${name}.key" -out "${PKI_DIR}/${name}.crt" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign,digitalSignature"
}

# has_sans <crt> <san>...: whether the certificate's subjectAltName holds every given SAN.
has_sans() {
  local crt=$1 sans
  shift
  [[ -f ${crt} ]] || return 1
  sans=$(openssl x509 -in "${crt}" -noout -ext subjectAltName 2>/dev/null | tr -d ' \n')
  local san
  for san in "$@"; do
    san=${san/IP:/IPAddress:}
    [[ ",${sans#*Name:}," == *",${san},"* ]] || return 1
  done
}

# new_cert <ca> <name> <subject> <client|server|peer> [SAN...]
# Issues ${name}.crt/.key signed by ${ca}. "peer" certificates are both client and server.
new_cert() {
  local ca=$1 name=$2 subject=$3 kind=$4
  shift 4
  local crt=${PKI_DIR}/${name}.crt key=${PKI_DIR}/${name}.key
  if [[ -f ${crt} ]] && { (($# == 0)) || has_sans "${crt}" "$@"; }; then
    return
  fi
  local usage
  case ${kind} in
    client) usage=clientAuth ;;
    server) usage=serverAuth ;;
    peer) usage=serverAuth,clientAuth ;;
    *) die "unknown certificate kind ${kind}" ;;
  esac
  local ext
  ext=$(mktemp)
  {
    echo "basicConstraints=critical,CA:FALSE"
    echo "keyUsage=critical,digitalSignature,keyEncipherment"
    echo "extendedKeyUsage=${usage}"
    if (($# > 0)); then
      local IFS=,
      echo "subjectAltName=$*"
    fi
  } >"${ext}"
  new_key "${key}"
  openssl req -new -sha256 -subj "${subject}" -key "${key}" 2>/dev/null |
    openssl x509 -req -sha256 -days "${CERT_DAYS}" -CA "${PKI_DIR}/${ca}.crt" -CAkey "${PKI_DIR}/${ca}.key" \
      -CAcreateserial -extfile "${ext}" -out "${crt}" 2>/dev/null
  rm -f "${ext}"
}

# make_pki issues every certificate the cluster needs (idempotent).
make_pki() {
  local ip=$1
  mkdir -p "${PKI_DIR}"
  chmod 700 "${PKI_DIR}"

  new_ca ca kubelab-ca
  new_ca front-proxy-ca kubelab-front-proxy-ca
  new_ca etcd-ca kubelab-etcd-ca

  if [[ ! -f ${PKI_DIR}/sa.key ]]; then
    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "${PKI_DIR}/sa.key" 2>/dev/null
    openssl pkey -in "${PKI_DIR}/sa.key" -pubout -out "${PKI_DIR}/sa.pub" 2>/dev/null
    chmod 600 "${PKI_DIR}/sa.key"
  fi

  new_cert ca apiserver "/CN=kube-apiserver" server \
    "IP:${SERVICE_IP}" "IP:${ip}" IP:127.0.0.1 DNS:localhost DNS:kubernetes DNS:kubernetes.default \
    DNS:kubernetes.default.svc "DNS:kubernetes.default.svc.${CLUSTER_DOMAIN}" "DNS:${NODE_NAME}"
  new_cert ca apiserver-kubelet-client "/CN=kube-apiserver-kubelet-client" client
  new_cert front-proxy-ca front-proxy-client "/CN=front-proxy-client" client
  new_cert etcd-ca etcd-server "/CN=kubelab-etcd" peer IP:127.0.0.1 DNS:localhost
  new_cert etcd-ca apiserver-etcd-client "/CN=kube-apiserver-etcd-client" client

  new_cert ca admin "/O=system:masters/CN=kubelab-admin" client
  new_cert ca controller-manager "/CN=system:kube-controller-manager" client
  new_cert ca controller-manager-server "/CN=kube-controller-manager" server IP:127.0.0.1 DNS:localhost
  new_cert ca scheduler "/CN=system:kube-scheduler" client
  new_cert ca scheduler-server "/CN=kube-scheduler" server IP:127.0.0.1 DNS:localhost
  new_cert ca kube-proxy "/CN=system:kube-proxy" client
  new_cert ca kubelet-client "/O=system:nodes/CN=system:node:${NODE_NAME}" client
  new_cert ca kubelet-server "/CN=${NODE_NAME}" server \
    "DNS:${NODE_NAME}" DNS:localhost "IP:${ip}" IP:127.0.0.1
  rm -f "${PKI_DIR}"/*.srl
}

# kubeconfig_entries <file> <server> <cert name> <user>: sets the cluster, the user (with
# embedded certificates) and the context named ${CLUSTER_NAME} in a kubeconfig, keeping
# whatever else the file holds.
kubeconfig_entries() {
  local file=$1 server=$2 cert=$3 user=$4
  local -a k=("${KUBELAB_BIN}/kubectl" config --kubeconfig "${file}")
  "${k[@]}" set-cluster "${CLUSTER_NAME}" --server "${server}" \
    --certificate-authority "${PKI_DIR}/ca.crt" --embed-certs >/dev/null
  "${k[@]}" set-credentials "${user}" --client-certificate "${PKI_DIR}/${cert}.crt" \
    --client-key "${PKI_DIR}/${cert}.key" --embed-certs >/dev/null
  "${k[@]}" set-context "${CLUSTER_NAME}" --cluster "${CLUSTER_NAME}" --user "${user}" >/dev/null
}

# make_kubeconfig <file> <server> <cert name> [user]: a kubeconfig of its own.
make_kubeconfig() {
  local file=$1 server=$2 cert=$3 user=${4:-$3}
  rm -f "${file}.tmp"
  kubeconfig_entries "${file}.tmp" "${server}" "${cert}" "${user}"
  "${KUBELAB_BIN}/kubectl" config --kubeconfig "${file}.tmp" use-context "${CLUSTER_NAME}" >/dev/null
  chmod 600 "${file}.tmp"
  mv "${file}.tmp" "${file}"
}

make_kubeconfigs() {
  local ip=$1
  mkdir -p "${CONF_DIR}"
  make_kubeconfig "${ADMIN_KUBECONFIG}" "https://${ip}:6443" admin "${CLUSTER_NAME}"
  make_kubeconfig "${CONF_DIR}/controller-manager.kubeconfig" https://127.0.0.1:6443 controller-manager
  make_kubeconfig "${CONF_DIR}/scheduler.kubeconfig" https://127.0.0.1:6443 scheduler
  make_kubeconfig "${CONF_DIR}/kubelet.kubeconfig" "https://${ip}:6443" kubelet-client
  make_kubeconfig "${CONF_DIR}/kube-proxy.kubeconfig" "https://${ip}:6443" kube-proxy
}
