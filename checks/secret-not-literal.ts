import { z } from 'zod';
import { defineCheck } from '../src/check-api/index.js';
import { literalSecretFindings, secretKeyRefs, type PodSpecEnv } from './lib/pods/pod-env.js';
import { readSecretKey } from './lib/secrets/secret-read.js';
import { WorkloadKind, type Workload } from './lib/workloads/workload.js';

/** Two GETs: ten seconds covers a slow API server. */
const DEFAULT_TIMEOUT_MS = 10_000;

export default defineCheck({
  kind: 'secret-not-literal',
  description:
    "A workload's pod template reads the password through valueFrom.secretKeyRef to the Secret and key asked for, and holds no password in clear anywhere a command or value lives: no literal credential env value, and the Secret's value in no env value, command, args, probe or lifecycle-hook exec command or HTTP header of any container, init container or ephemeral container.",
  params: z.strictObject({
    kind: WorkloadKind.default('StatefulSet'),
    name: z.string().min(1),
    secret: z.string().min(1),
    key: z.string().min(1),
  }),
  defaultTimeoutMs: DEFAULT_TIMEOUT_MS,
  async run(ctx, params) {
    const workload = await ctx.cluster.get<Workload>(
      {
        apiVersion: 'apps/v1',
        kind: params.kind,
        namespace: ctx.scope.namespace,
        name: params.name,
      },
      ctx.signal,
    );
    if (workload === undefined) {
      return {
        status: 'failed',
        message: `${params.kind} ${params.name} not found in namespace ${ctx.scope.namespace}`,
      };
    }
    const read = await readSecretKey(ctx, params.secret, params.key);
    const spec = (workload.spec?.template?.spec ?? {}) as PodSpecEnv;
    const base = 'spec.template.spec';
    const literal = literalSecretFindings({
      spec,
      secretValue: read.ok ? read.value : undefined,
      base,
    });
    const refs = secretKeyRefs({ spec, secret: params.secret, key: params.key, base });
    if (literal.length === 0 && refs.length > 0) {
      return {
        status: 'passed',
        message: `${params.kind} ${params.name} reads ${params.secret}/${params.key} through ${refs.join(', ')}, with no password in clear`,
      };
    }
    const problems = [
      ...literal.map((e) => `${e.path}: ${e.message}`),
      ...(refs.length === 0
        ? [`no env var reads valueFrom.secretKeyRef {name: ${params.secret}, key: ${params.key}}`]
        : []),
    ];
    const fix =
      literal.length === 0
        ? ''
        : `. Read the password from the environment instead: an env var set with valueFrom.secretKeyRef, written $(VAR) in command or args, "$VAR" under sh -c in a probe or hook`;
    return {
      status: 'failed',
      message: `${params.kind} ${params.name}: ${problems.join('; ')}${fix}`,
      evidence: {
        expected: `env: - name: …PASSWORD  valueFrom: secretKeyRef: {name: ${params.secret}, key: ${params.key}}`,
        fieldErrors: literal,
      },
    };
  },
});
