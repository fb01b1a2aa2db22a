#!/usr/bin/env bash
# The e2e suites on the real cluster (KUBELAB_TEST_CONTEXT, default kubelab). Suites that share the
# cluster safely — each in namespaces and cluster-scoped names of its own — run side by side in
# KUBELAB_E2E_JOBS mocha workers (default 8: they spend their time waiting on the cluster, not on
# the CPU). Then the *.serial.test.ts suites run alone: those that change the whole node (a
# NoSchedule taint on the only node) or claim any volume of no class, as a student on their own
# cluster does. Extra arguments go to both mocha runs. The *.extra.test.ts suites (six checks in a
# row of the other labs' solutions) run only with `npm run test:e2e:extra`: beside the others they
# loaded this 2-core machine past what the timing of the rest holds.
set -uo pipefail
cd "$(dirname "$0")/.."

jobs=${KUBELAB_E2E_JOBS:-8}
started=$SECONDS
npx mocha --parallel --jobs "${jobs}" --timeout 900000 \
  --ignore 'test/e2e/**/*.serial.test.ts' --ignore 'test/e2e/**/*.extra.test.ts' \
  'test/e2e/**/*.test.ts' "$@"
parallel=$?
echo "e2e: parallel suites (${jobs} jobs) took $((SECONDS - started))s, exit ${parallel}"

started=$SECONDS
npx mocha --timeout 900000 'test/e2e/**/*.serial.test.ts' "$@"
serial=$?
echo "e2e: serial suites took $((SECONDS - started))s, exit ${serial}"

((parallel == 0 && serial == 0))
