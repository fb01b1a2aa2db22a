import { expect } from 'chai';
import { recreatable } from '../../../../checks/lib/workloads/recreate.js';

describe('recreatable', function () {
  it('drops server-owned fields, the node binding and the injected token volume of a pod', function () {
    const copy = recreatable({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: 'demo-pod',
        namespace: 'ns',
        uid: 'u',
        resourceVersion: '7',
        managedFields: [],
      },
      spec: {
        nodeName: 'node-1',
        containers: [
          {
            name: 'demo',
            volumeMounts: [
              { name: 'demo-volume', mountPath: '/mnt/data' },
              {
                name: 'kube-api-access-x7',
                mountPath: '/var/run/secrets/kubernetes.io/serviceaccount',
              },
            ],
          },
        ],
        volumes: [
          { name: 'demo-volume', persistentVolumeClaim: { claimName: 'pvc-demo' } },
          { name: 'kube-api-access-x7' },
        ],
      },
      status: { phase: 'Running' },
    });
    expect(copy).to.deep.equal({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'demo-pod', namespace: 'ns' },
      spec: {
        containers: [
          { name: 'demo', volumeMounts: [{ name: 'demo-volume', mountPath: '/mnt/data' }] },
        ],
        volumes: [{ name: 'demo-volume', persistentVolumeClaim: { claimName: 'pvc-demo' } }],
      },
    });
  });

  it('forgets the volume the binder chose for a claim, but keeps one the student named', function () {
    const bound = recreatable({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: {
        name: 'pvc-dyn',
        annotations: { 'pv.kubernetes.io/bound-by-controller': 'yes', note: 'kept' },
      },
      spec: { volumeName: 'pvc-123' },
    });
    expect(bound.metadata.annotations).to.deep.equal({ note: 'kept' });
    expect(bound['spec']).to.deep.equal({});
    const named = recreatable({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'pvc-demo', annotations: { 'pv.kubernetes.io/bind-completed': 'yes' } },
      spec: { volumeName: 'pv-demo' },
    });
    expect(named['spec']).to.deep.equal({ volumeName: 'pv-demo' });
  });
});
