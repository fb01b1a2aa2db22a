import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import type { ClusterClient } from '../../../src/cluster/connect/client.js';
import { podReady } from '../../../src/cluster/watch/conditions.js';
import { testCluster, withNamespace } from '../support/index.js';
import {
  POD_START_MS,
  SMOKE_TEST_MS,
  applyAll,
  busybox,
  execOk,
  podCondition,
  waitPod,
  type SmokePod,
} from './smoke-support.js';

/** A first start also provisions the volume (a local-path helper pod runs first): twice a pod start. */
const FIRST_START_MS = 2 * POD_START_MS;

describe('smoke: a StatefulSet pod', function () {
  this.timeout(SMOKE_TEST_MS);
  let cluster: ClusterClient;
  before(async function () {
    cluster = await testCluster(this);
  });
  const ns = withNamespace('smoke-sts');

  it('web-0 gets its own PVC back after deletion, with the data written before', async function () {
    await applyAll(cluster, ns.name, [
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'web' },
        spec: { clusterIP: 'None', selector: { app: 'web' }, ports: [{ port: 80 }] },
      },
      {
        apiVersion: 'apps/v1',
        kind: 'StatefulSet',
        metadata: { name: 'web' },
        spec: {
          serviceName: 'web',
          replicas: 1,
          selector: { matchLabels: { app: 'web' } },
          template: {
            metadata: { labels: { app: 'web' } },
            spec: {
              terminationGracePeriodSeconds: 0,
              containers: [
                {
                  ...busybox('app', ['sleep', '3600']),
                  volumeMounts: [{ name: 'data', mountPath: '/data' }],
                },
              ],
            },
          },
          volumeClaimTemplates: [
            {
              metadata: { name: 'data' },
              spec: {
                accessModes: ['ReadWriteOnce'],
                resources: { requests: { storage: '16Mi' } },
              },
            },
          ],
        },
      },
    ]);
    const first = (await waitPod(cluster, {
      namespace: ns.name,
      name: 'web-0',
      condition: podReady('web-0'),
      timeoutMs: FIRST_START_MS,
    })) as SmokePod;
    const claimRef = {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      namespace: ns.name,
      name: 'data-web-0',
    };
    const claim = await cluster.get(claimRef);
    expect(claim?.metadata.uid, 'PVC data-web-0 exists').to.be.a('string');
    const token = randomBytes(8).toString('hex');
    const target = { namespace: ns.name, pod: 'web-0' };
    await execOk(cluster, { ...target, command: ['sh', '-c', `echo ${token} > /data/token`] });

    const podRef = { apiVersion: 'v1', kind: 'Pod', namespace: ns.name, name: 'web-0' };
    await cluster.delete(podRef, { gracePeriodSeconds: 0 });
    await cluster.waitForDeletion(podRef, { timeoutMs: POD_START_MS, uid: first.metadata.uid });
    const second = await waitPod(cluster, {
      namespace: ns.name,
      name: 'web-0',
      condition: podCondition({
        name: 'web-0',
        description: 'to be recreated and Ready',
        verdict(current) {
          const ready = current.status?.conditions?.some(
            (c) => c.type === 'Ready' && c.status === 'True',
          );
          return current.metadata.uid !== first.metadata.uid && ready === true
            ? { state: 'met', value: current }
            : { state: 'pending', errors: [`uid ${current.metadata.uid ?? '?'}, ready ${ready}`] };
        },
      }),
    });
    const claims = second.spec?.volumes?.map((v) => v.persistentVolumeClaim?.claimName);
    expect(claims).to.include('data-web-0');
    const again = await cluster.get(claimRef);
    expect(again?.metadata.uid, 'the same PVC object').to.equal(claim?.metadata.uid);
    expect(await execOk(cluster, { ...target, command: ['cat', '/data/token'] })).to.equal(
      `${token}\n`,
    );
  });
});
