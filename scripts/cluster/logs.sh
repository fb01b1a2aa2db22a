#!/usr/bin/env bash
# Shows the logs of the cluster's components.
#   logs.sh                 the last lines of every component
#   logs.sh <component>     the last 200 lines of one component
#   logs.sh <component> -f  follows it
set -euo pipefail

# shellcheck source=scripts/cluster/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
  local IFS='|'
  echo "usage: $0 [${COMPONENTS[*]}] [-f]" >&2
}

if (($# == 0)); then
  for component in "${COMPONENTS[@]}"; do
    file=$(log_file "${component}")
    [[ -f ${file} ]] || continue
    printf '==> %s <==\n' "${file}"
    tail -n 15 "${file}"
    echo
  done
  exit 0
fi

component=$1
shift
[[ " ${COMPONENTS[*]} " == *" ${component} "* ]] || { usage; die "unknown component ${component}"; }
file=$(log_file "${component}")
[[ -f ${file} ]] || die "no log for ${component} at ${file} (has the cluster been started?)"
case ${1:-} in
  -f | --follow) exec tail -n 200 -F "${file}" ;;
  "") exec tail -n 200 "${file}" ;;
  *) usage; die "unknown option $1" ;;
esac
