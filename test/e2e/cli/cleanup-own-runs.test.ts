import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import type { ClusterClient } from '../../../src/cluster/connect/client.js';
import { deleteLabNamespace, ensureLabNamespace } from '../../../src/cluster/namespace.js';
import { scopeFor, type Scope } from '../../../src/model/scope.js';
import { verifyScope } from '../../../src/runner/verify-scope.js';
import { testCluster } from '../support/index.js';
import { kubelab, transcript } from './run-kubelab.js';

/**
 * A student's `kubelab cleanup --lab <id>` on a cluster where a `kubelab verify` run and an
 * instructor's grading of the same lab are under way: it takes the student's own namespace only,
 * names what it leaves and how to include it. The lab id is the suite's own (no lab of that id
 * exists: cleanup goes by labels), so no other suite's namespaces match.
 */
describe('kubelab cleanup takes only what is yours', function () {
  const lab = `own${randomBytes(3).toString('hex')}`;
  const run = randomBytes(3).toString('hex').slice(0, 5);
  const student = `e2e${randomBytes(2).toString('hex')}`;
  const session = scopeFor(lab);
  const verify = verifyScope(lab, run);
  const grade = scopeFor(lab, student);
  const verifyVolume = `${verify.clusterPrefix}pv-demo`;
  let cluster: ClusterClient;
  const uid = async (scope: Scope): Promise<string | undefined> =>
    (await cluster.get({ apiVersion: 'v1', kind: 'Namespace', name: scope.namespace }))?.metadata
      .uid;

  before(async function () {
    this.timeout(120_000);
    cluster = await testCluster(this);
    for (const scope of [session, verify, grade])
      await ensureLabNamespace(cluster, scope, { podSecurity: 'baseline' });
    await cluster.create({
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name: verifyVolume, labels: verify.labels },
      spec: {
        capacity: { storage: '1Mi' },
        accessModes: ['ReadWriteOnce'],
        storageClassName: '',
        hostPath: { path: `/tmp/kubelab-e2e-${verifyVolume}` },
      },
    });
  });

  after(async function () {
    this.timeout(240_000);
    if (cluster === undefined) return;
    await cluster
      .delete({ apiVersion: 'v1', kind: 'PersistentVolume', name: verifyVolume })
      .catch(() => undefined);
    for (const scope of [session, verify, grade])
      await deleteLabNamespace(cluster, scope.namespace).catch(() => undefined);
  });

  it('lists only your namespace, and names the verify run’s and the graded student’s objects it leaves', async function () {
    this.timeout(120_000);
    const listing = await kubelab(['cleanup', '--lab', lab], { cwd: tmpdir() });
    expect(listing.exitCode, transcript(listing)).to.equal(0);
    expect(listing.stdout).to.include(`  namespace/${session.namespace}\n`);
    expect(listing.stdout).not.to.include(`  namespace/${verify.namespace}`);
    expect(listing.stdout).to.include(
      `left 2 objects of a \`kubelab verify\` run (${run}), in progress or interrupted: namespace/${verify.namespace}, persistentvolume/${verifyVolume}; use --all-runs to include them`,
    );
    expect(listing.stdout).to.include(
      `left 1 object of an instructor's \`kubelab grade\` of student ${student}, in progress or interrupted: namespace/${grade.namespace}; use --user ${student} or --all-runs to include it`,
    );
    expect(listing.stdout).to.include('run again with --yes to delete it');
  });

  it('--yes deletes your namespace and leaves the others untouched (same uid), saying so', async function () {
    this.timeout(240_000);
    const before = { verify: await uid(verify), grade: await uid(grade) };
    const cleaned = await kubelab(['cleanup', '--lab', lab, '--yes'], { cwd: tmpdir() });
    expect(cleaned.exitCode, transcript(cleaned)).to.equal(0);
    expect(cleaned.stdout).to.include(`deleted namespace/${session.namespace}\n`);
    expect(cleaned.stdout).to.include(`left 2 objects of a \`kubelab verify\` run (${run})`);
    expect(await uid(session)).to.equal(undefined);
    expect({ verify: await uid(verify), grade: await uid(grade) }).to.deep.equal(before);
    expect(before.verify).to.be.a('string');
    expect(before.grade).to.be.a('string');
    const volume = await cluster.get({
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      name: verifyVolume,
    });
    expect(volume?.metadata.deletionTimestamp).to.equal(undefined);
  });

  it('--user takes that graded student’s objects, --all-runs the verify run’s', async function () {
    this.timeout(240_000);
    const graded = await kubelab(['cleanup', '--lab', lab, '--user', student, '--yes'], {
      cwd: tmpdir(),
    });
    expect(graded.exitCode, transcript(graded)).to.equal(0);
    expect(graded.stdout.trim()).to.equal(`deleted namespace/${grade.namespace}`);
    expect(await uid(verify)).to.be.a('string');
    const all = await kubelab(['cleanup', '--lab', lab, '--all-runs', '--yes'], {
      cwd: tmpdir(),
    });
    expect(all.exitCode, transcript(all)).to.equal(0);
    expect(all.stdout.trim().split('\n')).to.deep.equal([
      `deleted namespace/${verify.namespace}`,
      `deleted persistentvolume/${verifyVolume}`,
    ]);
  });
});
