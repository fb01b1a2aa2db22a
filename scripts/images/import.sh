#!/usr/bin/env bash
# Imports the archives built by build.sh into containerd, then checks that every
# ref of labs/images.yaml is listed there. Idempotent: an image whose manifest
# digest already matches its archive is left alone.
#
# usage: scripts/images/import.sh [REF...]   (default: every ref in labs/images.yaml)
#   A REF outside labs/images.yaml is imported from its archive in the same cache, e.g.
#   localhost/kubelab:0.1.0, built by scripts/images/kubelab/build.sh.
#
#   CONTAINERD_ADDRESS  containerd socket (default /run/containerd/containerd.sock)
#   CONTAINERD_NAMESPACE  containerd namespace (default k8s.io, the one the kubelet's CRI reads)
set -euo pipefail
shopt -s inherit_errexit
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

NAMESPACE="${CONTAINERD_NAMESPACE:-k8s.io}"
ctr_() { ctr --address "$CONTAINERD_ADDRESS" -n "$NAMESPACE" "$@"; }

command -v ctr >/dev/null || die "expected ctr on PATH (Debian package containerd); try: apt-get install -y containerd"
[ -S "$CONTAINERD_ADDRESS" ] || die "expected a containerd socket at $CONTAINERD_ADDRESS, found none; start the cluster (scripts/cluster/) or set CONTAINERD_ADDRESS"
ctr_ version >/dev/null || die "containerd at $CONTAINERD_ADDRESS does not answer 'ctr version'; is it running?"

refs=("$@")
[ ${#refs[@]} -gt 0 ] || mapfile -t refs < <(image_refs)
missing=()
for ref in "${refs[@]}"; do
  [ -f "$(archive_path "$ref")" ] || missing+=("$ref")
done
[ ${#missing[@]} -eq 0 ] || die "no archive for: ${missing[*]}; run scripts/images/build.sh (or, for localhost/kubelab, scripts/images/kubelab/build.sh) first (archives go to $ARCHIVE_DIR)"

# digest_in_containerd REF -> manifest digest containerd has for REF, or nothing;
# "<digest> incomplete" when blobs are missing or the layers are not unpacked
# (an interrupted import), which import then repairs.
digest_in_containerd() {
  ctr_ images check "name==$1" 2>/dev/null | awk -v ref="$1" '
    $1 == ref { print $3 ($4 == "complete" && $NF == "true" ? "" : " incomplete") }'
}

for ref in "${refs[@]}"; do
  archive=$(archive_path "$ref")
  want=$(tar -xOf "$archive" index.json | jq -r '.manifests[0].digest')
  if [ "$(digest_in_containerd "$ref")" = "$want" ]; then
    log "present   $ref"
    continue
  fi
  log "importing $ref"
  ctr_ images import --platform linux/amd64 "$archive" >/dev/null
  # Ask the kubelet's image garbage collector to keep it (honoured by containerd >= 1.7;
  # a plain label before that). There is no registry to pull it back from.
  ctr_ images label "$ref" io.cri-containerd.pinned=pinned >/dev/null
done

# Verify: every ref listed, with the digest of its archive.
failed=()
for ref in "${refs[@]}"; do
  want=$(tar -xOf "$(archive_path "$ref")" index.json | jq -r '.manifests[0].digest')
  got=$(digest_in_containerd "$ref")
  [ "$got" = "$want" ] || failed+=("$ref (expected $want, containerd has ${got:-nothing})")
done
if [ ${#failed[@]} -gt 0 ]; then
  printf '[images] not in containerd namespace %s after import:\n' "$NAMESPACE" >&2
  printf '  %s\n' "${failed[@]}" >&2
  exit 1
fi
log "all ${#refs[@]} images listed in containerd namespace $NAMESPACE"
