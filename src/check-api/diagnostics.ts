import type { KubeObject } from '../cluster/cluster.js';
import { crashIsInPreviousLog } from '../cluster/crashed-instance.js';
import { formatEvent } from '../cluster/events.js';
import type { CheckContext } from './check-kind.js';
import type { LogExcerpt } from '../model/result.js';

/** Pods looked at per diagnosis: enough for a lab's workload, bounded for a busy namespace. */
export const MAX_DIAGNOSED_PODS = 8;
/** Events kept (the most recent ones), so a crash loop's repeated BackOff does not drown the report. */
export const MAX_EVENTS = 20;
/** Lines of `logs --previous` per restarted container: the crash's last words. */
export const PREVIOUS_LOG_LINES = 20;

export interface DiagnosticsTarget {
  /** Pods matching this selector in the scope's namespace. */
  readonly labelSelector?: string;
  /** Or these pods by name. Neither: every pod of the namespace. */
  readonly podNames?: readonly string[];
  /** Other objects whose events matter (the Deployment, the PVC…). */
  readonly objects?: readonly { readonly kind: string; readonly name: string }[];
}

export interface Diagnostics {
  readonly events: readonly string[];
  readonly logs: readonly LogExcerpt[];
}

interface PodLike extends KubeObject {
  status?: {
    containerStatuses?: { name: string; restartCount?: number; state?: { terminated?: unknown } }[];
  };
}

/**
 * Events of the pods (and other objects) involved, and `logs --previous` of every restarted
 * container: what `kubectl describe` and `kubectl logs --previous` would show a student. Checks call
 * it for their failure evidence; the runner calls it when a failed check gave none. Never throws:
 * diagnostics that cannot be read are left out.
 */
export async function collectPodDiagnostics(
  ctx: Pick<CheckContext, 'cluster' | 'scope' | 'signal'>,
  target: DiagnosticsTarget,
): Promise<Diagnostics> {
  const namespace = ctx.scope.namespace;
  const pods = await findPods(ctx, target);
  const about = [
    ...pods.map((pod) => ({ kind: 'Pod', name: pod.metadata.name ?? '' })),
    ...(target.objects ?? []),
  ];
  const eventLists = await Promise.allSettled(
    about.map((object) => ctx.cluster.events(namespace, object)),
  );
  const events = eventLists
    .flatMap((result) => (result.status === 'fulfilled' ? result.value : []))
    .sort(
      (a, b) =>
        a.lastSeen.localeCompare(b.lastSeen) || formatEvent(a).localeCompare(formatEvent(b)),
    )
    .map(formatEvent);
  const uniqueEvents = [...new Set(events)].slice(-MAX_EVENTS);

  const restarted = pods.flatMap((pod) =>
    (pod.status?.containerStatuses ?? [])
      .filter((s) => (s.restartCount ?? 0) > 0)
      .map((s) => ({
        pod: pod.metadata.name ?? '',
        container: s.name,
        previous: crashIsInPreviousLog(s),
      })),
  );
  const logResults = await Promise.allSettled(
    restarted.map(async ({ pod, container, previous }) => {
      const text = await ctx.cluster.logs({
        namespace,
        pod,
        container,
        previous,
        tailLines: PREVIOUS_LOG_LINES,
      });
      return { pod, container, previous, text } satisfies LogExcerpt;
    }),
  );
  const logs = logResults.flatMap((result) =>
    result.status === 'fulfilled' ? [result.value] : [],
  );
  return { events: uniqueEvents, logs };
}

async function findPods(
  ctx: Pick<CheckContext, 'cluster' | 'scope' | 'signal'>,
  target: DiagnosticsTarget,
): Promise<PodLike[]> {
  const namespace = ctx.scope.namespace;
  try {
    if (target.podNames !== undefined) {
      const pods = await Promise.all(
        [...target.podNames]
          .sort()
          .slice(0, MAX_DIAGNOSED_PODS)
          .map((name) =>
            ctx.cluster.get<PodLike>(
              { apiVersion: 'v1', kind: 'Pod', namespace, name },
              ctx.signal,
            ),
          ),
      );
      return pods.filter((pod): pod is NonNullable<typeof pod> => pod !== undefined);
    }
    const pods = await ctx.cluster.list<PodLike>(
      { apiVersion: 'v1', kind: 'Pod', namespace, labelSelector: target.labelSelector },
      ctx.signal,
    );
    return pods
      .sort((a, b) => (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''))
      .slice(0, MAX_DIAGNOSED_PODS);
  } catch {
    return [];
  }
}
