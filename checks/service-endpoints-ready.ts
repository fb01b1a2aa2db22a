import { z } from 'zod';
import { defineCheck, type KubeObject } from '../src/check-api/index.js';
import {
  ENDPOINT_SLICE_REF,
  describeEndpoints,
  podEndpoints,
  sliceSelector,
  type EndpointSlice,
} from './lib/network/endpoint-slices.js';
import {
  POD_REF,
  describePod,
  isPodReady,
  isTerminating,
  podName,
  type Pod,
} from './lib/pods/pod-state.js';
import { remainingBudget, waitVerdict } from './lib/wait.js';
import { listPods, resolveTarget } from './lib/workloads/workload.js';

/**
 * Pods start and pass their first readiness probe, then the EndpointSlice controller lists them:
 * ninety seconds covers an image start and a readiness probe with a short initial delay.
 */
const DEFAULT_TIMEOUT_MS = 90_000;

interface Service extends KubeObject {
  spec?: { selector?: Record<string, string>; clusterIP?: string };
}

export default defineCheck({
  kind: 'service-endpoints-ready',
  description:
    'Every pod of a Deployment is Ready and listed as a ready endpoint in the EndpointSlices of the Service that should front it.',
  params: z.strictObject({
    service: z.string().min(1),
    /** The Deployment whose pods the Service must list. */
    deployment: z.string().min(1),
  }),
  defaultTimeoutMs: DEFAULT_TIMEOUT_MS,
  async run(ctx, params) {
    const startedAt = Date.now();
    const namespace = ctx.scope.namespace;
    const expected = `every pod of Deployment ${params.deployment} Ready and listed as ready in Service ${params.service}'s EndpointSlices`;
    const service = await ctx.cluster.get<Service>(
      { apiVersion: 'v1', kind: 'Service', namespace, name: params.service },
      ctx.signal,
    );
    if (service === undefined) {
      return {
        status: 'failed',
        message: `Service ${params.service} not found in namespace ${namespace}: create it (kubectl expose or a Service manifest)`,
        evidence: { expected },
      };
    }
    const target = await resolveTarget(ctx, { kind: 'Deployment', name: params.deployment });
    if (target === undefined) {
      return {
        status: 'failed',
        message: `Deployment ${params.deployment} not found in namespace ${namespace}`,
        evidence: { expected },
      };
    }
    const selector = service.spec?.selector ?? {};
    const templateLabels =
      (
        target.workload?.spec?.template as
          { metadata?: { labels?: Record<string, string> } } | undefined
      )?.metadata?.labels ?? {};
    const mismatched = Object.entries(selector)
      .filter(([k, v]) => templateLabels[k] !== v)
      .map(([k, v]) => `${k}=${v}`)
      .sort();
    if (Object.keys(selector).length === 0 || mismatched.length > 0) {
      return {
        status: 'failed',
        message: `Service ${params.service}'s selector ${Object.keys(selector).length === 0 ? 'is empty' : `asks for ${mismatched.join(', ')}`}, which the pods of Deployment ${params.deployment} do not carry: it can never list them`,
        evidence: {
          expected,
          observed: `Service selector: ${JSON.stringify(selector)}; pod labels: ${JSON.stringify(templateLabels)}`,
        },
      };
    }
    const wanted = target.desired ?? 1;
    const pods = await waitVerdict<Pod, Pod[]>(
      ctx,
      { ...POD_REF, namespace, labelSelector: target.labelSelector },
      {
        description: `${wanted} pod(s) of Deployment ${params.deployment} to be Ready`,
        check(all) {
          const live = all.filter((p) => !isTerminating(p));
          const ready = live.filter(isPodReady);
          return ready.length >= wanted
            ? { state: 'met', value: ready }
            : {
                state: 'pending',
                errors: [
                  `${ready.length}/${wanted} Ready`,
                  ...live.filter((p) => !isPodReady(p)).map(describePod),
                ],
              };
        },
      },
      remainingBudget(ctx, startedAt) / 2,
    );
    if (!pods.met) {
      return {
        status: 'failed',
        message: `the pods of Deployment ${params.deployment} are not Ready, so Service ${params.service} cannot send them traffic: ${pods.errors.join('; ')}`,
        evidence: {
          expected,
          observed: (await listPods(ctx, target.labelSelector)).map(describePod).join('\n'),
        },
      };
    }
    const names = pods.value.map(podName).sort();
    const listed = await waitVerdict<EndpointSlice, string>(
      ctx,
      { ...ENDPOINT_SLICE_REF, namespace, labelSelector: sliceSelector(params.service) },
      {
        description: `Service ${params.service}'s EndpointSlices to list ${names.join(', ')} as ready`,
        check(slices) {
          const endpoints = podEndpoints(slices);
          const missing = names.filter((n) => !endpoints.some((e) => e.pod === n && e.ready));
          return missing.length === 0
            ? { state: 'met', value: describeEndpoints(endpoints) }
            : {
                state: 'pending',
                errors: [
                  `not listed as ready: ${missing.join(', ')}`,
                  `listed: ${describeEndpoints(endpoints)}`,
                ],
              };
        },
      },
      remainingBudget(ctx, startedAt),
    );
    if (!listed.met) {
      return {
        status: 'failed',
        message: `Service ${params.service} does not list the Ready pods: ${listed.errors.join('; ')}`,
        evidence: { expected, observed: listed.errors.join('\n') },
      };
    }
    return {
      status: 'passed',
      message: `Service ${params.service} lists all ${names.length} Ready pod(s) of Deployment ${params.deployment}`,
      evidence: { observed: listed.value },
    };
  },
});
