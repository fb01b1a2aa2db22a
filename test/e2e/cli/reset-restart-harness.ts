import { expect } from 'chai';
import { execa } from 'execa';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClusterClient } from '../../../src/cluster/connect/client.js';
import type { ObjectRef } from '../../../src/cluster/cluster.js';
import { deleteLabNamespace, ensureLabNamespace } from '../../../src/cluster/namespace.js';
import type { NodeAccess } from '../../../src/cluster/node-access/node-access.js';
import { selectNodeAccess } from '../../../src/cluster/node-access/select.js';
import { scopeFor } from '../../../src/model/scope.js';
import { verifyScope } from '../../../src/runner/verify-scope.js';
import { STATIC_POD_DIR } from '../../../src/cluster/node-access/static-manifests.js';
import { REPO_ROOT, TEST_CONTEXT, testCluster } from '../support/index.js';
import { kubelab, transcript } from './run-kubelab.js';

/** What a student of each lab makes outside the lab's namespace, as its README tells them to. */
export const LABS = [
  { id: 'pv-pvc', outside: { apiVersion: 'v1', kind: 'PersistentVolume', name: 'pv-demo' } },
  {
    id: 'storageclass',
    outside: { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', name: 'local-dynamic' },
  },
  {
    id: 'priority-preemption',
    outside: { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', name: 'high-priority' },
  },
  { id: 'static-pods', outside: undefined },
] as const;

/** The file a static-pods student copies onto the node (the README's `sudo cp`). */
const STATIC_FILE = `${STATIC_POD_DIR}/static-web.yaml`;

/**
 * `kubectl apply -f <dir>` into the lab's namespace, once, as a student does: a folder's files go in
 * name order, which is why priority-preemption's class is 00-priorityclass.yaml (before the pod that
 * names it). Rejects when kubectl fails.
 */
async function applyDir(labId: string, dir: string): Promise<void> {
  await execa('kubectl', ['--context', TEST_CONTEXT, '-n', `kubelab-${labId}`, 'apply', '-f', dir]);
}

/**
 * A student's session on the real labs, with the real binary: start → solve (kubectl apply, or the
 * static manifest copied onto the node) → check scores 100 → reset → solve again → check scores
 * 100. reset must remove what the lab had the student create outside its namespace (pv-demo,
 * local-dynamic, high-priority, the static pod file), or the second round fails (pv-demo stays
 * Released: 15/100) or starts from the old objects. A verify-like and a grade-like namespace of
 * the same lab wait beside the session: reset must leave them untouched.
 *
 * Uses the labs' real ids, so the session objects (kubelab-<lab>, pv-demo, …) are the ones a
 * student gets: no other suite may run those labs in session mode at the same time (the others use
 * scoped names). One file per lab (reset-restart-<lab>.test.ts), so the four run side by side.
 */
export function resetRestartSuite(labId: (typeof LABS)[number]['id']): void {
  const lab = LABS.find((l) => l.id === labId);
  if (lab === undefined) throw new Error(`no reset-restart case for ${labId}`);
  describe(`kubelab reset leaves ${lab.id} re-startable: start, solve, reset, solve again`, function () {
    let cluster: ClusterClient;
    let node: NodeAccess;
    let cwd: string;

    before(async function () {
      cluster = await testCluster(this);
      node = await selectNodeAccess(cluster);
      cwd = await mkdtemp(join(tmpdir(), 'kubelab-reset-e2e-'));
    });

    after(async function () {
      this.timeout(600_000);
      if (cluster === undefined) return;
      await kubelab(['cleanup', '--lab', lab.id, '--yes'], { cwd });
      if (lab.id === 'static-pods') await node?.remove(STATIC_FILE).catch(() => undefined);
      await node?.close?.();
      if (cwd !== undefined) await rm(cwd, { recursive: true, force: true });
    });

    async function solve(labId: string): Promise<void> {
      const solution = join(REPO_ROOT, 'labs', labId, 'solution');
      if (labId === 'static-pods') {
        await node.writeFile(
          STATIC_FILE,
          await readFile(join(solution, 'static', 'static-web.yaml'), 'utf8'),
        );
        return;
      }
      await applyDir(labId, solution);
    }

    async function checkScore(labId: string, round: number): Promise<void> {
      const out = join(cwd, `${labId}-${round}.json`);
      const run = await kubelab(['check', labId, '--report', 'json', '--out', out], {
        cwd,
        timeoutMs: 600_000,
      });
      process.stderr.write(
        `      check ${labId} (round ${round}) took ${run.seconds.toFixed(1)}s\n`,
      );
      const report = JSON.parse(await readFile(out, 'utf8')) as { score: number };
      expect(report.score, transcript(run)).to.equal(100);
      expect(run.exitCode, transcript(run)).to.equal(0);
    }

    it(`${lab.id}: scores 100, and 100 again after reset, which removes what the student made outside the namespace and nothing of other runs`, async function () {
      this.timeout(900_000);
      const started = await kubelab(['start', lab.id], { cwd });
      expect(started.exitCode, transcript(started)).to.equal(0);
      await solve(lab.id);
      await checkScore(lab.id, 1);

      const tag = randomBytes(3).toString('hex').slice(0, 5);
      const others = [verifyScope(lab.id, tag), scopeFor(lab.id, `e2e${tag}`)];
      for (const scope of others)
        await ensureLabNamespace(cluster, scope, { podSecurity: 'baseline' });
      const nsRef = (name: string): ObjectRef => ({ apiVersion: 'v1', kind: 'Namespace', name });
      const uids = async (): Promise<(string | undefined)[]> =>
        Promise.all(others.map(async (s) => (await cluster.get(nsRef(s.namespace)))?.metadata.uid));
      try {
        const before = await uids();
        const reset = await kubelab(['reset', lab.id], { cwd });
        process.stderr.write(`      reset ${lab.id} took ${reset.seconds.toFixed(1)}s\n`);
        expect(reset.exitCode, transcript(reset)).to.equal(0);
        expect(reset.stdout).to.include(`deleted namespace/kubelab-${lab.id}\n`);
        if (lab.outside !== undefined) {
          expect(reset.stdout).to.include(
            `deleted ${lab.outside.kind.toLowerCase()}/${lab.outside.name}\n`,
          );
          expect(
            await cluster.get(lab.outside),
            `${lab.outside.kind} ${lab.outside.name} after reset`,
          ).to.equal(undefined);
        } else {
          expect(reset.stdout).to.include(`deleted node file ${STATIC_FILE}\n`);
          expect(await node.exists(STATIC_FILE)).to.equal(false);
        }
        expect(reset.stdout).to.include('left 1 object of a `kubelab verify` run');
        expect(await uids()).to.deep.equal(before);
        expect(before.every((u) => typeof u === 'string')).to.equal(true);
      } finally {
        for (const scope of others)
          await deleteLabNamespace(cluster, scope.namespace).catch(() => undefined);
      }

      if (lab.id === 'priority-preemption') {
        // The starter's class differs from the solution's, and a class is immutable: it applies
        // only if reset removed the old one.
        await applyDir(lab.id, join(REPO_ROOT, 'labs', lab.id, 'starter'));
        const again = await kubelab(['reset', lab.id], { cwd });
        expect(again.exitCode, transcript(again)).to.equal(0);
      }
      await solve(lab.id);
      await checkScore(lab.id, 2);
    });
  });
}
