import {
  type CheckContext,
  type KubeObject,
  MANAGED_BY_LABEL,
  MANAGED_BY_VALUE,
} from '../../../src/check-api/index.js';
import { NoVerdictError } from '../no-verdict.js';

/**
 * The PriorityClass of the grader's filler pods: below every ordinary pod (priority 0), so when a
 * high-priority pod needs room the scheduler evicts a filler and never another workload of the
 * cluster. It never preempts. Shared by every run (the object is the same each time) and labelled
 * managed-by kubelab, so `kubelab cleanup` removes it.
 */
export const FILLER_CLASS = 'kubelab-grader-filler';
export const FILLER_PRIORITY = -100;

export async function ensureFillerClass(
  ctx: Pick<CheckContext, 'cluster' | 'signal'>,
): Promise<string> {
  const ref = { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', name: FILLER_CLASS };
  if ((await ctx.cluster.get(ref, ctx.signal)) !== undefined) return FILLER_CLASS;
  const object: KubeObject = {
    apiVersion: ref.apiVersion,
    kind: ref.kind,
    metadata: { name: FILLER_CLASS, labels: { [MANAGED_BY_LABEL]: MANAGED_BY_VALUE } },
    value: FILLER_PRIORITY,
    preemptionPolicy: 'Never',
    globalDefault: false,
    description: 'kubelab grader filler pods: evicted first, never preempt',
  };
  const [result] = await ctx.cluster.apply([object], `priority class ${FILLER_CLASS}`, {
    signal: ctx.signal,
  });
  if (result === undefined || !result.ok) {
    throw new NoVerdictError(
      `the grader could not create PriorityClass ${FILLER_CLASS} for its filler pods: ${result?.ok === false ? result.error : 'no result'}. The context needs rights to create PriorityClasses.`,
    );
  }
  return FILLER_CLASS;
}
