import { expect } from 'chai';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localNodeAccess } from '../../../src/cluster/node-access/local.js';
import { staticFilesOfNamespace } from '../../../src/session/node-files.js';
import { parkingPath } from '../../../src/cluster/node-access/static-manifests.js';

const pod = (name: string, namespace?: string): string =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n${namespace === undefined ? '' : `  namespace: ${namespace}\n`}spec:\n  containers: []\n`;

describe('static pod files of a namespace on the node', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'kubelab-static-'));
    await mkdir(join(root, 'manifests'));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('finds the files running pods in the lab’s namespace, whatever their name, and a parked copy beside the folder', async () => {
    await writeFile(join(root, 'manifests', 'web.yaml'), pod('static-web', 'kubelab-static-pods'));
    await writeFile(join(root, 'manifests', 'mine.yml'), pod('other', 'kubelab-static-pods'));
    await writeFile(join(root, 'manifests', 'etcd.yaml'), pod('etcd', 'kube-system'));
    await writeFile(join(root, 'manifests', 'default.yaml'), pod('static-web'));
    await writeFile(
      join(root, 'manifests', 'kubelab-static-pods-alice--web.yaml'),
      pod('static-web', 'kubelab-static-pods-alice'),
    );
    await writeFile(join(root, 'manifests', 'broken.yaml'), 'kind: [');
    // Where static-pod-self-heals parks web.yaml while it proves the kubelet reacts.
    const parked = parkingPath({ path: join(root, 'manifests', 'web.yaml'), file: 'web.yaml' });
    await writeFile(parked, pod('static-web', 'kubelab-static-pods'));
    await writeFile(join(root, 'admin.conf'), pod('static-web', 'kubelab-static-pods'));
    const found = await staticFilesOfNamespace({
      node: localNodeAccess('node-1'),
      namespace: 'kubelab-static-pods',
      dir: join(root, 'manifests'),
    });
    expect(parked).to.equal(join(root, '.kubelab-parked-web.yaml'));
    expect(found).to.deep.equal([
      parked,
      join(root, 'manifests', 'mine.yml'),
      join(root, 'manifests', 'web.yaml'),
    ]);
  });

  it('finds nothing when the folder does not exist', async () => {
    const found = await staticFilesOfNamespace({
      node: localNodeAccess('node-1'),
      namespace: 'kubelab-static-pods',
      dir: join(root, 'absent', 'manifests'),
    });
    expect(found).to.deep.equal([]);
  });
});
