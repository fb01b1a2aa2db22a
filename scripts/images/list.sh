#!/usr/bin/env bash
# Prints the image refs of labs/images.yaml, one per line, in file order.
#   scripts/images/list.sh            every ref
#   scripts/images/list.sh --archives "<ref><TAB><archive path>" (archives built by build.sh)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

case "${1:-}" in
  "") image_refs ;;
  --archives) image_refs | while read -r ref; do printf '%s\t%s\n' "$ref" "$(archive_path "$ref")"; done ;;
  *) die "unknown option $1: expected no option or --archives" ;;
esac
