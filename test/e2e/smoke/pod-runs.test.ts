import { expect } from 'chai';
import type { ClusterClient } from '../../../src/cluster/connect/client.js';
import { podReady } from '../../../src/cluster/watch/conditions.js';
import { testCluster, withNamespace } from '../support/index.js';
import {
  BUSYBOX,
  SMOKE_TEST_MS,
  applyAll,
  busybox,
  containerStatus,
  execOk,
  pod,
  waitPod,
  type SmokePod,
} from './smoke-support.js';

describe('smoke: a pod runs', function () {
  this.timeout(SMOKE_TEST_MS);
  let cluster: ClusterClient;
  before(async function () {
    cluster = await testCluster(this);
  });
  const ns = withNamespace('smoke-pod');

  it('runs a busybox pod from the image list, and a command inside it answers', async function () {
    await applyAll(cluster, ns.name, [
      pod({ name: 'hello', spec: { containers: [busybox('main', ['sleep', '3600'])] } }),
    ]);
    const ready = (await waitPod(cluster, {
      namespace: ns.name,
      name: 'hello',
      condition: podReady('hello'),
    })) as SmokePod;
    expect(ready.status?.phase).to.equal('Running');
    expect(ready.spec?.nodeName, 'scheduled on a node').to.be.a('string').and.not.equal('');
    expect(ready.status?.podIP, 'has a pod IP').to.match(/^\d+\.\d+\.\d+\.\d+$/);
    expect(containerStatus(ready, 'main')?.restartCount).to.equal(0);
    const out = await execOk(cluster, {
      namespace: ns.name,
      pod: 'hello',
      command: ['sh', '-c', 'echo "$((6 * 7))" && hostname'],
    });
    expect(out).to.equal('42\nhello\n');
    expect(BUSYBOX).to.match(/^docker\.io\/library\/busybox:/);
  });
});
