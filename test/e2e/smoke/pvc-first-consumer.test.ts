import { expect } from 'chai';
import type { ClusterClient } from '../../../src/cluster/connect/client.js';
import type { KubeObject, WaitCondition } from '../../../src/cluster/cluster.js';
import { podReady } from '../../../src/cluster/watch/conditions.js';
import { testCluster, withNamespace } from '../support/index.js';
import {
  POD_START_MS,
  SMOKE_TEST_MS,
  applyAll,
  busybox,
  execOk,
  pod,
  waitEvent,
  waitPod,
  type SmokePod,
} from './smoke-support.js';

/** The cluster's default StorageClass (scripts/cluster/README.md): local-path, WaitForFirstConsumer. */
const STORAGE_CLASS = 'standard';

interface Claim extends KubeObject {
  spec?: { storageClassName?: string; volumeName?: string };
  status?: { phase?: string };
}

interface Volume extends KubeObject {
  spec?: { storageClassName?: string; claimRef?: { name?: string; namespace?: string } };
}

function claimBound(name: string): WaitCondition<Claim, Claim> {
  return {
    description: `PVC ${name} to be Bound`,
    check(claims) {
      const claim = claims.find((c) => c.metadata.name === name);
      return claim?.status?.phase === 'Bound'
        ? { state: 'met', value: claim }
        : { state: 'pending', errors: [`PVC ${name} is ${claim?.status?.phase ?? 'absent'}`] };
    },
  };
}

describe('smoke: a PVC on the standard StorageClass', function () {
  this.timeout(SMOKE_TEST_MS);
  let cluster: ClusterClient;
  before(async function () {
    cluster = await testCluster(this);
  });
  const ns = withNamespace('smoke-pvc');

  it('waits for its first consumer, then binds to a dynamically provisioned volume on the pod’s node', async function () {
    const claimRef = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', namespace: ns.name };
    await applyAll(cluster, ns.name, [
      {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: { name: 'data' },
        spec: {
          storageClassName: STORAGE_CLASS,
          accessModes: ['ReadWriteOnce'],
          resources: { requests: { storage: '16Mi' } },
        },
      },
    ]);
    expect(
      await waitEvent(cluster, {
        namespace: ns.name,
        object: 'data',
        reason: 'WaitForFirstConsumer',
        message: /waiting for first consumer/,
      }),
    ).to.be.a('string');
    const waiting = await cluster.get<Claim>({ ...claimRef, name: 'data' });
    expect(waiting?.status?.phase, 'no consumer yet').to.equal('Pending');
    expect(waiting?.spec?.volumeName ?? '').to.equal('');

    await applyAll(cluster, ns.name, [
      pod({
        name: 'consumer',
        spec: {
          containers: [
            {
              ...busybox('app', ['sleep', '3600']),
              volumeMounts: [{ name: 'data', mountPath: '/data' }],
            },
          ],
          volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data' } }],
        },
      }),
    ]);
    const bound = await cluster.waitFor(
      { ...claimRef, fieldSelector: 'metadata.name=data' },
      claimBound('data'),
      { timeoutMs: POD_START_MS },
    );
    const consumer = (await waitPod(cluster, {
      namespace: ns.name,
      name: 'consumer',
      condition: podReady('consumer'),
    })) as SmokePod;
    const volumeName = bound.spec?.volumeName ?? '';
    const volume = await cluster.get<Volume>({
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      name: volumeName,
    });
    expect(volume?.spec?.storageClassName).to.equal(STORAGE_CLASS);
    expect(volume?.spec?.claimRef).to.include({ name: 'data', namespace: ns.name });
    expect(volume?.metadata.annotations?.['pv.kubernetes.io/provisioned-by']).to.equal(
      'rancher.io/local-path',
    );
    const nodeName = consumer.spec?.nodeName;
    expect(bound.metadata.annotations?.['volume.kubernetes.io/selected-node']).to.equal(nodeName);
    await execOk(cluster, {
      namespace: ns.name,
      pod: 'consumer',
      command: ['sh', '-c', 'echo written > /data/probe && cat /data/probe'],
    });
  });
});
