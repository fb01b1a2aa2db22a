/** Plain JSON object (a manifest's mapping). */
export type Json = Record<string, unknown>;

export const isJson = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const POD_TEMPLATE_KINDS = new Set([
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'Job',
  'ReplicationController',
]);

/** The pod specs a manifest holds: a Pod's spec, a workload's template spec, a CronJob's job template's. */
export function podSpecsOf(object: Json): Json[] {
  const spec = object['spec'];
  if (!isJson(spec)) return [];
  const kind = object['kind'];
  if (kind === 'Pod') return [spec];
  if (typeof kind === 'string' && POD_TEMPLATE_KINDS.has(kind)) {
    const template = spec['template'];
    return isJson(template) && isJson(template['spec']) ? [template['spec']] : [];
  }
  if (kind === 'CronJob') {
    const jobSpec = isJson(spec['jobTemplate']) ? spec['jobTemplate']['spec'] : undefined;
    const template = isJson(jobSpec) ? jobSpec['template'] : undefined;
    return isJson(template) && isJson(template['spec']) ? [template['spec']] : [];
  }
  return [];
}
