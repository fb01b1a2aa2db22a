import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { journalPath, readJournal } from '../../../src/batch/journal/journal.js';
import type { ClusterClient } from '../../../src/cluster/connect/client.js';
import type { KubeObject } from '../../../src/cluster/cluster.js';
import { selectNodeAccess } from '../../../src/cluster/node-access/select.js';
import { kubelab, transcript } from '../cli/run-kubelab.js';
import { REPO_ROOT, testCluster } from '../support/index.js';
import { expectGraded } from './class-builder.js';
import { buildHostileClass } from './hostile-class.js';

/** 8 submissions of 4 labs, 3 at a time; the refused storage classes wait out pvc-bound (30 s). */
const CLASS_TIMEOUT_MS = 900_000;

interface ClusterWide {
  readonly defaultClasses: string[];
  readonly globalDefaultPriorities: string[];
  readonly prioritiesAboveMillion: string[];
}

/** What a submission must never change cluster-wide: defaults and the top of the priority scale. */
async function clusterWide(cluster: ClusterClient): Promise<ClusterWide> {
  const classes = await cluster.list({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass' });
  const priorities = await cluster.list({
    apiVersion: 'scheduling.k8s.io/v1',
    kind: 'PriorityClass',
  });
  const names = (objects: KubeObject[]): string[] =>
    objects.map((o) => o.metadata.name ?? '').sort();
  return {
    defaultClasses: names(
      classes.filter(
        (c) => c.metadata.annotations?.['storageclass.kubernetes.io/is-default-class'] === 'true',
      ),
    ),
    globalDefaultPriorities: names(priorities.filter((p) => p['globalDefault'] === true)),
    prioritiesAboveMillion: names(
      priorities.filter((p) => typeof p['value'] === 'number' && p['value'] > 1_000_000),
    ),
  };
}

describe('kubelab grade on a hostile class: nothing escapes its namespace (issue 16, escapes 1–4)', function () {
  let cluster: ClusterClient;
  let built: Awaited<ReturnType<typeof buildHostileClass>>;
  let out: string;
  let initial: ClusterWide;
  before(async function () {
    cluster = await testCluster(this);
    built = await buildHostileClass(randomBytes(4).toString('hex'));
    out = await mkdtemp(join(tmpdir(), 'kubelab-hostile-graded-'));
    initial = await clusterWide(cluster);
  });
  after(async function () {
    if (built !== undefined) await rm(dirname(built.dir), { recursive: true, force: true });
    if (out !== undefined) await rm(out, { recursive: true, force: true });
  });

  it('refuses and names every attack, keeps honest neighbours at 100, and leaves nothing behind', async function () {
    this.timeout(CLASS_TIMEOUT_MS);
    const run = await kubelab(['grade', built.dir, '--out', out, '--concurrency', '3'], {
      cwd: REPO_ROOT,
      timeoutMs: CLASS_TIMEOUT_MS - 30_000,
    });
    expect(run.exitCode, transcript(run)).to.equal(0);
    const entries = await readJournal(journalPath(out));
    // Every student is graded on every lab found in the class; the ones it handed in count here.
    for (const student of built.students) {
      const entry = entries.find((e) => e.student.id === student.id && e.labId === student.lab);
      expectGraded(entry, student);
    }

    // Nothing cluster-wide changed: no second default class, no global default priority.
    expect(await clusterWide(cluster)).to.deep.equal(initial);

    // Nothing of theirs is left: namespaces, labelled objects, provisioned volumes.
    const ours = (name: string | undefined): boolean => /(^|-)hx-/.test(name ?? '');
    const namespaces = await cluster.list({ apiVersion: 'v1', kind: 'Namespace' });
    expect(namespaces.map((n) => n.metadata.name).filter(ours)).to.deep.equal([]);
    for (const kind of [
      { apiVersion: 'v1', kind: 'PersistentVolume' },
      { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass' },
      { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass' },
    ]) {
      const objects = await cluster.list(kind);
      const left = objects.filter(
        (o) =>
          ours(o.metadata.name) ||
          ours(
            (o['spec'] as { claimRef?: { namespace?: string } } | undefined)?.claimRef?.namespace,
          ),
      );
      expect(left.map((o) => `${kind.kind}/${o.metadata.name ?? ''}`)).to.deep.equal([]);
    }

    // No file outside the confinement on the node, and the confinement itself is gone.
    const node = await selectNodeAccess(cluster);
    try {
      for (const path of built.escapes)
        expect(await node.exists(path), `${path} exists on the node: an attack got out`).to.equal(
          false,
        );
      for (const student of built.students) {
        const dir = `/var/lib/kubelab/volumes/${student.id}`;
        expect(await node.exists(`${dir}/${student.lab}`), `${dir} is left on the node`).to.equal(
          false,
        );
      }
      const provisioned = await node.list('/var/lib/kubelab/local-path');
      expect(
        provisioned.filter((entry) => entry.includes('_kubelab-storageclass-hx-')),
      ).to.deep.equal([]);
    } finally {
      await node.close?.();
    }
  });
});
