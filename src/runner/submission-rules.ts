import type { KubeObject } from '../cluster/cluster.js';
import { isJson, podSpecsOf } from './pod-specs.js';
import {
  DEFAULT_CLASS_ANNOTATIONS,
  MAX_SUBMISSION_PRIORITY,
  NODE_PORT_SERVICE_TYPES,
  SYSTEM_PRIORITY_PREFIX,
} from './submission-limits.js';

/**
 * Why a graded submission may not send this document, or undefined when it may. The same limits
 * as the cluster's admission policy (admission-policy.ts), checked first so the feedback names the
 * field, what was found and what to write instead. Pure; the object is not modified.
 */
export function submissionRefusal(object: KubeObject): string | undefined {
  const rule = RULES[object.kind];
  const own = rule?.(object);
  if (own !== undefined) return own;
  return podPriorityRefusal(object);
}

const name = (object: KubeObject): string => `${object.kind} ${object.metadata.name ?? ''}`.trim();

const RULES: Readonly<Record<string, (object: KubeObject) => string | undefined>> = {
  PriorityClass(object) {
    const value = object['value'];
    if (typeof value === 'number' && value > MAX_SUBMISSION_PRIORITY) {
      return `${name(object)}: value ${value} is above ${MAX_SUBMISSION_PRIORITY}, the highest a graded submission may use (the cluster's own components run above it); use the value the lab asks for`;
    }
    if (object['globalDefault'] === true) {
      return `${name(object)}: globalDefault: true would give your priority to every pod of the cluster, other students' included; remove globalDefault (or set it to false)`;
    }
    return undefined;
  },
  StorageClass(object) {
    const annotations = object.metadata.annotations ?? {};
    const marked = DEFAULT_CLASS_ANNOTATIONS.filter((key) => key in annotations);
    if (marked.length > 0) {
      return `${name(object)}: annotation ${marked.join(', ')} would make your class a default of the whole cluster (it would take other tenants' claims that name no class); remove the annotation and name your class in your claim's storageClassName`;
    }
    const parameters = object['parameters'];
    if (isJson(parameters) && Object.keys(parameters).length > 0) {
      const keys = Object.keys(parameters).sort().join(', ');
      return `${name(object)}: parameters (${keys}) are not accepted in graded submissions: a provisioner parameter such as pathPattern or nodePath decides where volumes go on the node; the lab teaches no parameters, remove them`;
    }
    return undefined;
  },
  Service(object) {
    const spec = isJson(object['spec']) ? object['spec'] : {};
    const ips = spec['externalIPs'];
    if (Array.isArray(ips) && ips.length > 0) {
      return `${name(object)}: spec.externalIPs (${ips.map(String).join(', ')}) would make the node capture traffic to those addresses for every tenant; remove externalIPs (no lab needs them)`;
    }
    const type = spec['type'];
    if (typeof type === 'string' && (NODE_PORT_SERVICE_TYPES as readonly string[]).includes(type)) {
      return `${name(object)}: type ${type} opens a port on the node, which this lab does not allow; use type ClusterIP (the default) or a headless Service`;
    }
    return undefined;
  },
};

/** A pod, or a workload's pod template, asking for a system-* class or a priority above the ceiling. */
function podPriorityRefusal(object: KubeObject): string | undefined {
  for (const podSpec of podSpecsOf(object)) {
    const className = podSpec['priorityClassName'];
    if (typeof className === 'string' && className.startsWith(SYSTEM_PRIORITY_PREFIX)) {
      return `${name(object)}: priorityClassName ${className} is reserved for the cluster's own components; use the PriorityClass the lab asks you to write`;
    }
    const priority = podSpec['priority'];
    if (typeof priority === 'number' && priority > MAX_SUBMISSION_PRIORITY) {
      return `${name(object)}: spec.priority ${priority} is above ${MAX_SUBMISSION_PRIORITY}, the highest a graded submission may use; set priorityClassName instead of priority`;
    }
  }
  return undefined;
}
