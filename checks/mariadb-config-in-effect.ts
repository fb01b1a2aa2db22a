import { z } from 'zod';
import { defineCheck, type KubeObject } from '../src/check-api/index.js';
import { describeExec } from './lib/pods/exec.js';
import { mariadbQueryWithSecret, optionValue } from './lib/db/mariadb.js';
import { waitForPod } from './lib/pods/pod-wait.js';
import { readSecretKey } from './lib/secrets/secret-read.js';
import { remainingBudget } from './lib/wait.js';

/** The pod is normally Ready by now; one query. One minute. */
const DEFAULT_TIMEOUT_MS = 60_000;

interface ConfigMap extends KubeObject {
  data?: Record<string, string>;
}

export default defineCheck({
  kind: 'mariadb-config-in-effect',
  description:
    'A ConfigMap holds a MariaDB option file that sets a server variable, and the running server reports that value (the file is mounted where MariaDB reads it, e.g. /etc/mysql/conf.d).',
  params: z.strictObject({
    statefulSet: z.string().min(1),
    ordinal: z.number().int().min(0).default(0),
    container: z.string().min(1).optional(),
    configMap: z.string().min(1),
    /** The ConfigMap key holding the option file. */
    key: z.string().min(1),
    /** The server variable, e.g. max_connections. */
    variable: z.string().regex(/^[a-z_]+$/),
    /** The value the lab asks for; when absent, whatever the ConfigMap says. */
    expected: z.string().min(1).optional(),
    secret: z.string().min(1),
    secretKey: z.string().min(1),
  }),
  defaultTimeoutMs: DEFAULT_TIMEOUT_MS,
  async run(ctx, params) {
    const startedAt = Date.now();
    const cm = await ctx.cluster.get<ConfigMap>(
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        namespace: ctx.scope.namespace,
        name: params.configMap,
      },
      ctx.signal,
    );
    const file = cm?.data?.[params.key];
    if (file === undefined) {
      return {
        status: 'failed',
        message:
          cm === undefined
            ? `ConfigMap ${params.configMap} not found`
            : `ConfigMap ${params.configMap} has no key ${params.key}`,
        evidence: {
          expected: `ConfigMap ${params.configMap} with an option file under key ${params.key}`,
        },
      };
    }
    const configured = optionValue(file, params.variable);
    if (
      configured === undefined ||
      (params.expected !== undefined && configured !== params.expected)
    ) {
      return {
        status: 'failed',
        message: `ConfigMap ${params.configMap} key ${params.key} does not set ${params.variable}${params.expected ? ` = ${params.expected}` : ''} under [mariadbd] (found ${configured ?? 'nothing'})`,
        evidence: { observed: file.slice(0, 400) },
      };
    }
    const read = await readSecretKey(ctx, params.secret, params.secretKey);
    if (!read.ok)
      return { status: 'failed', message: `${read.reason}: the grader needs it to log in` };
    const pod = `${params.statefulSet}-${params.ordinal}`;
    const ready = await waitForPod(ctx, { name: pod, timeoutMs: remainingBudget(ctx, startedAt) });
    if (!ready.met)
      return { status: 'failed', message: `pod ${pod} is not Ready: ${ready.errors.join('; ')}` };
    const { result } = await mariadbQueryWithSecret(ctx, {
      pod,
      container: params.container,
      secretValue: read.value,
      sql: `SELECT @@GLOBAL.${params.variable}`,
    });
    if (result.exitCode !== 0) {
      return {
        status: 'failed',
        message: `the grader could not query MariaDB in ${pod} (${describeExec(result)})`,
      };
    }
    const running = result.stdout.trim();
    if (running === configured) {
      return {
        status: 'passed',
        message: `MariaDB in ${pod} runs with ${params.variable} = ${running}, as ConfigMap ${params.configMap} says`,
      };
    }
    return {
      status: 'failed',
      message:
        `MariaDB in ${pod} runs with ${params.variable} = ${running}, not ${configured} from ConfigMap ${params.configMap}: ` +
        `mount the ConfigMap as a volume where MariaDB reads option files (/etc/mysql/conf.d) and restart the pod after changing it`,
      evidence: {
        expected: `${params.variable} = ${configured}`,
        observed: `${params.variable} = ${running}`,
      },
    };
  },
});
