import { setTimeout as delay } from 'node:timers/promises';
import type { CheckContext } from '../../src/model/check-kind.js';
import { describeExec, execIn } from './exec.js';
import { removeGraderPods, startGraderPod } from './grader-pod.js';
import { isNxdomain, parseNslookup, sameAddresses } from './dns-answer.js';

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

export interface Lookup {
  readonly name: string;
  readonly addresses: readonly string[];
  readonly nxdomain: boolean;
  /** Short rendering of nslookup's output for evidence. */
  readonly said: string;
}

/** Runs `use` with a busybox probe pod in the lab namespace, and removes the pod afterwards. */
export async function withDnsProbe<T>(
  ctx: CheckContext,
  use: (probe: string) => Promise<T>,
): Promise<T> {
  ctx.progress('starting the DNS probe pod');
  const probe = await startGraderPod(
    ctx,
    { prefix: 'kubelab-dns-probe-', role: 'dns-probe' },
    PROBE_START_MS,
  );
  try {
    return await use(probe);
  } finally {
    await removeGraderPods(ctx, [probe]);
  }
}

/** `nslookup <name>` in the probe pod (its resolv.conf search path applies, like for any pod). */
export async function lookup(ctx: CheckContext, probe: string, name: string): Promise<Lookup> {
  ctx.progress(`resolving ${name} from ${probe}`);
  const result = await execIn(ctx, { pod: probe, command: ['nslookup', name] });
  const output = `${result.stdout}\n${result.stderr}`;
  const addresses = parseNslookup(result.stdout);
  return {
    name,
    addresses,
    nxdomain: addresses.length === 0 && isNxdomain(output),
    said: addresses.length > 0 ? addresses.join(', ') : describeExec(result),
  };
}

/**
 * Resolves until the answer is `expected` (as a set), re-querying every few seconds for at most the
 * DNS TTL plus one spacing (see DNS_TTL_MS), or until `budgetMs` ends. Returns the last answer.
 */
export async function lookupUntil(
  ctx: CheckContext,
  options: { probe: string; name: string; expected: readonly string[]; budgetMs: number },
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
