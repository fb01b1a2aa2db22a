#!/usr/bin/env bash
# Deletes the kind cluster `kubelab` (its node container, volume and kubeconfig context), and
# nothing else: not the images, not the podman network `kind`, never the project's own cluster.
#
# usage: scripts/kind/down.sh
set -euo pipefail

# shellcheck source=scripts/kind/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
require_root

[[ -x ${KIND_BIN} ]] || die "kind is not installed (${KIND_BIN}); nothing to delete"
if ! kind_cmd get clusters 2>/dev/null | grep -qx "${KIND_CLUSTER}"; then
  log "no kind cluster ${KIND_CLUSTER}"
  exit 0
fi
kind_cmd delete cluster --name "${KIND_CLUSTER}"
log "deleted kind cluster ${KIND_CLUSTER}"
