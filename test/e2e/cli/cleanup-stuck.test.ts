import { expect } from 'chai';
import { tmpdir } from 'node:os';
import type { ClusterClient } from '../../../src/cluster/connect/client.js';
import { LAB_LABEL, MANAGED_BY_LABEL, MANAGED_BY_VALUE } from '../../../src/model/scope.js';
import { testCluster } from '../support/index.js';
import { kubelab, transcript } from './run-kubelab.js';

const LAB = 'stuck-e2e';
const NAMESPACE = `kubelab-${LAB}`;
const HOLD = 'kubelab.dev/e2e-hold';
const configMap = { apiVersion: 'v1', kind: 'ConfigMap', namespace: NAMESPACE, name: 'held' };

/** A namespace held in Terminating by a ConfigMap whose finalizer nobody removes. */
describe('kubelab cleanup with a namespace stuck in Terminating', function () {
  let cluster: ClusterClient;

  before(async function () {
    cluster = await testCluster(this);
    const labels = { [MANAGED_BY_LABEL]: MANAGED_BY_VALUE, [LAB_LABEL]: LAB };
    await cluster.apply(
      [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: NAMESPACE, labels } }],
      'test',
    );
    await cluster.apply(
      [
        {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'held', namespace: NAMESPACE, finalizers: [HOLD] },
          data: {},
        },
      ],
      'test',
    );
  });

  after(async function () {
    this.timeout(120_000);
    if (cluster === undefined) return;
    await cluster.patch(configMap, { metadata: { finalizers: null } }).catch(() => undefined);
    const ref = { apiVersion: 'v1', kind: 'Namespace', name: NAMESPACE };
    await cluster.delete(ref);
    await cluster.waitForDeletion(ref, { timeoutMs: 100_000 });
  });

  it('reports the stuck namespace with its reason after --timeout and exits 1, instead of hanging', async function () {
    this.timeout(120_000);
    const run = await kubelab(['cleanup', '--lab', LAB, '--yes', '--timeout', '5s'], {
      cwd: tmpdir(),
    });
    process.stderr.write(`      cleanup returned after ${run.seconds.toFixed(1)}s\n`);
    expect(run.exitCode, transcript(run)).to.equal(1);
    expect(run.stdout, transcript(run)).to.match(
      new RegExp(`^stuck {3}namespace/${NAMESPACE}: .*stuck in Terminating`, 'm'),
    );
    expect(run.stderr).to.match(/^kubelab: 1 object\(s\) still terminating/m);
    expect(run.seconds).to.be.below(60);
  });
});
