#!/bin/sh
# kubelab stand-in for docker.io/nicolargo/glances: Debian's glances, started
# like the official image (`glances -C /etc/glances/glances.conf $GLANCES_OPT`).
# GLANCES_OPT defaults to "-w" here (web server and REST API on 0.0.0.0:61208),
# so a pod answers HTTP without extra settings; set GLANCES_OPT="" for the
# curses interface, or e.g. "-w --disable-webui" for the API only.
# shellcheck disable=SC2086 # GLANCES_OPT is a list of words, as upstream
exec glances -C /etc/glances/glances.conf ${GLANCES_OPT-} "$@"
