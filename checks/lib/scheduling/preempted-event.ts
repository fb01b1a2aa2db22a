import type { CheckContext, KubeObject } from '../../../src/check-api/index.js';
import { waitVerdict } from '../wait.js';

interface CoreEvent extends KubeObject {
  reason?: string;
  message?: string;
  involvedObject?: { kind?: string; name?: string };
}

/**
 * Waits for the scheduler's `Preempted` event on one of `victims` that names the preemptor
 * ("Preempted by pod <uid> on node …", or its namespace/name): proof that this pod, and not some
 * other pending pod of a busy cluster, made the room. Resolves to the event's line, or undefined
 * (at once when every victim's Preempted event names another pod).
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
        const names = (e: CoreEvent): boolean =>
          (e.message ?? '')
            .split(/\s+/)
            .some((word) => word === uid || word === name || word.endsWith(`/${name}`));
        const onVictims = events.filter((e) => victims.has(e.involvedObject?.name ?? ''));
        const event = onVictims.find(names);
        if (event !== undefined)
          return {
            state: 'met',
            value: `Normal Preempted pod/${event.involvedObject?.name ?? ''}: ${event.message ?? ''}`,
          };
        // Every victim already has its Preempted event, naming other pods: no need to wait on.
        const explained = new Set(onVictims.map((e) => e.involvedObject?.name ?? ''));
        if ([...victims].every((victim) => explained.has(victim)))
          return {
            state: 'impossible',
            reason: `${[...victims].join(', ')} preempted by other pods, not ${name}`,
          };
        return { state: 'pending', errors: [`no Preempted event naming ${name} yet`] };
      },
    },
    options.timeoutMs,
  );
  return verdict.met ? verdict.value : undefined;
}
