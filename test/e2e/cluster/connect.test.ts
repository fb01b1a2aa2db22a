import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import type { ClusterClient } from '../../../src/cluster/client.js';
import { connect } from '../../../src/cluster/connect.js';
import { ClusterUnreachableError, KubeconfigError } from '../../../src/cluster/errors.js';
import { TEST_CONTEXT, testCluster } from '../support/index.js';

const UNREACHABLE_KUBECONFIG = `apiVersion: v1
kind: Config
clusters:
- name: nowhere
  cluster:
    server: https://127.0.0.1:1
    insecure-skip-tls-verify: true
users:
- name: nobody
  user:
    token: not-a-token
contexts:
- name: nowhere
  context: {cluster: nowhere, user: nobody}
current-context: nowhere
`;

describe('connecting to a cluster', function () {
  let dir: string;
  before(async function () {
    dir = await mkdtemp(join(tmpdir(), 'kubelab-connect-'));
  });

  it('names the context and the server when nothing listens there', async function () {
    const file = join(dir, 'unreachable.yaml');
    await writeFile(file, UNREACHABLE_KUBECONFIG);
    const cluster = connect({ kubeconfig: file });
    const error = await cluster.serverInfo().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(ClusterUnreachableError);
    expect((error as Error).message).to.include('context "nowhere"');
    expect((error as Error).message).to.include('https://127.0.0.1:1');
    expect((error as Error).message).to.include('connection refused');
  });

  it('refuses a missing kubeconfig instead of falling back to localhost:8080', function () {
    expect(() => connect({ kubeconfig: join(dir, 'absent.yaml') }))
      .to.throw(KubeconfigError)
      .with.property('message')
      .that.includes('absent.yaml');
  });

  it('lists the known contexts when the wanted one does not exist', async function () {
    const file = join(dir, 'one-context.yaml');
    await writeFile(file, UNREACHABLE_KUBECONFIG);
    expect(() => connect({ kubeconfig: file, context: 'minikube' }))
      .to.throw(KubeconfigError)
      .with.property('message')
      .that.matches(/context "minikube" not found .*known contexts: nowhere/);
  });

  it('says so when the kubeconfig has no current context', async function () {
    const file = join(dir, 'no-current.yaml');
    await writeFile(file, UNREACHABLE_KUBECONFIG.replace('current-context: nowhere\n', ''));
    expect(() => connect({ kubeconfig: file }))
      .to.throw(KubeconfigError)
      .with.property('message')
      .that.includes('no current-context');
  });

  describe('on the test cluster', function () {
    let cluster: ClusterClient;
    before(async function () {
      cluster = await testCluster(this);
    });

    it('reports the server version of the test context', async function () {
      const info = await cluster.serverInfo();
      expect(info.context).to.equal(TEST_CONTEXT);
      expect(info.gitVersion).to.match(/^v1\.\d+/);
    });
  });
});
