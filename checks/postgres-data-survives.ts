import { z } from 'zod';
import { defineCheck } from '../src/check-api/index.js';
import { describeExec, execIn } from './lib/pods/exec.js';
import { graderSuffix } from './lib/grader/marker.js';
import { describePod } from './lib/pods/pod-state.js';
import { claimsOf, type PodWithVolumes } from './lib/pods/pod-volumes.js';
import { waitForPod } from './lib/pods/pod-wait.js';
import { deleteAndWait } from './lib/workloads/recreate.js';
import { PVC_REF, type PersistentVolumeClaim } from './lib/storage/storage.js';
import { remainingBudget } from './lib/wait.js';

/** PostgreSQL stops, the StatefulSet recreates the pod, the server starts on the existing data and turns Ready: 3 minutes. */
const DEFAULT_TIMEOUT_MS = 180_000;

/** The grader's own table; dropped at the end. */
const TABLE = 'kubelab_persistence_check';

export default defineCheck({
  kind: 'postgres-data-survives',
  description:
    "The course's persistence test: the grader creates a table and a row with psql in <set>-<ordinal>, deletes that pod, waits for the StatefulSet to bring it back with the same name and claim, and reads the row back.",
  params: z.strictObject({
    statefulSet: z.string().min(1),
    ordinal: z.number().int().min(0).default(0),
    container: z.string().min(1).optional(),
    /** The PostgreSQL role psql connects as (local socket). */
    user: z
      .string()
      .regex(/^[a-z_][a-z0-9_]*$/)
      .default('postgres'),
  }),
  defaultTimeoutMs: DEFAULT_TIMEOUT_MS,
  async run(ctx, params) {
    const startedAt = Date.now();
    const name = `${params.statefulSet}-${params.ordinal}`;
    const ready = await waitForPod(ctx, { name, timeoutMs: remainingBudget(ctx, startedAt) / 3 });
    if (!ready.met) {
      return {
        status: 'failed',
        message: `pod ${name} is not Ready: ${ready.errors.join('; ')}`,
        evidence: { observed: ready.errors.join('\n') },
      };
    }
    const before = ready.value as PodWithVolumes;
    const claimsBefore = claimsOf(before);
    const token = `row-${graderSuffix()}`;
    const psql = (sql: string): string[] => [
      'psql',
      '-U',
      params.user,
      '-d',
      'postgres',
      '-v',
      'ON_ERROR_STOP=1',
      '-tAc',
      sql,
    ];
    const exec = (sql: string) =>
      execIn(ctx, { pod: name, container: params.container, command: psql(sql) });
    ctx.progress(`writing a row with psql in ${name}`);
    const written = await exec(
      `CREATE TABLE IF NOT EXISTS ${TABLE} (token text PRIMARY KEY); INSERT INTO ${TABLE} VALUES ('${token}');`,
    );
    if (written.exitCode !== 0) {
      return {
        status: 'failed',
        message: `psql could not write in ${name} (${describeExec(written)})`,
        evidence: {
          expected: `psql -U ${params.user} works in ${name} over the local socket`,
          observed: describeExec(written),
        },
      };
    }
    let cleanupPod = name;
    try {
      const deleteStarted = Date.now();
      ctx.progress(`deleting pod ${name}`);
      if (!(await deleteAndWait(ctx, before, remainingBudget(ctx, startedAt)))) {
        return {
          status: 'failed',
          message: `pod ${name} was still terminating when the check's time ran out`,
        };
      }
      const back = await waitForPod(ctx, {
        name,
        notUid: before.metadata.uid,
        timeoutMs: remainingBudget(ctx, startedAt),
      });
      if (!back.met) {
        return {
          status: 'failed',
          message: `pod ${name} did not come back Ready after the grader deleted it: ${back.errors.join('; ')}`,
          evidence: { expected: `a new ${name}, Ready`, observed: back.errors.join('\n') },
        };
      }
      const backAfterMs = Date.now() - deleteStarted;
      const after = back.value as PodWithVolumes;
      cleanupPod = after.metadata.name ?? name;
      const claimsAfter = claimsOf(after);
      if (claimsAfter.join(',') !== claimsBefore.join(',')) {
        return {
          status: 'failed',
          message: `the new ${name} uses claims [${claimsAfter.join(', ')}], not [${claimsBefore.join(', ')}] like before`,
        };
      }
      const read = await exec(`SELECT token FROM ${TABLE} WHERE token = '${token}';`);
      const notes = [`${name} deleted and back Ready in ${(backAfterMs / 1000).toFixed(1)}s`];
      if (read.exitCode === 0 && read.stdout.trim() === token) {
        const volumes = await Promise.all(
          claimsAfter.map((c) =>
            ctx.cluster.get<PersistentVolumeClaim>(
              { ...PVC_REF, namespace: ctx.scope.namespace, name: c },
              ctx.signal,
            ),
          ),
        );
        return {
          status: 'passed',
          message: `the row written in ${name} is still there after the pod was deleted and recreated with the same claim (${claimsAfter.join(', ')})`,
          evidence: {
            notes: [
              ...notes,
              ...volumes.map((v) => `${v?.metadata.name ?? '?'} → ${v?.spec?.volumeName ?? '?'}`),
            ],
          },
        };
      }
      return {
        status: 'failed',
        message:
          `the row written in ${name} is gone after the pod was recreated (${describeExec(read)}): PostgreSQL's data directory ` +
          '(PGDATA, /var/lib/postgresql/data) is not on the volume from volumeClaimTemplates',
        evidence: {
          expected: `table ${TABLE} with row ${token}`,
          observed: describeExec(read),
          notes: [...notes, describePod(after)],
        },
      };
    } finally {
      await execIn(ctx, {
        pod: cleanupPod,
        container: params.container,
        command: psql(`DROP TABLE IF EXISTS ${TABLE};`),
      }).catch(() => undefined);
    }
  },
});
