#!/bin/sh
# kubelab stand-in for docker.io/nicolargo/glances: Debian's glances, started
# like the official image: `glances -C /etc/glances/glances.conf $GLANCES_OPT`.
# As upstream, GLANCES_OPT=-w gives the web server and REST API on
# 0.0.0.0:61208 (add --disable-webui for the API only); without it Glances
# starts its curses interface, which needs a terminal (a pod without tty exits).
# shellcheck disable=SC2086 # GLANCES_OPT is a list of words, as upstream
exec glances -C /etc/glances/glances.conf ${GLANCES_OPT-} "$@"
