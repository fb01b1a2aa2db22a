#!/usr/bin/env bash
# Builds every image listed in labs/images.yaml into an OCI image archive
# (oci-archive tar, named for `ctr images import`) under
# ${KUBELAB_CACHE:-$HOME/.cache/kubelab}/images/. No registry, no Docker:
# Go programs are built from the Go module proxy, the rest from Debian packages,
# and scripts/images/ocipack packs the layers.
#
# usage: scripts/images/build.sh [REF...]   (default: every ref in labs/images.yaml)
#
# An archive is rebuilt only when its key changes: labs/images.yaml, this
# script, ocipack and the image's own inputs. Expensive intermediate steps
# (the Debian rootfs and its packed layer) have keys of their own under work/.
set -euo pipefail
shopt -s inherit_errexit
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

BUILD_START=$SECONDS

[ "$(id -u)" = 0 ] || die "expected to run as root (debootstrap, chroot and file ownership in layers); try: sudo $0"

# --- host tools -------------------------------------------------------------------

ensure_host_tools() {
  local missing=() pkg
  for pkg in debootstrap jq libcap2-bin; do
    dpkg-query -W -f '${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing host packages: ${missing[*]}"
    candidate_version "${missing[0]}" >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
  fi
  command -v go >/dev/null || die "expected Go on PATH to build pause, coredns, local-path-provisioner and ocipack; install Go >= 1.24"
}

# candidate_version PACKAGE -> the version apt would install (runs apt-get update once if
# there are no package lists yet).
candidate_version() {
  local v
  v=$(apt-cache policy "$1" 2>/dev/null | awk '$1 == "Candidate:" { print $2 }')
  if [ -z "$v" ] || [ "$v" = "(none)" ]; then
    log "apt-get update (no package lists for $1 yet)"
    apt-get update -q >&2
    v=$(apt-cache policy "$1" | awk '$1 == "Candidate:" { print $2 }')
  fi
  if [ -z "$v" ] || [ "$v" = "(none)" ]; then
    die "apt knows no package $1; check /etc/apt/sources.list"
  fi
  printf '%s\n' "$v"
}

# ocipack is our own packer; go build is a no-op when nothing changed.
build_ocipack() {
  mkdir -p "$WORK_DIR/bin"
  go_build_into "$WORK_DIR/bin/ocipack" "$IMAGES_DIR/ocipack"
  OCIPACK="$WORK_DIR/bin/ocipack"
}

# --- helpers ------------------------------------------------------------------------

# image_config RECIPE_DIR REF STAND_IN -> path of the OCI runtime config with labels added
image_config() {
  local out="$STAGE/config.json"
  jq --arg ref "$2" --arg standIn "$3" \
    '.Labels = ((.Labels // {}) + {
       "io.kubelab.image.ref": $ref,
       "io.kubelab.stand-in": $standIn,
       "io.kubelab.built-by": "scripts/images/build.sh"})' \
    "$1/config.json" >"$out"
  printf '%s\n' "$out"
}

# upstream_version: a Debian version on stdin, without epoch and revision (1:10.11.19-0+deb12u1 -> 10.11.19)
upstream_version() { sed -e 's/^[0-9]*://' -e 's/[-+~].*$//'; }

# debian_version ROOTFS PACKAGE -> upstream part of the version installed in ROOTFS
debian_version() {
  # shellcheck disable=SC2016 # ${Version} is dpkg-query's, not ours
  chroot "$1" dpkg-query -W -f '${Version}' "$2" | upstream_version
}

# expect_version_prefix REF TAG VERSION WHAT: a stand-in's tag must name what Debian ships.
expect_version_prefix() {
  case "$3" in
    "$2" | "$2".*) ;;
    *) die "$1: expected Debian's $4 to be version $2.x to stand in for this tag, found $3; change the tag in labs/images.yaml" ;;
  esac
}

go_build_into() { # go_build_into OUT DIR-with-go.mod [LDFLAGS]
  (cd "$2" && CGO_ENABLED=0 nice -n 10 go build -trimpath -ldflags "-s -w ${3:-}" -o "$1" .)
}

# --- recipes: each fills $STAGE/layer (or LAYERS) for one ref -----------------------
# Every recipe_* takes REF TAG and sets LAYERS (bottom first) and CONFIG.

recipe_pause() {
  mkdir -p "$STAGE/layer"
  go_build_into "$STAGE/layer/pause" "$IMAGES_DIR/pause"
  normalise_tree "$STAGE/layer"
  pack_layer pause "$STAGE/layer"
  CONFIG=$(image_config "$IMAGES_DIR/pause" "$1" true)
}

recipe_busybox() {
  local deb version
  mkdir -p "$STAGE/deb" "$STAGE/layer"
  (cd "$STAGE/deb" && apt-get download -q -o APT::Sandbox::User=root busybox-static >&2)
  deb=$(ls "$STAGE"/deb/busybox-static_*.deb)
  version=$(dpkg-deb -f "$deb" Version | upstream_version)
  expect_version_prefix "$1" "$2" "$version" busybox-static
  dpkg-deb -x "$deb" "$STAGE/deb/x"
  cp -a "$IMAGES_DIR/busybox/files/." "$STAGE/layer/"
  install_busybox "$STAGE/deb/x/bin/busybox" "$STAGE/layer"
  mkdir -p "$STAGE/layer/tmp" "$STAGE/layer/root" "$STAGE/layer/home" "$STAGE/layer/var/www"
  normalise_tree "$STAGE/layer"
  chmod 1777 "$STAGE/layer/tmp"
  chmod 0700 "$STAGE/layer/root"
  pack_layer busybox "$STAGE/layer"
  CONFIG=$(image_config "$IMAGES_DIR/busybox" "$1" false)
}

recipe_coredns() {
  local pinned
  pinned=$(cd "$IMAGES_DIR/coredns" && go mod edit -json | jq -r '.Require[] | select(.Path == "github.com/coredns/coredns") | .Version')
  [ "$pinned" = "$2" ] || die "$1: scripts/images/coredns/go.mod pins CoreDNS $pinned; to build $2 run: (cd scripts/images/coredns && go get github.com/coredns/coredns@$2 && go mod tidy)"
  mkdir -p "$STAGE/layer"
  go_build_into "$STAGE/layer/coredns" "$IMAGES_DIR/coredns" "-X github.com/coredns/coredns/coremain.GitCommit=kubelab"
  normalise_tree "$STAGE/layer"
  # Like upstream: binding :53 needs no root when the pod runs as non-root.
  setcap cap_net_bind_service=+ep "$STAGE/layer/coredns"
  pack_layer coredns "$STAGE/layer"
  CONFIG=$(image_config "$IMAGES_DIR/coredns" "$1" false)
}

recipe_local_path_provisioner() {
  mkdir -p "$STAGE/layer/usr/bin" "$STAGE/layer/tmp" "$STAGE/layer/etc"
  (cd "$STAGE" && GOBIN="$STAGE/layer/usr/bin" CGO_ENABLED=0 nice -n 10 \
    go install -trimpath -ldflags "-s -w -X main.VERSION=$2" "github.com/rancher/local-path-provisioner@$2")
  cp "$IMAGES_DIR/busybox/files/etc/passwd" "$IMAGES_DIR/busybox/files/etc/group" "$STAGE/layer/etc/"
  normalise_tree "$STAGE/layer"
  chmod 1777 "$STAGE/layer/tmp"
  pack_layer local-path-provisioner "$STAGE/layer"
  CONFIG=$(image_config "$IMAGES_DIR/local-path-provisioner" "$1" false)
}

# The stand-ins share one Debian rootfs layer (stored once by containerd)
# plus a small layer of their own from stand-ins/NAME/files.
recipe_stand_in() { # recipe_stand_in NAME REF TAG PACKAGE
  local name=$1 ref=$2 tag=$3 package=$4
  ensure_rootfs_layer
  expect_version_prefix "$ref" "$tag" "$(debian_version "$ROOTFS" "$package")" "$package"
  mkdir -p "$STAGE/layer"
  cp -a "$IMAGES_DIR/stand-ins/$name/files/." "$STAGE/layer/"
  case "$name" in
    postgres | mariadb) mkdir -p "$STAGE/layer/docker-entrypoint-initdb.d" ;; # empty, as upstream
  esac
  normalise_tree "$STAGE/layer"
  LAYERS=("$ROOTFS_LAYER")
  pack_layer "$name" "$STAGE/layer"
  CONFIG=$(image_config "$IMAGES_DIR/stand-ins/$name" "$ref" true)
}

ensure_rootfs_layer() {
  [ -n "${ROOTFS_LAYER:-}" ] && return
  local key
  key=$(hash_inputs "$IMAGES_DIR/rootfs/build-rootfs.sh")
  ROOTFS="$WORK_DIR/rootfs-$key"
  ROOTFS_LAYER="$WORK_DIR/layers/rootfs-$key.tar.gz"
  if [ ! -d "$ROOTFS" ]; then
    log "building the Debian rootfs $ROOTFS (debootstrap + packages; several minutes)"
    # Older rootfs trees and layers are superseded: free their space first.
    rm -rf "$WORK_DIR"/rootfs-* "$WORK_DIR"/layers/rootfs-*
    nice -n 10 bash "$IMAGES_DIR/rootfs/build-rootfs.sh" "$ROOTFS" "$WORK_DIR/debs" >"$WORK_DIR/rootfs.log" 2>&1 ||
      die "building the rootfs failed; see $WORK_DIR/rootfs.log"
  fi
  if [ ! -f "$ROOTFS_LAYER" ] || [ ! -f "$ROOTFS_LAYER.json" ]; then
    log "packing the rootfs layer"
    mkdir -p "$WORK_DIR/layers"
    nice -n 10 "$OCIPACK" layer -o "$ROOTFS_LAYER" "$ROOTFS" >/dev/null
  fi
}

pack_layer() { # pack_layer NAME DIR: appends the packed layer to LAYERS
  local out="$STAGE/$1.tar.gz"
  "$OCIPACK" layer -o "$out" "$2" >/dev/null
  LAYERS+=("$out")
}

# recipe_for REF -> "RECIPE [ARG]": recipe_RECIPE builds the ref; for a Debian stand-in
# the ARG is the package whose version the tag must match.
recipe_for() {
  case "${1%:*}" in
    registry.k8s.io/pause) echo pause ;;
    docker.io/library/busybox) echo busybox ;;
    registry.k8s.io/coredns/coredns) echo coredns ;;
    docker.io/rancher/local-path-provisioner) echo local_path_provisioner ;;
    docker.io/library/postgres) echo "stand_in postgres postgresql-15" ;;
    docker.io/library/mariadb) echo "stand_in mariadb mariadb-server" ;;
    docker.io/library/nginx) echo "stand_in nginx nginx-light" ;;
    docker.io/nicolargo/glances) echo "stand_in glances glances" ;;
    *) die "no recipe builds $1; add one to scripts/images/build.sh (recipe_for) or fix the ref in labs/images.yaml" ;;
  esac
}

# recipe_inputs RECIPE [NAME] -> the directories whose content keys the archive
recipe_inputs() {
  case "$1" in
    stand_in) echo "$IMAGES_DIR/stand-ins/$2 $IMAGES_DIR/rootfs" ;;
    local_path_provisioner) echo "$IMAGES_DIR/local-path-provisioner" ;;
    *) echo "$IMAGES_DIR/$1" ;;
  esac
}

build_one() { # build_one REF -> sets BUILD_STATUS to built or cached
  local ref=$1 tag=${1##*:} spec recipe name package inputs key archive extra=
  spec=$(recipe_for "$ref")
  read -r recipe name package <<<"$spec"
  inputs=$(recipe_inputs "$recipe" "$name")
  if [ "$recipe" = busybox ]; then
    extra=$(candidate_version busybox-static) # a Debian update rebuilds the image
  fi
  # shellcheck disable=SC2086 # inputs is a list of paths without spaces
  key=$(hash_inputs "$IMAGES_YAML" "$IMAGES_DIR/build.sh" "$IMAGES_DIR/lib" "$IMAGES_DIR/ocipack" $inputs -- "$ref" "$extra")
  archive=$(archive_path "$ref")
  if [ -f "$archive" ] && [ "$(cat "$archive.key" 2>/dev/null)" = "$key" ]; then
    BUILD_STATUS=cached
    return
  fi
  log "building $ref"
  STAGE="$WORK_DIR/stage/${name:-$recipe}"
  rm -rf "$STAGE"
  mkdir -p "$STAGE"
  LAYERS=()
  {
    if [ "$recipe" = stand_in ]; then
      recipe_stand_in "$name" "$ref" "$tag" "$package"
    else
      "recipe_$recipe" "$ref" "$tag"
    fi
    "$OCIPACK" image -o "$archive" -ref "$ref" -config "$CONFIG" "${LAYERS[@]}"
  } >&2
  printf '%s\n' "$key" >"$archive.key"
  rm -rf "$STAGE"
  BUILD_STATUS=built
}

# --- main ---------------------------------------------------------------------------

mkdir -p "$ARCHIVE_DIR" "$WORK_DIR"
exec 9>"$ARCHIVE_DIR/.build.lock"
# A cold build takes minutes; a second build.sh (say, from scripts/cluster/up.sh)
# waits for the first, then finds its archives cached.
if ! flock -n 9; then
  log "another build.sh is running; waiting up to 30 min for $ARCHIVE_DIR/.build.lock"
  flock -w 1800 9 || die "another build.sh held $ARCHIVE_DIR/.build.lock for 30 min; is it stuck? (see ps, then remove the lock holder)"
fi

mapfile -t all_refs < <(image_refs)
[ ${#all_refs[@]} -gt 0 ] || die "expected at least one '- ref: ...' entry in $IMAGES_YAML"
refs=("$@")
[ ${#refs[@]} -gt 0 ] || refs=("${all_refs[@]}")
for ref in "${refs[@]}"; do
  printf '%s\n' "${all_refs[@]}" | grep -qxF "$ref" || die "$ref is not listed in $IMAGES_YAML; the list there is the only source of image refs"
done

ensure_host_tools
build_ocipack

summary=()
for ref in "${refs[@]}"; do
  t0=$SECONDS
  build_one "$ref"
  size=$(stat -c %s "$(archive_path "$ref")")
  summary+=("$(printf '%-52s %7.1f MiB  %-6s %4ss' "$ref" "$(awk -v b="$size" 'BEGIN { print b / 1048576 }')" "$BUILD_STATUS" "$((SECONDS - t0))")")
done

printf '\n%-52s %10s  %-6s %5s\n' IMAGE ARCHIVE STATUS TIME
printf '%s\n' "${summary[@]}"
printf 'archives in %s; total %ss\n' "$ARCHIVE_DIR" "$((SECONDS - BUILD_START))"
