import type { RequestingPod } from '../node/node-memory.js';

/**
 * A namespace's LimitRange fills in the requests and limits a container leaves out (batch grading
 * sets one on every submission's namespace; a student's own cluster usually has none). The
 * LimitRanger admission plugin records what it set in this annotation, e.g.
 * `LimitRanger plugin set: cpu, memory request for container app; memory limit for init container setup`.
 * Checks read a pod "as written" through it, so the same manifest gets the same verdict with or
 * without a LimitRange.
 */
export const LIMIT_RANGER_ANNOTATION = 'kubernetes.io/limit-ranger';

const PREFIX = 'LimitRanger plugin set: ';

/** One part of the annotation: `cpu, memory request for container app`. */
const PART = /^([a-z0-9.\-/, ]+) (request|limit) for (container|init container) (\S+)$/;

export interface DefaultedField {
  readonly list: 'containers' | 'initContainers';
  readonly container: string;
  readonly section: 'requests' | 'limits';
  readonly resource: string;
}

/** The fields the annotation says LimitRanger set; parts it does not recognise are ignored. */
export function limitRangerDefaults(annotation: string | undefined): DefaultedField[] {
  if (annotation === undefined || !annotation.startsWith(PREFIX)) return [];
  return annotation
    .slice(PREFIX.length)
    .split('; ')
    .flatMap((part) => {
      const match = PART.exec(part.trim());
      if (match === null) return [];
      const [, resources = '', section, kind, container = ''] = match;
      return resources.split(', ').map((resource) => ({
        list: kind === 'container' ? ('containers' as const) : ('initContainers' as const),
        container,
        section: section === 'request' ? ('requests' as const) : ('limits' as const),
        resource: resource.trim(),
      }));
    });
}

/** The LimitRanger annotation of a pod, when it has one (its resources were defaulted). */
export function limitRangerNote(pod: {
  metadata: { annotations?: Record<string, string> };
}): string | undefined {
  return pod.metadata.annotations?.[LIMIT_RANGER_ANNOTATION];
}

/**
 * A copy of `pod` with the requests and limits LimitRanger filled in removed: the resources as the
 * student's manifest wrote them. A pod without the annotation is returned as it is.
 */
export function asWritten<P extends RequestingPod>(pod: P): P {
  const defaults = limitRangerDefaults(limitRangerNote(pod));
  if (defaults.length === 0) return pod;
  const copy = structuredClone(pod);
  for (const field of defaults) {
    const container = copy.spec?.[field.list]?.find((c) => c.name === field.container);
    const section = container?.resources?.[field.section];
    if (section !== undefined) delete section[field.resource];
  }
  return copy;
}
