import { z } from 'zod';
import {
  clusterName,
  defineCheck,
  type FieldError,
  type KubeObject,
} from '../src/check-api/index.js';
import { POD_REF, type Pod } from './lib/pods/pod-state.js';
import { leftoverAdviceFor } from './lib/leftover-object.js';

/** Two GETs. */
const DEFAULT_TIMEOUT_MS = 10_000;

interface PriorityClass extends KubeObject {
  value?: number;
  preemptionPolicy?: string;
  globalDefault?: boolean;
}

interface PrioritisedPod extends Pod {
  spec?: Pod['spec'] & { priority?: number };
}

export default defineCheck({
  kind: 'priority-class-resolved',
  description:
    'A PriorityClass has the value and preemption policy asked for, and a pod uses it: spec.priorityClassName names it and the API server resolved spec.priority to its value.',
  params: z.strictObject({
    /** The PriorityClass as the student named it (prefixed in batch grading). */
    priorityClass: z.string().min(1),
    value: z.number().int(),
    preemptionPolicy: z.enum(['PreemptLowerPriority', 'Never']).default('PreemptLowerPriority'),
    pod: z.string().min(1),
  }),
  defaultTimeoutMs: DEFAULT_TIMEOUT_MS,
  async run(ctx, params) {
    const className = clusterName(ctx.scope, params.priorityClass);
    const expected = `PriorityClass ${className} (value ${params.value}, ${params.preemptionPolicy}) used by pod ${params.pod}, whose spec.priority is ${params.value}`;
    const [priorityClass, pod] = await Promise.all([
      ctx.cluster.get<PriorityClass>(
        { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', name: className },
        ctx.signal,
      ),
      ctx.cluster.get<PrioritisedPod>(
        { ...POD_REF, namespace: ctx.scope.namespace, name: params.pod },
        ctx.signal,
      ),
    ]);
    const fieldErrors: FieldError[] = [];
    if (priorityClass === undefined) {
      fieldErrors.push({
        path: `PriorityClass ${className}`,
        message: 'missing: create it (it is cluster-scoped: no namespace)',
      });
    } else {
      if (priorityClass.value !== params.value) {
        fieldErrors.push({
          path: `PriorityClass ${className}.value`,
          message: `expected ${params.value}, found ${priorityClass.value ?? 'nothing'}`,
        });
      }
      const policy = priorityClass.preemptionPolicy ?? 'PreemptLowerPriority';
      if (policy !== params.preemptionPolicy) {
        fieldErrors.push({
          path: `PriorityClass ${className}.preemptionPolicy`,
          message: `expected ${params.preemptionPolicy}, found ${policy}`,
        });
      }
    }
    if (pod === undefined) {
      fieldErrors.push({
        path: `Pod ${params.pod}`,
        message: `missing in namespace ${ctx.scope.namespace}`,
      });
    } else {
      if (pod.spec?.priorityClassName !== className) {
        fieldErrors.push({
          path: `Pod ${params.pod}.spec.priorityClassName`,
          message: `expected ${className}, found ${pod.spec?.priorityClassName ?? 'nothing'}`,
        });
      }
      if (pod.spec?.priority !== params.value) {
        fieldErrors.push({
          path: `Pod ${params.pod}.spec.priority`,
          message: `expected ${params.value} (resolved by the API server from the class), found ${pod.spec?.priority ?? 'nothing'}`,
        });
      }
    }
    if (fieldErrors.length === 0) {
      return {
        status: 'passed',
        message: `pod ${params.pod} runs with priority ${params.value} from PriorityClass ${className} (${params.preemptionPolicy})`,
      };
    }
    const classWrong = fieldErrors.some((e) => e.path.startsWith(`PriorityClass ${className}.`));
    const leftover =
      classWrong && priorityClass !== undefined
        ? await leftoverAdviceFor(ctx, { ...priorityClass, kind: 'PriorityClass' })
        : undefined;
    return {
      status: 'failed',
      message: `${fieldErrors.map((e) => `${e.path}: ${e.message}`).join('; ')}${leftover === undefined ? '' : `. ${leftover}`}`,
      ...(leftover === undefined ? {} : { hint: leftover }),
      evidence: { expected, fieldErrors },
    };
  },
});
