import { setTimeout as delay } from 'node:timers/promises';
import type { CheckContext } from '../../../src/check-api/index.js';
import {
  isNxdomain,
  parseNslookup,
  parseResolvConf,
  sameAddresses,
  searchCandidates,
  type ResolvConf,
} from './dns-answer.js';
import { describeExec, execIn } from '../pods/exec.js';
import {
  ENDPOINT_SLICE_REF,
  describeEndpoints,
  podEndpoints,
  sliceSelector,
  type EndpointSlice,
} from './endpoint-slices.js';
import { removeGraderPods, startGraderPod } from '../grader/grader-pod.js';
import { waitVerdict, type WaitVerdict } from '../wait.js';

/** The grader's DNS probe pod starts from a local image in seconds; 60 s covers a cold node. */
export const PROBE_START_MS = 60_000;

/**
 * CoreDNS answers cluster names with a 30 s TTL (`kubernetes … ttl 30`, the kubeadm and minikube
 * default) and its `cache 30` plugin may serve an answer for that long after the endpoints changed.
 * DNS cannot be watched, so when the grader needs a *changed* answer it re-queries at this spacing
 * until the TTL (plus margin) has passed: the only re-query in the grader, bounded by the record TTL.
 */
export const DNS_TTL_MS = 30_000;
export const DNS_REQUERY_SPACING_MS = 3_000;

/** A probe pod and its resolver configuration (search domains, ndots), read once. */
export interface DnsProbe {
  readonly pod: string;
  readonly conf: ResolvConf;
}

export interface Lookup {
  readonly name: string;
  /** The absolute name that answered (`web-0.nginx.ns.svc.cluster.local.`), if one did. */
  readonly answeredAs: string | undefined;
  readonly addresses: readonly string[];
  readonly nxdomain: boolean;
  /** Short rendering of the answer for evidence. */
  readonly said: string;
}

/** Runs `use` with a busybox probe pod in the lab namespace, and removes the pod afterwards. */
export async function withDnsProbe<T>(
  ctx: CheckContext,
  use: (probe: DnsProbe) => Promise<T>,
): Promise<T> {
  ctx.progress('starting the DNS probe pod');
  const pod = await startGraderPod(
    ctx,
    { prefix: 'kubelab-dns-probe-', role: 'dns-probe' },
    PROBE_START_MS,
  );
  try {
    const resolv = await execIn(ctx, { pod, command: ['cat', '/etc/resolv.conf'] });
    return await use({ pod, conf: parseResolvConf(resolv.stdout) });
  } finally {
    await removeGraderPods(ctx, [pod]);
  }
}

/**
 * Resolves `name` the way a pod's resolver does: each absolute name from the pod's search list in
 * turn (busybox `nslookup` applies no search list to dotted names, so the grader walks it), the
 * first that answers wins.
 */
export async function lookup(ctx: CheckContext, probe: DnsProbe, name: string): Promise<Lookup> {
  ctx.progress(`resolving ${name} from ${probe.pod}`);
  const tried: string[] = [];
  for (const candidate of searchCandidates(name, probe.conf)) {
    const result = await execIn(ctx, { pod: probe.pod, command: ['nslookup', candidate] });
    const addresses = parseNslookup(result.stdout);
    if (addresses.length > 0) {
      return {
        name,
        answeredAs: candidate,
        addresses,
        nxdomain: false,
        said: addresses.join(', '),
      };
    }
    const output = `${result.stdout}\n${result.stderr}`;
    tried.push(`${candidate} ${isNxdomain(output) ? 'NXDOMAIN' : describeExec(result)}`);
  }
  return {
    name,
    answeredAs: undefined,
    addresses: [],
    nxdomain: true,
    said: `no answer (${tried.join('; ')})`,
  };
}

/**
 * Resolves until the answer is `expected` (as a set), re-querying every few seconds for at most the
 * DNS TTL plus one spacing (see DNS_TTL_MS), or until `budgetMs` ends. Returns the last answer.
 */
export async function lookupUntil(
  ctx: CheckContext,
  options: { probe: DnsProbe; name: string; expected: readonly string[]; budgetMs: number },
): Promise<{ lookup: Lookup; queries: number }> {
  const deadline = Date.now() + Math.min(options.budgetMs, DNS_TTL_MS + DNS_REQUERY_SPACING_MS);
  let queries = 1;
  let last = await lookup(ctx, options.probe, options.name);
  while (
    !sameAddresses(last.addresses, options.expected) &&
    Date.now() + DNS_REQUERY_SPACING_MS < deadline
  ) {
    await delay(DNS_REQUERY_SPACING_MS, undefined, { signal: ctx.signal });
    queries += 1;
    last = await lookup(ctx, options.probe, options.name);
  }
  return { lookup: last, queries };
}

/**
 * Waits on the watch until Service `service`'s EndpointSlices list every pod of `pods` as ready —
 * the data CoreDNS answers from — and returns their addresses by pod. A verdict, not a throw: the
 * caller still asks DNS and reports what it answers.
 */
export function waitForServedPods(
  ctx: CheckContext,
  options: { service: string; pods: readonly string[]; timeoutMs: number },
): Promise<WaitVerdict<ReadonlyMap<string, string>>> {
  return waitVerdict<EndpointSlice, ReadonlyMap<string, string>>(
    ctx,
    {
      ...ENDPOINT_SLICE_REF,
      namespace: ctx.scope.namespace,
      labelSelector: sliceSelector(options.service),
    },
    {
      description: `Service ${options.service} to list ${options.pods.join(', ')} as ready endpoints`,
      check(slices) {
        const endpoints = podEndpoints(slices);
        const ready = new Map(endpoints.filter((e) => e.ready).map((e) => [e.pod, e.address]));
        return options.pods.every((p) => ready.has(p))
          ? { state: 'met', value: ready }
          : { state: 'pending', errors: [describeEndpoints(endpoints)] };
      },
    },
    options.timeoutMs,
  );
}
