/**
 * Checking again never fails a correct solution: a student runs `kubelab check` again and again on
 * the same cluster. A lab's solution is applied once, then every check of the lab runs six times
 * in a row on it; all six must score 100. One test file per lab (repeat-<lab>.test.ts), so the
 * labs run side by side in the parallel e2e run. The checks that cause a behaviour (kill a container,
 * break a probe) leave the kubelet's restart back-off behind them, and a check that picked the same
 * pod every time, or that charged that back-off to the student, failed here by the fifth or sixth
 * run (issue 16, item 7).
 */
import { expect } from 'chai';
import { join } from 'node:path';
import type { ClusterClient } from '../../../src/cluster/connect/client.js';
import type { CheckKind } from '../../../src/check-api/check-kind.js';
import type { NodeAccess } from '../../../src/cluster/node-access/node-access.js';
import { loadLabDir, type LoadedLab } from '../../../src/catalogue/load-lab.js';
import { applyManifests } from '../../../src/runner/apply-manifests.js';
import { loadCheckKinds } from '../../../src/catalogue/registry.js';
import { runLab } from '../../../src/runner/run-lab.js';
import {
  installStaticManifests,
  removeStaticManifests,
} from '../../../src/cluster/node-access/static-manifests.js';
import { REPO_ROOT, testCluster, withNamespace } from '../support/index.js';
import { nodeFor } from './lab-harness.js';

/** How many times a student checks again: the sixth run is where the back-off used to win. */
const RUNS = 6;
/** Six runs of a lab, each up to a few minutes when the back-off is waited for. */
const LAB_TIMEOUT_MS = 30 * 60_000;

/** Registers the suite that checks `labId`'s solution RUNS times in a row. */
export function repeatSuite(labId: string): void {
  describe(`checking the solution of lab ${labId} again and again`, function () {
    let cluster: ClusterClient;
    let kinds: ReadonlyMap<string, CheckKind>;

    before(async function () {
      cluster = await testCluster(this);
      kinds = await loadCheckKinds();
    });

    const ns = withNamespace(labId);

    it(`scores 100 on each of ${RUNS} checks in a row of its solution`, async function () {
      this.timeout(LAB_TIMEOUT_MS);
      const loaded = await loadLabDir(join(REPO_ROOT, 'labs', labId), { kinds });
      const outcomes = await applyManifests({
        cluster,
        dir: loaded.solutionDir,
        scope: ns.scope,
        lab: loaded.lab,
      });
      expect(outcomes.filter((o) => o.status !== 'applied')).to.deep.equal([]);
      const node: NodeAccess | undefined = await nodeFor(cluster, loaded);
      const installed =
        node === undefined
          ? []
          : await installStaticManifests({
              node,
              scope: ns.scope,
              sourceDir: join(loaded.solutionDir, 'static'),
            });
      try {
        await checkRepeatedly(loaded, node);
      } finally {
        if (node !== undefined) await removeStaticManifests({ node, paths: installed });
      }
    });

    async function checkRepeatedly(loaded: LoadedLab, node: NodeAccess | undefined): Promise<void> {
      const seconds: string[] = [];
      for (let run = 1; run <= RUNS; run += 1) {
        const report = await runLab({
          cluster,
          lab: loaded,
          scope: ns.scope,
          submissionDir: loaded.solutionDir,
          node,
          signal: AbortSignal.timeout(LAB_TIMEOUT_MS),
          kinds,
        });
        seconds.push((report.durationMs / 1000).toFixed(1));
        const lines = report.checks.map(
          (c) =>
            `${c.id}: ${c.status} in ${(c.durationMs / 1000).toFixed(1)}s: ${c.message}` +
            (c.evidence.notes === undefined ? '' : `\n    ${c.evidence.notes.join('\n    ')}`),
        );
        const backOffNotes = report.checks.flatMap((c) =>
          (c.evidence.notes ?? []).filter((n) => n.startsWith('waiting up to')),
        );
        process.stderr.write(
          `${labId} run ${run}: ${report.score}/${report.maxScore} in ${seconds.at(-1)}s\n` +
            backOffNotes.map((n) => `  ${n}\n`).join(''),
        );
        expect(report.score, `run ${run} of ${labId}:\n${lines.join('\n')}`).to.equal(100);
      }
      process.stderr.write(`${labId}: ${RUNS} runs took ${seconds.join(' + ')} s\n`);
    }
  });
}
