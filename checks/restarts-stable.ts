import { z } from 'zod';
import { collectPodDiagnostics, defineCheck, Duration } from '../src/check-api/index.js';
import { POD_REF, describePod, isTerminating, podName, type Pod } from './lib/pods/pod-state.js';
import { waitVerdict } from './lib/wait.js';
import {
  TARGET_MESSAGE,
  hasOneTarget,
  listPods,
  missingWorkloadMessage,
  podTargetFields,
  resolveTarget,
} from './lib/workloads/workload.js';

/** The window (20s by default) plus reading pods and diagnostics: a minute is ample. */
const DEFAULT_TIMEOUT_MS = 60_000;
/** Twenty seconds outlasts the first back-off (10s) of a crashing container, so a crash loop shows. */
const DEFAULT_WINDOW_MS = 20_000;

/** `pod/container` → restartCount, for the pods alive at the start of the window. */
function restartBaseline(pods: readonly Pod[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const pod of pods) {
    for (const s of pod.status?.containerStatuses ?? []) {
      counts.set(`${pod.metadata.uid ?? podName(pod)}/${s.name}`, s.restartCount ?? 0);
    }
  }
  return counts;
}

/** What changed since the baseline: restarts, crash loops, pods that went away. Empty: stable. */
function changesSince(
  baseline: Map<string, number>,
  uids: ReadonlySet<string>,
  pods: readonly Pod[],
): string[] {
  const changes: string[] = [];
  const seen = new Set<string>();
  for (const pod of pods) {
    const uid = pod.metadata.uid ?? podName(pod);
    seen.add(uid);
    if (!uids.has(uid)) continue;
    if (isTerminating(pod)) changes.push(`pod ${podName(pod)} is being deleted`);
    for (const s of pod.status?.containerStatuses ?? []) {
      const before = baseline.get(`${uid}/${s.name}`) ?? 0;
      const now = s.restartCount ?? 0;
      if (now > before)
        changes.push(`container ${s.name} of pod ${podName(pod)} restarted (${before} → ${now})`);
      if (s.state?.waiting?.reason === 'CrashLoopBackOff') {
        changes.push(`container ${s.name} of pod ${podName(pod)} is in CrashLoopBackOff`);
      }
    }
  }
  for (const uid of [...uids].sort())
    if (!seen.has(uid)) changes.push(`a pod (uid ${uid}) disappeared`);
  return [...new Set(changes)].sort();
}

export default defineCheck({
  kind: 'restarts-stable',
  description:
    'The pods of a workload keep their restart counts over an observation window: no new restart, no CrashLoopBackOff, no pod replaced. Fails at the first change.',
  params: z
    .strictObject({
      ...podTargetFields,
      /** How long to watch for restarts, e.g. 20s. */
      window: Duration.default(DEFAULT_WINDOW_MS),
    })
    .refine(hasOneTarget, { message: TARGET_MESSAGE }),
  defaultTimeoutMs: DEFAULT_TIMEOUT_MS,
  async run(ctx, params) {
    const target = await resolveTarget(ctx, params);
    if (target === undefined)
      return { status: 'failed', message: missingWorkloadMessage(ctx, params) };
    const pods = (await listPods(ctx, target.labelSelector)).filter((pod) => !isTerminating(pod));
    if (pods.length === 0) {
      return { status: 'failed', message: `${target.description} has no pods to observe` };
    }
    const windowMs = Math.max(1_000, Math.min(params.window, ctx.timeoutMs - 5_000));
    const seconds = Math.round(windowMs / 1000);
    const baseline = restartBaseline(pods);
    const uids = new Set(pods.map((pod) => pod.metadata.uid ?? podName(pod)));
    const start = pods.map(describePod);
    const crashing = changesSince(new Map(), uids, pods).filter((c) =>
      c.includes('CrashLoopBackOff'),
    );
    if (crashing.length > 0) {
      return await failure(`${target.description} is not stable: ${crashing.join('; ')}`);
    }
    const verdict = await waitVerdict<Pod, string[]>(
      ctx,
      { ...POD_REF, namespace: ctx.scope.namespace, labelSelector: target.labelSelector },
      {
        description: `no restart of ${target.description} during ${seconds}s`,
        check(current) {
          const changes = changesSince(baseline, uids, current);
          return changes.length > 0
            ? { state: 'met', value: changes }
            : { state: 'pending', errors: [`${pods.length} pod(s) stable so far`] };
        },
      },
      windowMs,
    );
    if (!verdict.met) {
      return {
        status: 'passed',
        message: `${target.description}: no restart during ${seconds}s (${pods.length} pod(s) observed)`,
        evidence: { observed: start.join('\n') },
      };
    }
    return await failure(
      `${target.description} restarted within the ${seconds}s window: ${verdict.value.join('; ')}`,
    );

    async function failure(message: string) {
      const now = await listPods(ctx, target?.labelSelector ?? '');
      const diagnostics = await collectPodDiagnostics(ctx, { podNames: now.map(podName) });
      return {
        status: 'failed' as const,
        message,
        evidence: {
          expected: `restart counts unchanged for ${seconds}s`,
          observed: `at start:\n${start.join('\n')}\nnow:\n${now.map(describePod).join('\n')}`,
          events: diagnostics.events,
          logs: diagnostics.logs,
        },
      };
    }
  },
});
