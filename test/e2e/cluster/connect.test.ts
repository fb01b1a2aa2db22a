import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { expect } from 'chai';
import { execa } from 'execa';
import type { ClusterClient } from '../../../src/cluster/connect/client.js';
import { connect } from '../../../src/cluster/connect/connect.js';
import { ClusterUnreachableError, KubeconfigError } from '../../../src/cluster/errors.js';
import { loadKubeconfig } from '../../../src/cluster/connect/kubeconfig.js';
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

    it('merges KUBECONFIG=a:b like kubectl when b reuses a’s cluster and user names', async function () {
      const real = loadKubeconfig({ context: TEST_CONTEXT });
      const names = real.kc.getContextObject(TEST_CONTEXT);
      if (names === null) throw new Error(`context ${TEST_CONTEXT} has no cluster and user`);
      // A second file that reuses the test context's cluster and user names for a dead server.
      const other = join(dir, 'same-names.yaml');
      await writeFile(
        other,
        UNREACHABLE_KUBECONFIG.replaceAll('name: nowhere', `name: ${names.cluster}`)
          .replace('name: nobody', `name: ${names.user}`)
          .replace(
            '{cluster: nowhere, user: nobody}',
            `{cluster: ${names.cluster}, user: ${names.user}}`,
          )
          .replace('current-context: nowhere', `current-context: ${TEST_CONTEXT}`)
          .replace(/contexts:\n- name: [^\n]+/, 'contexts:\n- name: same-names'),
      );
      const servers: string[] = [];
      for (const files of [
        [...real.files, other],
        [other, ...real.files],
      ]) {
        const KUBECONFIG = files.join(delimiter);
        const kubectl = await execa(
          'kubectl',
          [
            'config',
            'view',
            '--minify',
            '--context',
            TEST_CONTEXT,
            '-o',
            'jsonpath={.clusters[0].cluster.server}',
          ],
          { env: { KUBECONFIG } },
        );
        const loaded = loadKubeconfig({
          env: { ...process.env, KUBECONFIG },
          context: TEST_CONTEXT,
        });
        expect(loaded.server, KUBECONFIG).to.equal(kubectl.stdout.replace(/\/+$/, ''));
        servers.push(loaded.server);
      }
      // The control: the second file reuses the names for real, so the order decides the server.
      expect(servers[0], 'the order of the files decides the server').not.to.equal(servers[1]);
      // The real file first: its cluster and user win, and the real server answers.
      const merged = connect({
        env: { ...process.env, KUBECONFIG: [...real.files, other].join(delimiter) },
        context: TEST_CONTEXT,
      });
      expect((await merged.serverInfo()).gitVersion).to.match(/^v1\.\d+/);
    });
  });
});
