import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { expect } from 'chai';
import { KubeconfigError } from '../../../src/cluster/errors.js';
import { loadKubeconfig } from '../../../src/cluster/connect/kubeconfig.js';
import { explainError } from '../../../src/cli/explain-error.js';

/** A kubeconfig with one cluster, user and context, named c, u and ctx unless given. */
function kubeconfig(options: {
  readonly cluster?: string;
  readonly user?: string;
  readonly context?: string;
  readonly server: string;
  readonly token?: string;
  readonly current?: string;
  readonly clusterExtra?: string;
  readonly userExtra?: string;
}): string {
  const { cluster = 'c', user = 'u', context = 'ctx' } = options;
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    `- name: ${cluster}`,
    '  cluster:',
    `    server: ${options.server}`,
    ...(options.clusterExtra === undefined ? [] : [`    ${options.clusterExtra}`]),
    'users:',
    `- name: ${user}`,
    '  user:',
    `    token: ${options.token ?? 'token'}`,
    ...(options.userExtra === undefined ? [] : [`    ${options.userExtra}`]),
    'contexts:',
    `- name: ${context}`,
    `  context: {cluster: ${cluster}, user: ${user}}`,
    ...(options.current === undefined ? [] : [`current-context: ${options.current}`]),
    '',
  ].join('\n');
}

async function thrown(fn: () => unknown): Promise<Error> {
  try {
    await fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error, none was thrown');
}

describe('loading the kubeconfig like kubectl', function () {
  let dir: string;
  let a: string;
  let b: string;

  beforeEach(async function () {
    dir = await mkdtemp(join(tmpdir(), 'kubelab-kubeconfig-'));
    a = join(dir, 'a.yaml');
    b = join(dir, 'b.yaml');
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const load = (files: readonly string[], context?: string) =>
    loadKubeconfig({ env: { KUBECONFIG: files.join(delimiter) }, context });

  it('keeps the first file’s user and cluster when a later file uses the same names', async function () {
    await writeFile(
      a,
      kubeconfig({
        cluster: 'shared',
        user: 'admin',
        context: 'first',
        server: 'https://first.example:6443',
        token: 'first-token',
        current: 'first',
      }),
    );
    await writeFile(
      b,
      kubeconfig({
        cluster: 'shared',
        user: 'admin',
        context: 'second',
        server: 'https://second.example:6443',
        token: 'second-token',
        current: 'second',
      }),
    );
    const loaded = load([a, b]);
    expect(loaded.context).to.equal('first');
    expect(loaded.server).to.equal('https://first.example:6443');
    expect(loaded.kc.getUser('admin')?.token).to.equal('first-token');
    expect(loaded.kc.getContexts().map((c) => c.name)).to.deep.equal(['first', 'second']);
    // The second file's context exists, but its cluster and user names resolve to the first file's.
    const second = load([a, b], 'second');
    expect(second.server).to.equal('https://first.example:6443');
    expect(second.kc.getCurrentUser()?.token).to.equal('first-token');
  });

  it('takes current-context from the first file that sets one', async function () {
    await writeFile(
      a,
      kubeconfig({ cluster: 'c1', user: 'u1', context: 'one', server: 'https://one:6443' }),
    );
    await writeFile(
      b,
      kubeconfig({
        cluster: 'c2',
        user: 'u2',
        context: 'two',
        server: 'https://two:6443',
        current: 'two',
      }),
    );
    expect(load([a, b]).context).to.equal('two');
  });

  it('skips a missing file in KUBECONFIG and adds nothing for an empty one', async function () {
    await writeFile(a, '');
    await writeFile(
      b,
      kubeconfig({
        server: 'https://b:6443',
        current: 'ctx',
      }),
    );
    const loaded = load([join(dir, 'absent.yaml'), a, b]);
    expect(loaded.context).to.equal('ctx');
    expect(loaded.files).to.deep.equal([a, b]);
  });

  it('refuses a name listed twice in one file, naming the file and the name', async function () {
    const one = kubeconfig({
      server: 'https://a:6443',
      current: 'ctx',
    });
    await writeFile(a, one.replace('contexts:', '- name: u\n  user: {token: other}\ncontexts:'));
    const error = await thrown(() => load([a]));
    expect(error).to.be.instanceOf(KubeconfigError);
    expect(error.message).to.include(a).and.to.include('user "u" is listed twice');
  });

  it('names the context and the CA file when the certificate-authority file is missing', async function () {
    await writeFile(
      a,
      kubeconfig({
        cluster: 'mk',
        user: 'mk',
        context: 'minikube',
        server: 'https://192.168.49.2:8443',
        current: 'minikube',
        clusterExtra: 'certificate-authority: certs/ca.crt',
      }),
    );
    const error = await thrown(() => load([a]));
    expect(error).to.be.instanceOf(KubeconfigError);
    // A relative path resolves against the kubeconfig's own directory, as in kubectl.
    expect(error.message).to.include(
      `context "minikube": certificate-authority file ${join(dir, 'certs', 'ca.crt')} does not exist`,
    );
    expect(error.message).to.include(`cluster "mk" in kubeconfig ${a}`);
    expect(explainError(error).tryLine).to.equal('kubectl config view --minify --context minikube');
  });

  it('names the context and the client key file when the key is missing', async function () {
    await mkdir(join(dir, 'certs'));
    const cert = join(dir, 'certs', 'client.crt');
    await writeFile(cert, 'not checked here, only its presence');
    await writeFile(
      b,
      kubeconfig({
        cluster: 'kind',
        user: 'kind-user',
        context: 'kind-kind',
        server: 'https://127.0.0.1:35000',
        current: 'kind-kind',
        userExtra: `client-certificate: ${cert}\n    client-key: ${join(dir, 'certs', 'client.key')}`,
      }),
    );
    const error = await thrown(() => load([a, b]));
    expect(error.message).to.include(
      `context "kind-kind": client-key file ${join(dir, 'certs', 'client.key')} does not exist (user "kind-user" in kubeconfig ${b})`,
    );
  });

  it('says a credential path that is a directory is not a file', async function () {
    await mkdir(join(dir, 'certs'));
    await writeFile(
      a,
      kubeconfig({
        server: 'https://a:6443',
        current: 'ctx',
        clusterExtra: `certificate-authority: ${join(dir, 'certs')}`,
      }),
    );
    expect((await thrown(() => load([a]))).message).to.include(
      `certificate-authority file ${join(dir, 'certs')} is not a file`,
    );
  });

  it('loads a context whose credential files exist', async function () {
    const ca = join(dir, 'ca.crt');
    await writeFile(ca, 'present');
    await writeFile(
      a,
      kubeconfig({
        server: 'https://a:6443/',
        current: 'ctx',
        clusterExtra: 'certificate-authority: ca.crt',
      }),
    );
    const loaded = load([a]);
    expect(loaded.server).to.equal('https://a:6443');
    expect(loaded.kc.getCurrentCluster()?.caFile).to.equal(ca);
  });
});
