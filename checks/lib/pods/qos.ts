import { parseQuantity, sameQuantity } from '../../../src/check-api/index.js';

export type QosClass = 'Guaranteed' | 'Burstable' | 'BestEffort';

/** The resources QoS is computed from (upstream's supportedQoSComputeResources). */
const QOS_RESOURCES = ['cpu', 'memory'] as const;

interface Resources {
  requests?: Record<string, unknown>;
  limits?: Record<string, unknown>;
}

export interface PodSpecResources {
  /** Pod-level resources (PodLevelResources): when set, they alone decide. */
  resources?: Resources;
  containers?: { resources?: Resources }[];
  initContainers?: { resources?: Resources }[];
}

/**
 * One container's class, as upstream's resourceQOS: for CPU and memory alike, request equal to
 * limit and non-zero is Guaranteed, both zero is BestEffort, anything else Burstable. A limit with
 * no request counts as a request of the same size, as the API server defaults it on a Pod.
 */
function containerQos(resources: Resources | undefined): QosClass {
  let qos: QosClass | undefined;
  for (const name of QOS_RESOURCES) {
    // Absent is zero, as upstream's Quantity.Equal and IsZero see it.
    const limit = resources?.limits?.[name] ?? 0;
    const request = resources?.requests?.[name] ?? limit;
    if (!sameQuantity(request, limit)) return 'Burstable';
    const bestEffort = parseQuantity(limit) === 0;
    const mine: QosClass = bestEffort ? 'BestEffort' : 'Guaranteed';
    if (qos === undefined) qos = mine;
    else if (qos !== mine) return 'Burstable';
  }
  return qos ?? 'BestEffort';
}

/**
 * The QoS class a pod spec gives, computed as the API server's ComputePodQOS does (containers and
 * init containers; any Burstable container, or a mix of BestEffort and Guaranteed, makes the pod
 * Burstable). Used on a workload's template: the class of what the student wrote, before a
 * namespace's LimitRange filled in defaults.
 */
export function qosClassOf(spec: PodSpecResources | undefined): QosClass {
  if (spec?.resources !== undefined) return containerQos(spec.resources);
  let pod: QosClass | undefined;
  for (const container of [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])]) {
    const qos = containerQos(container.resources);
    if (qos === 'Burstable') return qos;
    if (pod === undefined) pod = qos;
    else if (pod !== qos) return 'Burstable';
  }
  return pod ?? 'BestEffort';
}
