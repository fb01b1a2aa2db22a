import { expect } from 'chai';
import { execa } from 'execa';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClusterClient } from '../../../src/cluster/connect/client.js';
import { MANAGED_BY_LABEL, MANAGED_BY_VALUE } from '../../../src/model/scope.js';
import { TEST_CONTEXT, testCluster } from '../support/index.js';
import { kubelab, transcript } from './run-kubelab.js';

const NAMESPACE = 'kubelab-e2e-rbac';
const ACCOUNT = 'nobody';

/** A real user without rights: a ServiceAccount with no RoleBinding, through a token kubeconfig. */
describe('kubelab as a user the API server forbids', function () {
  let cluster: ClusterClient;
  let dir: string;
  let kubeconfig: string;

  before(async function () {
    cluster = await testCluster(this);
    this.timeout(60_000);
    await cluster.apply(
      [
        {
          apiVersion: 'v1',
          kind: 'Namespace',
          metadata: { name: NAMESPACE, labels: { [MANAGED_BY_LABEL]: MANAGED_BY_VALUE } },
        },
        {
          apiVersion: 'v1',
          kind: 'ServiceAccount',
          metadata: { name: ACCOUNT, namespace: NAMESPACE },
        },
      ],
      'test',
    );
    const token = await execa('kubectl', [
      '--context',
      TEST_CONTEXT,
      '-n',
      NAMESPACE,
      'create',
      'token',
      ACCOUNT,
      '--duration',
      '10m',
    ]);
    dir = await mkdtemp(join(tmpdir(), 'kubelab-forbidden-'));
    kubeconfig = join(dir, 'config');
    await writeFile(
      kubeconfig,
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'Config',
        clusters: [
          { name: 'c', cluster: { server: cluster.server, 'insecure-skip-tls-verify': true } },
        ],
        users: [{ name: ACCOUNT, user: { token: token.stdout.trim() } }],
        contexts: [{ name: 'restricted', context: { cluster: 'c', user: ACCOUNT } }],
        'current-context': 'restricted',
      }),
    );
  });

  after(async function () {
    this.timeout(120_000);
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
    if (cluster !== undefined)
      await cluster.delete({ apiVersion: 'v1', kind: 'Namespace', name: NAMESPACE });
  });

  it('check exits 2 naming the user, the verb and the resource it may not use', async function () {
    this.timeout(60_000);
    const run = await kubelab(
      ['check', 'crash-recovery', '--kubeconfig', kubeconfig, '--context', 'restricted'],
      { cwd: dir },
    );
    expect(run.exitCode, transcript(run)).to.equal(2);
    expect(run.stderr).to.match(
      new RegExp(
        `^kubelab: forbidden: user "system:serviceaccount:${NAMESPACE}:${ACCOUNT}" may not get namespaces`,
      ),
    );
    expect(run.stderr).to.match(/^try: a context with that right/m);
  });
});
