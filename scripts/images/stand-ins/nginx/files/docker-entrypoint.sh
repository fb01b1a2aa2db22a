#!/bin/sh
# kubelab's stand-in for the docker.io/library/nginx entrypoint (/docker-entrypoint.sh), as the
# official image documents it: when the command is nginx or nginx-debug, the files of
# /docker-entrypoint.d/ run first in version order (*.sh executed, *.envsh sourced, each only when
# executable; anything else ignored), then the command replaces this shell. Any other command runs
# as is. NGINX_ENTRYPOINT_QUIET_LOGS=1 silences its messages.
set -e

say() {
  [ -n "${NGINX_ENTRYPOINT_QUIET_LOGS:-}" ] || echo "$0: $*"
}

case "$1" in
  nginx | nginx-debug)
    scripts=$(find /docker-entrypoint.d/ -follow -mindepth 1 -maxdepth 1 -type f 2>/dev/null | sort -V)
    if [ -z "$scripts" ]; then
      say "No files found in /docker-entrypoint.d/, skipping configuration"
    else
      say "/docker-entrypoint.d/ is not empty, will attempt to perform configuration"
      for f in $scripts; do
        case "$f" in
          *.envsh)
            if [ -x "$f" ]; then say "Sourcing $f"; . "$f"; else say "Ignoring $f, not executable"; fi ;;
          *.sh)
            if [ -x "$f" ]; then say "Launching $f"; "$f"; else say "Ignoring $f, not executable"; fi ;;
          *) say "Ignoring $f" ;;
        esac
      done
      say "Configuration complete; ready for start up"
    fi
    ;;
esac

exec "$@"
