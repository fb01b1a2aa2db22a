# Shared helpers for scripts/images/*.sh. Source it; do not run it.
# shellcheck shell=bash disable=SC2034 # the variables are for the scripts that source this

IMAGES_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
REPO_ROOT=$(cd "$IMAGES_DIR/../.." && pwd)
IMAGES_YAML="$REPO_ROOT/labs/images.yaml"
KUBELAB_CACHE="${KUBELAB_CACHE:-$HOME/.cache/kubelab}"
ARCHIVE_DIR="$KUBELAB_CACHE/images"
WORK_DIR="$ARCHIVE_DIR/work"
CONTAINERD_ADDRESS="${CONTAINERD_ADDRESS:-/run/containerd/containerd.sock}"

log() { printf '[images] %s\n' "$*" >&2; }
die() { printf '[images] error: %s\n' "$*" >&2; exit 1; }

# The refs listed in labs/images.yaml, in file order. The file keeps one
# `- ref: <reference>` line per entry, so plain awk is enough (no YAML parser
# needed before `npm ci`).
image_refs() {
  [ -f "$IMAGES_YAML" ] || die "expected $IMAGES_YAML to exist; it lists the images to build"
  awk '$1 == "-" && $2 == "ref:" { print $3 }' "$IMAGES_YAML"
}

# File name of the archive for one ref: registry.k8s.io/pause:3.10 -> registry.k8s.io_pause_3.10.oci.tar
archive_path() {
  printf '%s/%s.oci.tar\n' "$ARCHIVE_DIR" "$(printf '%s' "$1" | tr '/:@' '___')"
}

# A short sha256 over files (content, or target for symlinks; directories
# are walked in sorted order) and strings: hash_inputs PATH... -- STRING...
hash_inputs() {
  {
    while [ $# -gt 0 ] && [ "$1" != "--" ]; do
      find "$1" \( -type f -o -type l \) -print0 | LC_ALL=C sort -z |
        while IFS= read -r -d '' f; do
          printf 'file %s\n' "${f#"$REPO_ROOT"/}"
          if [ -L "$f" ]; then readlink "$f"; else sha256sum <"$f"; fi
        done
      shift
    done
    [ "${1:-}" = "--" ] && shift
    printf 'arg %s\n' "$@"
  } | sha256sum | cut -c1-16
}

# normalise_tree DIR: root-owned, directories 0755, files 0755 if executable else 0644,
# so a checkout's umask or owner never leaks into a layer.
normalise_tree() {
  chown -R -h 0:0 "$1"
  find "$1" -type d -exec chmod 0755 {} +
  find "$1" -type f -perm -u+x -exec chmod 0755 {} +
  find "$1" -type f ! -perm -u+x -exec chmod 0644 {} +
}

# install_busybox BINARY ROOT: BINARY as ROOT/bin/busybox plus one symlink per applet
# (`busybox --install -s`, done at build time).
install_busybox() {
  local applet
  install -D -m 0755 "$1" "$2/bin/busybox"
  for applet in $("$2/bin/busybox" --list-full); do
    [ "$applet" = bin/busybox ] && continue
    mkdir -p "$2/$(dirname "$applet")"
    ln -sfn /bin/busybox "$2/$applet"
  done
}
