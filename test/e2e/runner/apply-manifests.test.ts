import { expect } from 'chai';
import { cp, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClusterClient } from '../../../src/cluster/connect/client.js';
import { applyManifests, describeOutcome } from '../../../src/runner/apply-manifests.js';
import { REPO_ROOT, testCluster, withNamespace } from '../support/index.js';

const MIXED = join(REPO_ROOT, 'test', 'fixtures', 'apply-manifests', 'mixed');

describe('applyManifests on a real cluster', function () {
  let cluster: ClusterClient;
  let dir: string;
  /** The prefixed volume a test may create; deleted after it (cluster-scoped, outlives the namespace). */
  let pvName: string | undefined;
  const ns = withNamespace('apply-manifests');

  before(async function () {
    cluster = await testCluster(this);
  });
  beforeEach(async function () {
    dir = await mkdtemp(join(tmpdir(), 'kubelab-apply-'));
    await cp(MIXED, join(dir, 'student'), { recursive: true });
    await symlink('/etc/hostname', join(dir, 'student', '07-link-out.yaml'));
  });
  afterEach(async function () {
    await rm(dir, { recursive: true, force: true });
    if (pvName !== undefined)
      await cluster.delete({ apiVersion: 'v1', kind: 'PersistentVolume', name: pvName });
    pvName = undefined;
  });

  it('applies what the policy allows and reports every other document with its reason, in file order', async function () {
    this.timeout(60_000);
    const outcomes = await applyManifests({
      cluster,
      dir: join(dir, 'student'),
      scope: ns.scope,
      lab: { clusterScoped: [] },
    });
    const lines = outcomes.map(describeOutcome);
    expect(outcomes.map((o) => `${o.source} ${o.status}`)).to.deep.equal([
      'student/01-config.yaml:1 applied',
      'student/02-other-namespace.yaml:2 refused',
      'student/03-typo.yaml:2 api-error',
      'student/04-namespace.yaml:2 refused',
      'student/05-volume.yaml:2 refused',
      'student/05-volume.yaml:16 applied',
      'student/06-bad-yaml.yaml:1 refused',
      'student/07-link-out.yaml refused',
    ]);
    expect(lines[1]).to.contain('names namespace kube-system');
    expect(lines[2]).to.match(
      /rejected by the API server: .*spec\.replicass: field not declared in schema/,
    );
    expect(lines[4]).to.contain(
      'PersistentVolume is cluster-scoped and this lab does not allow it',
    );
    expect(lines[7]).to.contain('symbolic link pointing out of the directory');
    const escaped = await cluster.get({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      namespace: 'kube-system',
      name: 'kubelab-e2e-escape',
    });
    expect(escaped, 'a refused document is never sent').to.equal(undefined);
  });

  it('prefixes an allowed PersistentVolume, labels it, and binds the claim that names it', async function () {
    this.timeout(60_000);
    pvName = `${ns.scope.clusterPrefix}pv-demo`;
    const outcomes = await applyManifests({
      cluster,
      dir: join(dir, 'student'),
      scope: ns.scope,
      lab: { clusterScoped: ['PersistentVolume'] },
    });
    const pv = outcomes.find((o) => o.ref.kind === 'PersistentVolume');
    expect(pv?.status).to.equal('applied');
    expect(pv?.ref.name).to.equal(`${ns.scope.clusterPrefix}pv-demo`);
    const object = await cluster.get({
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      name: `${ns.scope.clusterPrefix}pv-demo`,
    });
    expect(object?.metadata.labels).to.include(ns.scope.labels);
    expect(
      (object?.['spec'] as { claimRef?: { namespace?: string } }).claimRef?.namespace,
    ).to.equal(ns.scope.namespace);
    const claim = await cluster.waitFor(
      {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        namespace: ns.scope.namespace,
        fieldSelector: 'metadata.name=data',
      },
      {
        description: 'claim data to be Bound to the prefixed volume',
        check: (claims) => {
          const c = claims[0] as
            { spec?: { volumeName?: string }; status?: { phase?: string } } | undefined;
          return c?.status?.phase === 'Bound'
            ? { state: 'met', value: c }
            : { state: 'pending', errors: [`phase ${c?.status?.phase ?? 'absent'}`] };
        },
      },
      { timeoutMs: 30_000 },
    );
    expect(claim.spec?.volumeName).to.equal(`${ns.scope.clusterPrefix}pv-demo`);
  });
});
