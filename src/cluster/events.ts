import type { EventSummary, KubeObject } from './cluster.js';
import { listObjects, type RestContext } from './connect/rest.js';
import { timeOf } from './time.js';

interface CoreEvent extends KubeObject {
  type?: string;
  reason?: string;
  message?: string;
  count?: number;
  firstTimestamp?: string;
  lastTimestamp?: string;
  eventTime?: string;
  involvedObject?: { kind?: string; name?: string; fieldPath?: string };
  series?: { count?: number; lastObservedTime?: string };
}

/** The event's last time: lastTimestamp, series, eventTime, or creation. */
function lastSeenOf(event: CoreEvent): number {
  return (
    timeOf(event.series?.lastObservedTime) ??
    timeOf(event.lastTimestamp) ??
    timeOf(event.eventTime) ??
    timeOf(event.metadata.creationTimestamp) ??
    0
  );
}

/**
 * The container an event is about, from `involvedObject.fieldPath` (`spec.containers{web}`), as
 * ` container web`; empty for an event about the whole object. Since Kubernetes 1.35 the kubelet's
 * Created and Started messages no longer name the container, so this is the only place left that
 * says which one it was.
 */
function containerOf(fieldPath: string | undefined): string {
  const match = /^spec\.(containers|initContainers|ephemeralContainers)\{([^}]+)\}$/.exec(
    fieldPath ?? '',
  );
  if (match === null) return '';
  const role = { containers: 'container', initContainers: 'init container' }[match[1]!];
  return ` ${role ?? 'ephemeral container'} ${match[2]!}`;
}

export function summarizeEvent(event: CoreEvent): EventSummary {
  const kind = (event.involvedObject?.kind ?? 'object').toLowerCase();
  const container = containerOf(event.involvedObject?.fieldPath);
  return {
    type: event.type ?? 'Normal',
    reason: event.reason ?? '',
    object: `${kind}/${event.involvedObject?.name ?? ''}${container}`,
    message: (event.message ?? '').trim(),
    count: event.series?.count ?? event.count ?? 1,
    lastSeen: new Date(lastSeenOf(event)).toISOString(),
  };
}

/** Sorts oldest first; ties broken by object, reason and message so the order is deterministic. */
export function sortEvents(events: readonly CoreEvent[]): EventSummary[] {
  return [...events]
    .map((event) => ({ at: lastSeenOf(event), summary: summarizeEvent(event) }))
    .sort(
      (a, b) =>
        a.at - b.at ||
        a.summary.object.localeCompare(b.summary.object) ||
        a.summary.reason.localeCompare(b.summary.reason) ||
        a.summary.message.localeCompare(b.summary.message),
    )
    .map((entry) => entry.summary);
}

/** core/v1 events of a namespace, or about one object, oldest first. */
export async function listEvents(
  rest: RestContext,
  namespace: string,
  about?: { kind: string; name: string },
): Promise<EventSummary[]> {
  const fieldSelector =
    about === undefined
      ? undefined
      : `involvedObject.kind=${about.kind},involvedObject.name=${about.name}`;
  const list = await listObjects<CoreEvent>(rest, {
    apiVersion: 'v1',
    kind: 'Event',
    namespace,
    fieldSelector,
  });
  return sortEvents(list.items);
}

/** `Warning BackOff pod/web-1: Back-off restarting failed container (x3)`. */
export function formatEvent(event: EventSummary): string {
  const times = event.count > 1 ? ` (x${event.count})` : '';
  return `${event.type} ${event.reason} ${event.object}: ${event.message}${times}`;
}
