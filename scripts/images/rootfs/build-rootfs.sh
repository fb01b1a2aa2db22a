#!/usr/bin/env bash
# Builds the shared Debian bookworm rootfs behind the lab stand-in images
# (postgres, mariadb, nginx, glances): debootstrap minbase, the packages below,
# users with the uids of the official images, then docs/locales/apt lists pruned.
#
# usage: build-rootfs.sh DEST_DIR DEB_CACHE_DIR
# Runs as root. Mounts live in a private mount namespace, so nothing leaks if it dies.
set -euo pipefail

dest=$1
debs=$2
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
security_mirror=${DEBIAN_SECURITY_MIRROR:-http://deb.debian.org/debian-security}

# What the labs and the official images' contracts need (tzdata: MariaDB's and PostgreSQL's time
# zones; gettext-base: envsubst for nginx's templates). Keep sorted; changing this list rebuilds
# the rootfs.
packages=(
  busybox-static
  ca-certificates
  curl
  dnsutils
  gettext-base
  glances
  iproute2
  mariadb-client
  mariadb-server
  netcat-openbsd
  nginx-light
  postgresql
  postgresql-client
  procps
  python3-bottle
  tzdata
)

[ "$(id -u)" = 0 ] || { echo "build-rootfs.sh must run as root (debootstrap, chroot)" >&2; exit 1; }
[ ! -e "$dest" ] || { echo "$dest already exists; remove it first" >&2; exit 1; }
mkdir -p "$debs" "$(dirname "$dest")"
tmp="$dest.partial"
rm -rf "$tmp"

debootstrap --variant=minbase --cache-dir="$debs" bookworm "$tmp" "$mirror"

cat >"$tmp/etc/apt/sources.list" <<EOF
deb $mirror bookworm main
deb $mirror bookworm-updates main
deb $security_mirror bookworm-security main
EOF
# No service may start inside the build chroot.
printf '#!/bin/sh\nexit 101\n' >"$tmp/usr/sbin/policy-rc.d"
chmod 755 "$tmp/usr/sbin/policy-rc.d"
# The official postgres image creates its cluster at first start, not at install.
mkdir -p "$tmp/etc/postgresql-common/createcluster.d"
echo 'create_main_cluster = false' >"$tmp/etc/postgresql-common/createcluster.d/kubelab.conf"

# Official images: postgres runs as uid/gid 999, mariadb's mysql user is uid/gid 999 too.
# Both live in one rootfs here, so the two names share the id (useradd -o).
chroot "$tmp" groupadd --system --gid 999 postgres
chroot "$tmp" useradd --system --uid 999 --gid 999 --home-dir /var/lib/postgresql --shell /bin/bash postgres
chroot "$tmp" groupadd --system --non-unique --gid 999 mysql
chroot "$tmp" useradd --system --non-unique --uid 999 --gid 999 --home-dir /var/lib/mysql --shell /bin/false mysql
# The official nginx image runs its workers as nginx, uid/gid 101 (Debian's package uses www-data).
chroot "$tmp" groupadd --system --gid 101 nginx
chroot "$tmp" useradd --system --uid 101 --gid 101 --home-dir /nonexistent --shell /bin/false --no-create-home nginx

# Keep the .debs for the next build (apt reads them through the bind mount below).
find "$tmp/var/cache/apt/archives" -maxdepth 1 -name '*.deb' -exec mv -t "$debs" {} +

unshare --mount --propagation private bash -euo pipefail -c '
  tmp=$1 debs=$2; shift 2
  mount -t proc proc "$tmp/proc"
  mount --bind /dev "$tmp/dev"
  mkdir -p "$tmp/var/cache/apt/archives"
  mount --bind "$debs" "$tmp/var/cache/apt/archives"
  export DEBIAN_FRONTEND=noninteractive LC_ALL=C
  chroot "$tmp" apt-get update -q
  chroot "$tmp" apt-get -y -q -o Dpkg::Options::=--force-confold upgrade
  chroot "$tmp" apt-get -y -q -o Dpkg::Options::=--force-confold install --no-install-recommends "$@"
' build-rootfs "$tmp" "$debs" "${packages[@]}"

# Data directories start empty, like the official images: the entrypoints
# initialise them at first start.
rm -rf "$tmp/var/lib/mysql" "$tmp/var/lib/postgresql"
# (/var/run is a symlink to the absolute /run: always write through $tmp/run.)
install -d -o 999 -g 999 -m 0755 "$tmp/var/lib/mysql" "$tmp/run/mysqld" "$tmp/var/lib/postgresql"
install -d -o 999 -g 999 -m 3777 "$tmp/run/postgresql"
install -d -o 999 -g 999 -m 1777 "$tmp/var/lib/postgresql/data"
# nginx's temporary directories (client bodies, proxy buffers) belong to its worker user.
chown -R 101:101 "$tmp/var/lib/nginx"

# Prune what a container never reads. PostgreSQL's JIT (llvmjit.so, its bitcode,
# libLLVM and libz3: 150 MB) goes too; without llvmjit.so the server runs every
# query without JIT: same results, JIT only speeds up long analytical queries.
# MariaDB's offline table tools (aria_*, myisam*) are not needed by the server.
rm -rf "$tmp"/var/cache/apt/archives/*.deb \
  "$tmp"/usr/lib/postgresql/*/lib/llvmjit* "$tmp"/usr/lib/postgresql/*/lib/bitcode \
  "$tmp"/usr/lib/x86_64-linux-gnu/libLLVM-* "$tmp"/usr/lib/x86_64-linux-gnu/libz3.so* \
  "$tmp"/usr/share/i18n "$tmp"/usr/bin/aria_* "$tmp"/usr/bin/myisam*
rm -rf "$tmp"/usr/share/doc/* "$tmp"/usr/share/man/* "$tmp"/usr/share/info/* \
  "$tmp"/usr/share/lintian "$tmp"/usr/share/linda \
  "$tmp"/var/lib/apt/lists/* "$tmp"/var/cache/apt/*.bin "$tmp"/var/cache/debconf/*-old \
  "$tmp"/var/log/*.log "$tmp"/var/log/apt/* "$tmp"/tmp/* "$tmp"/var/tmp/*
find "$tmp/usr/share/locale" -mindepth 1 -maxdepth 1 ! -name locale.alias -exec rm -rf {} +
rm -f "$tmp/usr/sbin/policy-rc.d" "$tmp/etc/hostname" "$tmp/etc/resolv.conf"
: >"$tmp/etc/machine-id"
# /dev, /proc and /sys come from the runtime.
find "$tmp/dev" "$tmp/proc" "$tmp/sys" -mindepth 1 -delete 2>/dev/null || true

mv "$tmp" "$dest"
