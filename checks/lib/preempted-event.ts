import type { KubeObject } from '../../src/cluster/cluster.js';
import type { CheckContext } from '../../src/model/check-kind.js';
import { waitVerdict } from './wait.js';

interface CoreEvent extends KubeObject {
  reason?: string;
  message?: string;
  involvedObject?: { kind?: string; name?: string };
}

/**
 * Waits for the scheduler's `Preempted` event on one of `victims` that names the preemptor
 * ("Preempted by pod <uid> on node …", or its namespace/name): proof that this pod, and not some
 * other pending pod of a busy cluster, made the room. Resolves to the event's line, or undefined.
 */
export async function waitForPreemptedEvent(
  ctx: CheckContext,
  options: {
    victims: readonly string[];
    preemptor: { name: string; uid: string };
    timeoutMs: number;
  },
): Promise<string | undefined> {
  const victims = new Set(options.victims);
  const { name, uid } = options.preemptor;
  const verdict = await waitVerdict<CoreEvent, string>(
    ctx,
    {
      apiVersion: 'v1',
      kind: 'Event',
      namespace: ctx.scope.namespace,
      fieldSelector: 'reason=Preempted',
    },
    {
      description: `a Preempted event naming pod ${name}`,
      check(events) {
        const event = events.find(
          (e) =>
            victims.has(e.involvedObject?.name ?? '') &&
            (e.message ?? '')
              .split(/\s+/)
              .some((word) => word === uid || word === name || word.endsWith(`/${name}`)),
        );
        return event === undefined
          ? { state: 'pending', errors: [`no Preempted event naming ${name} yet`] }
          : {
              state: 'met',
              value: `Normal Preempted pod/${event.involvedObject?.name ?? ''}: ${event.message ?? ''}`,
            };
      },
    },
    options.timeoutMs,
  );
  return verdict.met ? verdict.value : undefined;
}
