import { z } from 'zod';
import { defineCheck } from '../src/check-api/index.js';
import { describeExec } from './lib/pods/exec.js';
import {
  cannotConnect,
  isAccessDenied,
  mariadbQuery,
  mariadbQueryWithSecret,
} from './lib/db/mariadb.js';
import { graderSuffix } from './lib/grader/marker.js';
import { waitForPod } from './lib/pods/pod-wait.js';
import { readSecretKey } from './lib/secrets/secret-read.js';
import { remainingBudget } from './lib/wait.js';

/** MariaDB initialises its data directory on first start (~10 s) before it is Ready: 2 minutes. */
const DEFAULT_TIMEOUT_MS = 120_000;

export default defineCheck({
  kind: 'mariadb-password-from-secret',
  description:
    'Inside the MariaDB pod, the grader logs in as root with the password stored in the Secret (accepted) and with a wrong one (refused): the server took its password from the Secret.',
  params: z.strictObject({
    statefulSet: z.string().min(1),
    ordinal: z.number().int().min(0).default(0),
    container: z.string().min(1).optional(),
    secret: z.string().min(1),
    key: z.string().min(1),
  }),
  defaultTimeoutMs: DEFAULT_TIMEOUT_MS,
  async run(ctx, params) {
    const startedAt = Date.now();
    const pod = `${params.statefulSet}-${params.ordinal}`;
    const read = await readSecretKey(ctx, params.secret, params.key);
    if (!read.ok)
      return {
        status: 'failed',
        message: `${read.reason}: the grader logs in with the password it holds`,
      };
    const ready = await waitForPod(ctx, { name: pod, timeoutMs: remainingBudget(ctx, startedAt) });
    if (!ready.met)
      return { status: 'failed', message: `pod ${pod} is not Ready: ${ready.errors.join('; ')}` };
    ctx.progress(`logging in to MariaDB in ${pod} with the Secret's password`);
    const { result: good, accepted } = await mariadbQueryWithSecret(ctx, {
      pod,
      container: params.container,
      secretValue: read.value,
      sql: 'SELECT 1',
    });
    const bad = await mariadbQuery(ctx, {
      pod,
      container: params.container,
      password: `kubelab-wrong-${graderSuffix()}`,
      sql: 'SELECT 1',
    });
    const observed = `with the Secret's password: ${describeExec(good)}\nwith a wrong password: ${describeExec(bad)}`;
    if (cannotConnect(good)) {
      return {
        status: 'failed',
        message: `MariaDB in ${pod} does not answer on its socket (${describeExec(good)}): give the container a readinessProbe so that Ready means the server accepts connections`,
        evidence: { observed },
      };
    }
    if (accepted !== undefined && good.stdout.trim() === '1' && isAccessDenied(bad)) {
      const trimmed = accepted !== read.value;
      return {
        ...(trimmed
          ? {
              evidence: {
                notes: [
                  "the server's root password is the Secret's value without its trailing newline",
                ],
              },
            }
          : {}),
        status: 'passed',
        message: `MariaDB in ${pod} accepts root with the password from Secret ${params.secret} and refuses a wrong one`,
      };
    }
    const why =
      good.exitCode !== 0
        ? `MariaDB refused the password stored in Secret ${params.secret}/${params.key}: the server's root password came from somewhere else ` +
          '(another Secret or key, a literal, or a data directory initialised earlier with another password — the password is only set on first start)'
        : 'MariaDB accepted a wrong password: root has no password or the server does not check it';
    return {
      status: 'failed',
      message: why,
      evidence: {
        expected: 'the Secret password accepted, a wrong one refused (Access denied)',
        observed,
      },
    };
  },
});
