import { expect } from 'chai';
import { stringify } from 'yaml';
import type { ClusterClient } from '../../../src/cluster/connect/client.js';
import { podReady } from '../../../src/cluster/watch/conditions.js';
import type { NodeAccess } from '../../../src/cluster/node-access/node-access.js';
import { selectNodeAccess } from '../../../src/cluster/node-access/select.js';
import { testCluster, withNamespace } from '../support/index.js';
import {
  POD_START_MS,
  SMOKE_TEST_MS,
  busybox,
  pod,
  waitPod,
  type SmokePod,
} from './smoke-support.js';

/** The kubelet's static pod directory (scripts/cluster/README.md; kubeadm and minikube use the same). */
const MANIFESTS_DIR = '/etc/kubernetes/manifests';

describe('smoke: a static pod', function () {
  this.timeout(SMOKE_TEST_MS);
  let cluster: ClusterClient;
  let node: NodeAccess;
  before(async function () {
    cluster = await testCluster(this);
    node = await selectNodeAccess(cluster);
  });
  after(async function () {
    await node?.close?.();
  });
  const ns = withNamespace('smoke-static');

  it('written to the manifests directory appears as a mirror pod, and goes when the file is removed', async function () {
    const name = `smoke-static-${ns.name.slice(-6)}`;
    const file = `${MANIFESTS_DIR}/kubelab-${name}.yaml`;
    const manifest = pod({ name, spec: { containers: [busybox('sleep', ['sleep', '3600'])] } });
    manifest.metadata.namespace = ns.name;
    const mirror = `${name}-${node.nodeName}`;
    try {
      await node.writeFile(file, stringify(manifest));
      const ready = (await waitPod(cluster, {
        namespace: ns.name,
        name: mirror,
        condition: podReady(mirror),
      })) as SmokePod;
      expect(
        ready.metadata.annotations?.['kubernetes.io/config.mirror'],
        'mirror annotation',
      ).to.match(/^\w+$/);
      expect(ready.metadata.annotations?.['kubernetes.io/config.source']).to.equal('file');
      expect(ready.spec?.nodeName).to.equal(node.nodeName);
      expect(ready.metadata.ownerReferences?.map((o) => `${o.kind}/${o.name}`)).to.deep.equal([
        `Node/${node.nodeName}`,
      ]);

      await node.remove(file);
      await cluster.waitForDeletion(
        { apiVersion: 'v1', kind: 'Pod', namespace: ns.name, name: mirror },
        { timeoutMs: POD_START_MS, uid: ready.metadata.uid },
      );
    } finally {
      await node.remove(file);
    }
    expect(await node.exists(file)).to.equal(false);
  });
});
