import { setTimeout as delay } from 'node:timers/promises';
import type { Cluster, KubeObject } from '../cluster/cluster.js';
import { MANAGED_BY_LABEL, MANAGED_BY_VALUE, USER_LABEL } from '../model/scope.js';
import {
  CLUSTER_SCOPED_POLICY,
  NAMESPACED_POLICY,
  admissionPolicyObjects,
} from './admission-policy.js';
import { MAX_SUBMISSION_PRIORITY } from './submission-limits.js';

/**
 * The policy controller type-checks a new policy within a second or so (status.observedGeneration);
 * 30 s means it is not running or the API server does not serve admissionregistration.k8s.io/v1.
 */
const ADMISSION_READY_TIMEOUT_MS = 30_000;

/** The admission policy could not be installed or is not enforced: grading would not be isolated. */
export class AdmissionPolicyError extends Error {
  override readonly name = 'AdmissionPolicyError';
}

const WHAT_TO_TRY =
  'kubelab needs a context allowed to create ValidatingAdmissionPolicies (admissionregistration.k8s.io/v1, Kubernetes 1.30 or later), e.g. cluster-admin; without them a submission could act outside its namespace, so nothing is graded';

interface Policy extends KubeObject {
  status?: { observedGeneration?: number };
}

/**
 * Installs (server-side apply, idempotent) the admission policies of admission-policy.ts, waits
 * until the cluster has taken them in (observedGeneration on a watch), then proves they are
 * enforced: a server-side dry run of a PriorityClass above the ceiling, labelled as a submission's,
 * must be refused. Throws AdmissionPolicyError otherwise.
 */
export async function installAdmissionPolicy(
  cluster: Cluster,
  signal?: AbortSignal,
): Promise<void> {
  const results = await cluster.apply(admissionPolicyObjects(), 'kubelab admission policy', {
    signal,
  });
  const failed = results.filter((r) => !r.ok);
  if (failed.length > 0) {
    const errors = failed.map((r) => (r.ok ? '' : `${r.ref.kind} ${r.ref.name}: ${r.error}`));
    throw new AdmissionPolicyError(
      `could not install kubelab's admission policy (${errors.join('; ')}). ${WHAT_TO_TRY}.`,
    );
  }
  const names = [CLUSTER_SCOPED_POLICY, NAMESPACED_POLICY];
  await cluster.waitFor<Policy, true>(
    {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'ValidatingAdmissionPolicy',
      labelSelector: `${MANAGED_BY_LABEL}=${MANAGED_BY_VALUE}`,
    },
    {
      description: `ValidatingAdmissionPolicies ${names.join(', ')} to be observed by the cluster`,
      check: (objects) => {
        const waiting = names.filter((name) => {
          const found = objects.find((o) => o.metadata.name === name);
          const generation = found?.metadata['generation'];
          const observed = found?.status?.observedGeneration;
          return typeof generation !== 'number' || observed === undefined || observed < generation;
        });
        return waiting.length === 0
          ? { state: 'met', value: true }
          : {
              state: 'pending',
              errors: waiting.map(
                (n) => `${n}: status.observedGeneration not yet at metadata.generation`,
              ),
            };
      },
    },
    { timeoutMs: ADMISSION_READY_TIMEOUT_MS, signal },
  );
  await waitEnforced(cluster, signal);
}

/**
 * The admission plugin in each API server picks the policy and its bindings up from informers of
 * its own, a moment after the policy's status says it was type-checked; nothing in the API tells
 * when (seen in CI: a first probe accepted right after a fresh cluster came up). So the probe is
 * repeated, after 100 ms doubling to 2 s, until refused or ADMISSION_READY_TIMEOUT_MS has passed.
 */
async function waitEnforced(cluster: Cluster, signal?: AbortSignal): Promise<void> {
  const deadline = Date.now() + ADMISSION_READY_TIMEOUT_MS;
  let pause = 100;
  for (;;) {
    const observed = await probeOnce(cluster, signal);
    if (observed === undefined) return;
    if (Date.now() + pause > deadline) throw notEnforced(observed);
    await delay(pause, undefined, { signal });
    pause = Math.min(pause * 2, 2_000);
  }
}

/** A dry run the policy must refuse: undefined when refused, else what was observed instead. */
async function probeOnce(cluster: Cluster, signal?: AbortSignal): Promise<string | undefined> {
  const probe: KubeObject = {
    apiVersion: 'scheduling.k8s.io/v1',
    kind: 'PriorityClass',
    metadata: {
      name: 'kubelab-admission-probe',
      labels: { [MANAGED_BY_LABEL]: MANAGED_BY_VALUE, [USER_LABEL]: 'kubelab-admission-probe' },
    },
    value: MAX_SUBMISSION_PRIORITY + 1,
  };
  const [result] = await cluster.apply([probe], 'kubelab admission probe', {
    dryRun: true,
    signal,
  });
  if (result !== undefined && !result.ok && result.error.includes(CLUSTER_SCOPED_POLICY))
    return undefined;
  return result === undefined ? 'no result' : result.ok ? 'it was accepted' : `"${result.error}"`;
}

function notEnforced(observed: string): AdmissionPolicyError {
  return new AdmissionPolicyError(
    `kubelab's admission policy is installed but not enforced after ${ADMISSION_READY_TIMEOUT_MS / 1000}s: expected a dry run of PriorityClass ` +
      `value ${MAX_SUBMISSION_PRIORITY + 1} labelled ${USER_LABEL} to be refused by ${CLUSTER_SCOPED_POLICY}, ` +
      `observed ${observed}. ` +
      `Check that the API server enables ValidatingAdmissionPolicy (--enable-admission-plugins, --runtime-config); ${WHAT_TO_TRY}.`,
  );
}
