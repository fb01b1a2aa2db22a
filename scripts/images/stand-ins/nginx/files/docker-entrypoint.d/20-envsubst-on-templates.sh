#!/bin/sh
# As in the official image: every /etc/nginx/templates/**/*.template becomes the same path under
# /etc/nginx/conf.d/ without the suffix, with ${VAR} replaced by the environment's variables (only
# variables that are set; NGINX_ENVSUBST_FILTER narrows them by a regular expression). The
# directories and suffix can be moved with NGINX_ENVSUBST_TEMPLATE_DIR, NGINX_ENVSUBST_TEMPLATE_SUFFIX
# and NGINX_ENVSUBST_OUTPUT_DIR.
set -e

name=$(basename "$0")
say() {
  [ -n "${NGINX_ENTRYPOINT_QUIET_LOGS:-}" ] || echo "$name: $*"
}

templates=${NGINX_ENVSUBST_TEMPLATE_DIR:-/etc/nginx/templates}
suffix=${NGINX_ENVSUBST_TEMPLATE_SUFFIX:-.template}
output=${NGINX_ENVSUBST_OUTPUT_DIR:-/etc/nginx/conf.d}
filter=${NGINX_ENVSUBST_FILTER:-}

[ -d "$templates" ] || exit 0
if [ ! -w "$output" ]; then
  say "ERROR: $templates exists, but $output is not writable"
  exit 0
fi

# The names of the variables to replace: those set in the environment (and matching the filter).
variables=$(env | sed -n 's/^\([A-Za-z_][A-Za-z0-9_]*\)=.*/\1/p' | grep -E -- "${filter:-.}" |
  sed 's/.*/${&}/' | tr '\n' ' ')

find "$templates" -follow -type f -name "*$suffix" | while read -r template; do
  relative=${template#"$templates/"}
  target="$output/${relative%"$suffix"}"
  mkdir -p "$(dirname "$target")"
  say "info: Running envsubst on $template to $target"
  envsubst "$variables" <"$template" >"$target"
done
