import { z } from 'zod';
import {
  defineCheck,
  type FieldError,
  parseQuantity,
  sameQuantity,
} from '../src/check-api/index.js';
import { WorkloadKind, resolveTarget } from './lib/workloads/workload.js';

/** Reading one workload is a single GET. */
const DEFAULT_TIMEOUT_MS = 10_000;

const Amounts = z.strictObject({
  cpu: z.string().min(1).optional(),
  memory: z.string().min(1).optional(),
});

interface ResourcedContainer {
  name: string;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
}

export default defineCheck({
  kind: 'container-resources',
  description:
    'A workload’s container declares the CPU and memory requests and limits the exercise asks for, compared as quantities (0.1 equals 100m, 134217728 equals 128Mi); lists every field that differs.',
  params: z.strictObject({
    kind: WorkloadKind.default('Deployment'),
    name: z.string().min(1),
    container: z.string().min(1).optional(),
    requests: Amounts.default({}),
    limits: Amounts.default({}),
  }),
  defaultTimeoutMs: DEFAULT_TIMEOUT_MS,
  async run(ctx, params) {
    const target = await resolveTarget(ctx, params);
    const wanted = (['requests', 'limits'] as const).flatMap((section) =>
      (['cpu', 'memory'] as const).flatMap((resource) => {
        const value = params[section][resource];
        return value === undefined ? [] : [`${section}.${resource} ${value}`];
      }),
    );
    const expected = `${params.kind} ${params.name}: ${wanted.join(', ')}`;
    if (target === undefined) {
      return {
        status: 'failed',
        message: `${params.kind} ${params.name} not found in namespace ${ctx.scope.namespace}`,
        evidence: { expected },
      };
    }
    const containers =
      (target.workload?.spec?.template?.spec as { containers?: ResourcedContainer[] } | undefined)
        ?.containers ?? [];
    const index =
      params.container === undefined ? 0 : containers.findIndex((c) => c.name === params.container);
    const container = containers[index];
    if (container === undefined) {
      return {
        status: 'failed',
        message: `${params.kind} ${params.name} has no container ${params.container ?? ''}`.trim(),
        evidence: { expected },
      };
    }
    const base = `spec.template.spec.containers[${index}].resources`;
    const fieldErrors: FieldError[] = [];
    for (const section of ['requests', 'limits'] as const) {
      for (const resource of ['cpu', 'memory'] as const) {
        const want = params[section][resource];
        if (want === undefined) continue;
        const got = container.resources?.[section]?.[resource];
        if (got === undefined)
          fieldErrors.push({
            path: `${base}.${section}.${resource}`,
            message: `missing: expected ${want}`,
          });
        else if (!sameQuantity(got, want)) {
          const note = parseQuantity(got) === undefined ? ' (not a quantity)' : '';
          fieldErrors.push({
            path: `${base}.${section}.${resource}`,
            message: `expected ${want}, found ${got}${note}`,
          });
        }
      }
    }
    if (fieldErrors.length === 0)
      return {
        status: 'passed',
        message: `${params.kind} ${params.name} declares ${wanted.join(', ')}`,
      };
    return {
      status: 'failed',
      message: `${params.kind} ${params.name}: ${fieldErrors.map((e) => `${e.path}: ${e.message}`).join('; ')}`,
      evidence: { expected, fieldErrors },
    };
  },
});
