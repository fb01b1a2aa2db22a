import { stringify } from 'yaml';
import type { KubeObject } from '../cluster.js';

/** At most this many objects and lines per object in a wait's "last observed" excerpt. */
const MAX_OBJECTS = 3;
const MAX_LINES = 40;

/** The object without the noise a reader never needs (managedFields, last-applied annotation). */
export function trimObject(object: KubeObject): KubeObject {
  const metadata: Record<string, unknown> = { ...(object.metadata ?? {}) };
  delete metadata['managedFields'];
  const annotations = { ...(object.metadata?.annotations ?? {}) };
  delete annotations['kubectl.kubernetes.io/last-applied-configuration'];
  const trimmed: Record<string, unknown> = { ...metadata };
  if (Object.keys(annotations).length === 0) delete trimmed['annotations'];
  else trimmed['annotations'] = annotations;
  return { ...object, metadata: trimmed };
}

/** Short YAML of one object, cut at MAX_LINES. */
export function shortYaml(object: KubeObject): string {
  const lines = stringify(trimObject(object), { lineWidth: 0 }).trimEnd().split('\n');
  if (lines.length <= MAX_LINES) return lines.join('\n');
  return [...lines.slice(0, MAX_LINES), `# … ${lines.length - MAX_LINES} more lines`].join('\n');
}

/** The last observed objects of a wait, for its timeout message ('' when none). */
export function describeObjects(objects: readonly KubeObject[]): string {
  if (objects.length === 0) return '';
  const shown = objects.slice(0, MAX_OBJECTS).map(shortYaml);
  if (objects.length > MAX_OBJECTS)
    shown.push(`# … and ${objects.length - MAX_OBJECTS} more objects`);
  return shown.join('\n---\n');
}
