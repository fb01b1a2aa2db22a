import type { KubeObject } from '../../../src/check-api/index.js';

interface CopiedSpec {
  nodeName?: string;
  priority?: number;
  preemptionPolicy?: string;
  nodeSelector?: Record<string, string>;
  volumes?: { name: string }[];
  containers?: { volumeMounts?: { name: string }[] }[];
  initContainers?: { volumeMounts?: { name: string }[] }[];
  [key: string]: unknown;
}

/** The ServiceAccount token volume the API server adds to every pod; a copy gets its own. */
const TOKEN_VOLUME = /^kube-api-access-/;

/**
 * A new pod with the spec of a live one, as its manifest asked for it: binding, resolved priority
 * and the injected token volume are removed so admission resolves them again; labels are replaced
 * (the copy must not join the original's Services or ReplicaSets).
 */
export function copyPod(
  original: KubeObject,
  options: {
    generateName: string;
    labels: Record<string, string>;
    nodeSelector?: Record<string, string>;
  },
): KubeObject {
  const spec = structuredClone((original.spec ?? {}) as CopiedSpec);
  delete spec.nodeName;
  delete spec.priority;
  delete spec.preemptionPolicy;
  spec.volumes = (spec.volumes ?? []).filter((v) => !TOKEN_VOLUME.test(v.name));
  for (const container of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
    container.volumeMounts = (container.volumeMounts ?? []).filter(
      (m) => !TOKEN_VOLUME.test(m.name),
    );
  }
  if (options.nodeSelector !== undefined)
    spec.nodeSelector = { ...(spec.nodeSelector ?? {}), ...options.nodeSelector };
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName: options.generateName,
      namespace: original.metadata.namespace,
      labels: options.labels,
    },
    spec,
  };
}
