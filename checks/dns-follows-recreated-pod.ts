import { z } from 'zod';
import { defineCheck } from '../src/check-api/index.js';
import { sameAddresses } from './lib/network/dns-answer.js';
import { lookupUntil, withDnsProbe } from './lib/network/dns-probe.js';
import {
  ENDPOINT_SLICE_REF,
  describeEndpoints,
  podEndpoints,
  sliceSelector,
  type EndpointSlice,
} from './lib/network/endpoint-slices.js';
import { waitForPod } from './lib/pods/pod-wait.js';
import { deleteAndWait } from './lib/workloads/recreate.js';
import { remainingBudget, waitVerdict } from './lib/wait.js';
import type { Pod } from './lib/pods/pod-state.js';

/** Delete a web pod, its replacement turns Ready, endpoints follow, then up to one DNS TTL (30 s): 2 minutes. */
const DEFAULT_TIMEOUT_MS = 120_000;

type PodWithIp = Pod & { status?: { podIP?: string } };

export default defineCheck({
  kind: 'dns-follows-recreated-pod',
  description:
    "The grader deletes <set>-<ordinal>; once the StatefulSet has recreated it, <set>-<ordinal>.<service> resolves to the new pod's IP: the name is stable, the address follows the pod.",
  params: z.strictObject({
    statefulSet: z.string().min(1),
    service: z.string().min(1),
    ordinal: z.number().int().min(0).default(0),
  }),
  defaultTimeoutMs: DEFAULT_TIMEOUT_MS,
  async run(ctx, params) {
    const startedAt = Date.now();
    const name = `${params.statefulSet}-${params.ordinal}`;
    const dnsName = `${name}.${params.service}`;
    const before = await waitForPod(ctx, { name, timeoutMs: remainingBudget(ctx, startedAt) / 4 });
    if (!before.met)
      return { status: 'failed', message: `pod ${name} is not Ready: ${before.errors.join('; ')}` };
    const oldPod = before.value as PodWithIp;
    return withDnsProbe(ctx, async (probe) => {
      ctx.progress(`deleting pod ${name}`);
      if (!(await deleteAndWait(ctx, oldPod, remainingBudget(ctx, startedAt)))) {
        return {
          status: 'failed',
          message: `pod ${name} was still terminating when the check's time ran out`,
        };
      }
      const back = await waitForPod(ctx, {
        name,
        notUid: oldPod.metadata.uid,
        timeoutMs: remainingBudget(ctx, startedAt),
      });
      if (!back.met) {
        return {
          status: 'failed',
          message: `the StatefulSet did not bring ${name} back Ready: ${back.errors.join('; ')}`,
        };
      }
      const newIp = (back.value as PodWithIp).status?.podIP ?? '';
      const listed = await waitVerdict<EndpointSlice, true>(
        ctx,
        {
          ...ENDPOINT_SLICE_REF,
          namespace: ctx.scope.namespace,
          labelSelector: sliceSelector(params.service),
        },
        {
          description: `Service ${params.service}'s endpoints to list ${name} at ${newIp}`,
          check(slices) {
            const endpoints = podEndpoints(slices);
            const mine = endpoints.find((e) => e.pod === name);
            return mine?.address === newIp && mine.ready
              ? { state: 'met', value: true }
              : { state: 'pending', errors: [describeEndpoints(endpoints)] };
          },
        },
        remainingBudget(ctx, startedAt),
      );
      if (!listed.met) {
        return {
          status: 'failed',
          message: `Service ${params.service} does not list the new ${name} (${newIp}): ${listed.errors.join('; ')}; does it select the StatefulSet's pods?`,
        };
      }
      const { lookup, queries } = await lookupUntil(ctx, {
        probe,
        name: dnsName,
        expected: [newIp],
        budgetMs: remainingBudget(ctx, startedAt),
      });
      const notes = [
        `old IP ${oldPod.status?.podIP ?? '?'}, new IP ${newIp}; ${queries} DNS quer${queries === 1 ? 'y' : 'ies'}`,
        `${name} recreated and resolvable ${((Date.now() - startedAt) / 1000).toFixed(1)}s after the grader deleted it`,
      ];
      if (sameAddresses(lookup.addresses, [newIp])) {
        return {
          status: 'passed',
          message: `${dnsName} resolves to the new ${name}'s IP ${newIp}`,
          evidence: { notes },
        };
      }
      return {
        status: 'failed',
        message: `${dnsName} resolves to ${lookup.said}, not to the new ${name}'s IP ${newIp}, one DNS TTL after the pod was back`,
        evidence: { expected: `${dnsName} → ${newIp}`, observed: lookup.said, notes },
      };
    });
  },
});
