import { expect } from 'chai';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { journalPath, readJournal } from '../../../src/batch/journal/journal.js';
import type { ClusterClient } from '../../../src/cluster/connect/client.js';
import { selectNodeAccess } from '../../../src/cluster/node-access/select.js';
import { kubelab, transcript } from '../cli/run-kubelab.js';
import { REPO_ROOT, testCluster } from '../support/index.js';

const LAB = 'pv-pvc';

describe('kubelab grade on a lab with cluster-scoped objects (pv-pvc)', function () {
  let cluster: ClusterClient;
  let root: string;
  before(async function () {
    cluster = await testCluster(this);
    root = await mkdtemp(join(tmpdir(), 'kubelab-pv-class-'));
    const solution = join(REPO_ROOT, 'labs', LAB, 'solution');
    await cp(solution, join(root, 'submissions', 'pv-alice', LAB), { recursive: true });
    const rex = join(root, 'submissions', 'pv-rex', LAB);
    await cp(solution, rex, { recursive: true });
    const pv = await readFile(join(rex, 'pv.yaml'), 'utf8');
    await writeFile(join(rex, 'pv.yaml'), pv.replace('path: /data/demo', 'path: /'));
  });
  after(async function () {
    if (root !== undefined) await rm(root, { recursive: true, force: true });
  });

  it('applies PVs as the grader, prefixed per student, with hostPath / confined to a private directory', async function () {
    this.timeout(400_000);
    const out = join(root, 'out');
    const run = await kubelab(['grade', join(root, 'submissions'), '--out', out], {
      cwd: REPO_ROOT,
      timeoutMs: 360_000,
    });
    expect(run.exitCode, transcript(run)).to.equal(0);
    const entries = await readJournal(journalPath(out));
    expect(entries.map((e) => [e.student.id, e.report.score])).to.deep.equal([
      ['pv-alice', 100],
      ['pv-rex', 100],
    ]);
    const rex = entries.find((e) => e.student.id === 'pv-rex');
    const pvDoc = rex?.applied.documents.find((d) => d.kind === 'PersistentVolume');
    expect(pvDoc).to.deep.include({ status: 'applied', name: 'pv-rex--pv-demo' });
    const spec = rex?.report.checks.find((c) => c.id === 'pv-spec');
    expect(spec?.message).to.include('hostPath /var/lib/kubelab/volumes/pv-rex/pv-pvc/pv-demo');
    const left = await cluster.list({
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      labelSelector: `app.kubernetes.io/managed-by=kubelab,kubelab.dev/lab=${LAB}`,
    });
    expect(
      left.map((p) => p.metadata.name).filter((n) => /^pv-(alice|rex)--/.test(n ?? '')),
    ).to.deep.equal([]);
    // The students' private volume directories went with their PVs.
    const node = await selectNodeAccess(cluster);
    try {
      for (const student of ['pv-alice', 'pv-rex']) {
        const dir = `/var/lib/kubelab/volumes/${student}/${LAB}`;
        expect(await node.exists(dir), `${dir} is left on the node`).to.equal(false);
      }
    } finally {
      await node.close?.();
    }
  });
});
