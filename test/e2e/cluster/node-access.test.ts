import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { expect } from 'chai';
import type { ClusterClient } from '../../../src/cluster/connect/client.js';
import { podNodeAccess } from '../../../src/cluster/node-access/pod.js';
import { KUBELAB_STATE_DIR, selectNodeAccess } from '../../../src/cluster/node-access/select.js';
import { testCluster } from '../support/index.js';

describe('node access on the test cluster', function () {
  this.timeout(120_000);
  let cluster: ClusterClient;
  const dir = `/tmp/kubelab-e2e-node-${process.pid}`;
  before(async function () {
    cluster = await testCluster(this);
  });
  after(async function () {
    await rm(dir, { recursive: true, force: true });
  });

  it('chooses local access when this machine is the node of the kubelab cluster', async function () {
    if (!existsSync(KUBELAB_STATE_DIR)) this.skip();
    const node = await selectNodeAccess(cluster);
    expect(node.kind).to.equal('local');
    await node.writeFile(`${dir}/local/static.yaml`, 'kind: Pod\n');
    expect(await node.readFile(`${dir}/local/static.yaml`)).to.equal('kind: Pod\n');
    expect(await node.list(`${dir}/local`)).to.deep.equal(['static.yaml']);
  });

  it('reads and writes node files through a privileged pod, and removes the pod when closed', async function () {
    const [node] = await cluster.list({ apiVersion: 'v1', kind: 'Node' });
    // Pods other runs left in the shared namespace are not this adapter's: compare by uid.
    const podsIn = () =>
      cluster.list({ apiVersion: 'v1', kind: 'Pod', namespace: 'kubelab-node-access' });
    const before = new Set((await podsIn()).map((p) => p.metadata.uid));
    const access = await podNodeAccess(cluster, { nodeName: node?.metadata.name ?? '' });
    try {
      expect(access.kind).to.equal('pod');
      await access.writeFile(`${dir}/pod/a.yaml`, 'from: pod\n');
      expect(await access.readFile(`${dir}/pod/a.yaml`)).to.equal('from: pod\n');
      if (existsSync(KUBELAB_STATE_DIR))
        expect(await readFile(`${dir}/pod/a.yaml`, 'utf8')).to.equal('from: pod\n');
      await access.move(`${dir}/pod/a.yaml`, `${dir}/pod/b.yaml`);
      expect(await access.list(`${dir}/pod`)).to.deep.equal(['b.yaml']);
      expect(await access.exists(`${dir}/pod/a.yaml`)).to.equal(false);
      await access.remove(`${dir}/pod/b.yaml`);
      expect(await access.readFile(`${dir}/pod/b.yaml`)).to.equal(undefined);
      const refused = await access.readFile('/etc/../etc/shadow').catch((e: unknown) => e);
      expect(refused).to.be.instanceOf(Error).with.property('name', 'NodePathError');
    } finally {
      await access.close?.();
    }
    const left = (await podsIn()).filter(
      (p) => !before.has(p.metadata.uid) && p.metadata.deletionTimestamp === undefined,
    );
    expect(left.map((p) => p.metadata.name)).to.deep.equal([]);
  });
});
