import { z } from 'zod';
import { defineCheck, type FieldError, type KubeObject } from '../src/check-api/index.js';
import {
  ProbeExpectation,
  ProbeType,
  probeErrors,
  type ProbedContainer,
} from './lib/pods/probe-spec.js';

/** Reading one Deployment is a single GET. */
const DEFAULT_TIMEOUT_MS = 10_000;

interface Deployment extends KubeObject {
  spec?: { template?: { spec?: { containers?: ProbedContainer[] } } };
}

export default defineCheck({
  kind: 'probes-configured',
  description:
    'A Deployment’s container declares the httpGet liveness, readiness and startup probes the exercise asks for (path, port, and timings within the given ranges); lists every field that differs.',
  params: z.strictObject({
    /** The Deployment. */
    name: z.string().min(1),
    /** The container (default: the first). */
    container: z.string().min(1).optional(),
    probes: z.partialRecord(ProbeType, ProbeExpectation),
  }),
  defaultTimeoutMs: DEFAULT_TIMEOUT_MS,
  async run(ctx, params) {
    const deployment = await ctx.cluster.get<Deployment>(
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        namespace: ctx.scope.namespace,
        name: params.name,
      },
      ctx.signal,
    );
    const wanted = Object.keys(params.probes).sort() as ProbeType[];
    const expected = `Deployment ${params.name} with ${wanted.map((t) => `a ${t} probe on ${params.probes[t]?.path ?? '?'}`).join(', ')}`;
    if (deployment === undefined) {
      return {
        status: 'failed',
        message: `Deployment ${params.name} not found in namespace ${ctx.scope.namespace}: apply your manifests and check the name`,
        evidence: { expected },
      };
    }
    const containers = deployment.spec?.template?.spec?.containers ?? [];
    const index =
      params.container === undefined ? 0 : containers.findIndex((c) => c.name === params.container);
    const container = containers[index];
    if (container === undefined) {
      return {
        status: 'failed',
        message: `Deployment ${params.name} has no container ${params.container ?? ''}`.trim(),
        evidence: {
          expected,
          observed: `containers: ${containers.map((c) => c.name).join(', ') || 'none'}`,
        },
      };
    }
    const base = `spec.template.spec.containers[${index}]`;
    const fieldErrors: FieldError[] = wanted.flatMap((type) => {
      const probe = params.probes[type];
      return probe === undefined ? [] : probeErrors({ container, type, expected: probe, base });
    });
    if (fieldErrors.length === 0) {
      return {
        status: 'passed',
        message: `Deployment ${params.name} declares the ${wanted.join(', ')} probe(s) as asked`,
      };
    }
    return {
      status: 'failed',
      message: `Deployment ${params.name}: ${fieldErrors.map((e) => `${e.path}: ${e.message}`).join('; ')}`,
      evidence: { expected, fieldErrors },
    };
  },
});
