import { z } from 'zod';
import { type CheckOutcome, defineCheck } from '../src/check-api/index.js';
import {
  ControlPlaneLocation,
  containerRuntimes,
  controlPlaneLocation,
  corednsReady,
  normaliseCidr,
  serviceCidrs,
  staticComponents,
} from './lib/node/anatomy.js';
import { ANSWERS_FILE, answerAt, readAnswers } from './lib/answers.js';
import { NoVerdictError } from './lib/no-verdict.js';

/** A few list calls to kube-system and the nodes. */
const DEFAULT_TIMEOUT_MS = 20_000;

const Question = z.enum([
  'containerRuntime',
  'staticPods',
  'controlPlaneLocation',
  'serviceCidr',
  'corednsReplicas',
]);
type Question = z.infer<typeof Question>;

type Ctx = Parameters<Parameters<typeof defineCheck>[0]['run']>[0];

function text(value: unknown): string | undefined {
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  if (typeof value === 'number') return String(value);
  return undefined;
}

function verdict(options: {
  right: boolean;
  key: string;
  given: unknown;
  truth: string;
  evidence: string;
  how: string;
}): CheckOutcome {
  if (options.right)
    return {
      status: 'passed',
      message: `${options.key}: ${options.truth}, right`,
      evidence: { observed: options.evidence },
    };
  const given =
    options.given === undefined || options.given === null
      ? 'no answer'
      : JSON.stringify(options.given);
  return {
    status: 'failed',
    message: `${options.key} in ${ANSWERS_FILE} is ${given}, but this cluster shows ${options.truth}. ${options.how}`,
    evidence: { expected: options.truth, observed: options.evidence },
  };
}

const ASK: Readonly<
  Record<Question, (ctx: Ctx, key: string, given: unknown) => Promise<CheckOutcome>>
> = {
  async containerRuntime(ctx, key, given) {
    const runtimes = await containerRuntimes(ctx);
    if (runtimes.length === 0)
      throw new NoVerdictError('no Node objects are visible: the container runtime cannot be read');
    const answer = given as { name?: unknown; version?: unknown } | null | undefined;
    const name = text(answer?.name)?.toLowerCase();
    const version = text(answer?.version)?.replace(/^v/, '');
    const right = runtimes.some((r) => r.name.toLowerCase() === name && r.version === version);
    const truth = [...new Set(runtimes.map((r) => `${r.name} ${r.version}`))].join(' or ');
    return verdict({
      right,
      key,
      given,
      truth,
      evidence: runtimes.map((r) => `${r.node}: ${r.name}://${r.version}`).join('\n'),
      how: 'Read CONTAINER-RUNTIME in kubectl get nodes -o wide (name before ://, version after).',
    });
  },
  async staticPods(ctx, key, given) {
    const truth = await staticComponents(ctx);
    const answer = Array.isArray(given)
      ? given
          .map((v) => text(v) ?? '')
          .filter((v) => v !== '')
          .sort()
      : undefined;
    const right =
      answer !== undefined &&
      answer.length === truth.length &&
      answer.every((v, i) => v === truth[i]);
    return verdict({
      right,
      key,
      given,
      truth: truth.length === 0 ? 'no static pods ([])' : `[${truth.join(', ')}]`,
      evidence:
        truth.length === 0
          ? 'no pod in kube-system carries the kubernetes.io/config.mirror annotation'
          : `mirror pods in kube-system: ${truth.join(', ')}`,
      how: 'List the mirror pods: kubectl -n kube-system get pods -o yaml, annotation kubernetes.io/config.mirror (write [] if there are none).',
    });
  },
  async controlPlaneLocation(ctx, key, given) {
    const truth = await controlPlaneLocation(ctx);
    return verdict({
      right: text(given) === truth.location,
      key,
      given,
      truth: truth.location,
      evidence: truth.evidence,
      how: `Choose one of ${Object.values(ControlPlaneLocation).join(', ')}: look for kube-apiserver in kubectl -n kube-system get pods, and compare kubectl get endpointslices -l kubernetes.io/service-name=kubernetes with kubectl get nodes -o wide.`,
    });
  },
  async serviceCidr(ctx, key, given) {
    const truth = await serviceCidrs(ctx);
    if (truth === undefined) {
      throw new NoVerdictError(
        'this cluster shows its Service range neither in a kube-apiserver pod nor in a ServiceCIDR object, so the answer cannot be checked',
      );
    }
    const answer = (text(given) ?? '')
      .split(',')
      .map(normaliseCidr)
      .filter((c) => c !== '')
      .sort();
    const right =
      answer.length === truth.cidrs.length &&
      answer.every((c, i) => c === normaliseCidr(truth.cidrs[i] ?? ''));
    return verdict({
      right,
      key,
      given,
      truth: truth.cidrs.join(','),
      evidence: truth.evidence,
      how: "Read the API server's --service-cluster-ip-range (kube-apiserver pod in kube-system), or kubectl get servicecidr kubernetes -o yaml where the control plane is not a pod.",
    });
  },
  async corednsReplicas(ctx, key, given) {
    const truth = await corednsReady(ctx);
    const answer =
      typeof given === 'number'
        ? given
        : typeof given === 'string' && /^\d+$/.test(given.trim())
          ? Number(given)
          : undefined;
    return verdict({
      right: answer === truth.count,
      key,
      given,
      truth: String(truth.count),
      evidence: `Ready CoreDNS pods (k8s-app=kube-dns): ${truth.pods.join(', ') || 'none'}`,
      how: 'Count them: kubectl -n kube-system get pods -l k8s-app=kube-dns (or READY in kubectl -n kube-system get deployment coredns).',
    });
  },
};

export default defineCheck({
  kind: 'anatomy-answer',
  description:
    'One answer of answers.yaml about the student’s own cluster (container runtime, static control-plane pods, where the control plane runs, Service CIDR, CoreDNS replicas) equals the truth computed from the live cluster.',
  params: z.strictObject({
    question: Question,
    /** Where the answer is in answers.yaml (`containerRuntime`, `network.serviceCidr`…). */
    answer: z.string().min(1),
  }),
  defaultTimeoutMs: DEFAULT_TIMEOUT_MS,
  async run(ctx, params) {
    const answers = await readAnswers(ctx.submissionDir);
    if (!answers.ok) return { status: 'failed', message: answers.reason };
    ctx.progress(`reading the cluster for ${params.question}`);
    return ASK[params.question](ctx, params.answer, answerAt(answers.answers, params.answer));
  },
});
