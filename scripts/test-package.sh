#!/usr/bin/env bash
# The package a student installs, tried as a student would: packs the tarball (`prepack` builds
# dist/), installs it into a fresh prefix with a fresh HOME, and from an unrelated directory runs
# the installed `kubelab`: --help, list, validate, completion (a real bash TAB), then one full lab
# against the test cluster: start, apply the reference solution, check (must score 100), cleanup.
# Needs the cluster of KUBELAB_TEST_CONTEXT (default: kubelab) and kubectl. Run by scripts/test-ci.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
context=${KUBELAB_TEST_CONTEXT:-kubelab}
kubeconfig=${KUBECONFIG:-${HOME}/.kube/config}
lab=daemonset-monitoring
namespace=kubelab-${lab}

work=$(mktemp -d "${TMPDIR:-/tmp}/kubelab-package-XXXXXX")
# Set once this run has created the lab's namespace, cleared once it has deleted it: a run that
# fails half way removes its own namespace, and never one it did not create.
own_namespace=0
finish() {
  if ((own_namespace)); then
    kubectl --context "${context}" delete namespace "${namespace}" --wait=false >/dev/null || true
  fi
  rm -rf "${work}"
}
trap finish EXIT
step() { printf '[test-package %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
fail() { step "FAILED: $*"; exit 1; }

step "packing (prepack builds dist/)"
started=${SECONDS}
tarball=$(npm pack --silent --pack-destination "${work}" | tail -n 1)
step "packed ${tarball} in $((SECONDS - started))s: $(du -h "${work}/${tarball}" | cut -f1)"
if tar -tzf "${work}/${tarball}" | grep -E '^package/(src|test|scripts|bench|deploy)/|\.ts$|\.map$'; then
  fail "the tarball holds the dev-only paths above"
fi

prefix=${work}/prefix
fresh_home=${work}/home
elsewhere=${work}/elsewhere
mkdir -p "${prefix}" "${fresh_home}" "${elsewhere}"
step "installing into ${prefix} with HOME=${fresh_home}"
started=${SECONDS}
# The npm download cache is shared (no need to fetch every dependency again); nothing else is.
# shellcheck disable=SC2097,SC2098 # the cache is the caller's HOME's on purpose
npm_config_cache=${npm_config_cache:-${HOME}/.npm} npm_config_update_notifier=false HOME=${fresh_home} \
  npm install --global --prefix "${prefix}" --no-audit --no-fund --prefer-offline \
  "${work}/${tarball}" >/dev/null
step "installed in $((SECONDS - started))s"

cd "${elsewhere}"
export HOME=${fresh_home} KUBECONFIG=${kubeconfig} NO_COLOR=1
export PATH=${prefix}/bin:${PATH}
[[ $(command -v kubelab) == "${prefix}/bin/kubelab" ]] || fail "kubelab on PATH is $(command -v kubelab)"
installed=$(cd "${prefix}/lib/node_modules/kubelab" && pwd -P)
[[ ! -e ${installed}/src && ! -e ${installed}/node_modules/tsx ]] || fail "the install holds src/ or tsx"

step "kubelab --help, list, validate, completion"
kubelab --help | grep -q 'kubelab <command>' || fail "--help"
kubelab list | grep -q "^${lab} " || fail "list does not name ${lab}"
kubelab validate >/dev/null || fail "validate"
kubelab list | head -n 1 >/dev/null # a closed pipe: no stack trace (set -o pipefail checks the exit)
script=$(kubelab completion bash)
[[ ${script} == *"${installed}/bin/kubelab.js"* ]] || fail "the completion script does not call ${installed}"
candidates=$(bash -c 'source /dev/stdin; COMP_WORDS=(kubelab check pr); COMP_CWORD=2
  _kubelab_completions; printf "%s " "${COMPREPLY[@]}"' <<<"${script}")
[[ ${candidates} == "priority-preemption probes " ]] || fail "TAB after 'kubelab check pr' gave '${candidates}'"

step "one full lab on context ${context}: start ${lab}, apply its solution, check, cleanup"
# The lab's session namespace has one fixed name: when it exists, a student or another run is using
# it, and this run would apply into it and then delete it.
existing=$(kubectl --context "${context}" get namespace "${namespace}" --ignore-not-found -o name)
if [[ -n ${existing} ]]; then
  fail "namespace ${namespace} already exists on context ${context}: another run or a student's session of ${lab} uses it, and this run would apply into it and delete it. It was left as it is; run again once it is gone (kubectl --context ${context} get namespace ${namespace}), or on another cluster (KUBELAB_TEST_CONTEXT)"
fi
own_namespace=1
kubelab --context "${context}" start "${lab}"
kubectl --context "${context}" -n "${namespace}" apply -f "${installed}/labs/${lab}/solution/"
started=${SECONDS}
kubelab --context "${context}" check "${lab}" || fail "check ${lab} of the reference solution did not score 100"
step "check took $((SECONDS - started))s"
# Only this run's namespace: on a shared cluster, never another run's objects.
would=$(kubelab --context "${context}" cleanup --lab "${lab}")
if grep -E '^  ' <<<"${would}" | grep -vqx "  namespace/${namespace}"; then
  step "cleanup --lab ${lab} would also delete other runs' objects; deleting only ${namespace}:"
  printf '%s\n' "${would}" >&2
  kubectl --context "${context}" delete namespace "${namespace}" --wait=true
else
  kubelab --context "${context}" cleanup --lab "${lab}" --yes
fi
own_namespace=0
cd "${repo}"
step "passed"
