import { expect } from 'chai';
import { copyPod } from '../../../../checks/lib/pods/pod-copy.js';
import { podMemoryRequest } from '../../../../checks/lib/node/node-memory.js';

describe('pod-copy and node-memory', () => {
  const live = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'important', namespace: 'ns', labels: { app: 'important' }, uid: 'u1' },
    spec: {
      nodeName: 'node-1',
      priority: 1000,
      priorityClassName: 'high-priority',
      preemptionPolicy: 'PreemptLowerPriority',
      volumes: [{ name: 'kube-api-access-abcde' }, { name: 'data' }],
      containers: [
        {
          name: 'app',
          volumeMounts: [{ name: 'kube-api-access-abcde' }, { name: 'data' }],
          resources: { requests: { memory: '128Mi' } },
        },
      ],
    },
  };

  it('copies a live pod as its manifest asked for it: no binding, no resolved priority, no token volume, new labels', () => {
    const copy = copyPod(live, {
      generateName: 'important-x-',
      labels: { run: '1' },
      nodeSelector: { 'kubernetes.io/hostname': 'node-1' },
    });
    const spec = copy['spec'] as Record<string, unknown>;
    expect(copy.metadata).to.deep.equal({
      generateName: 'important-x-',
      namespace: 'ns',
      labels: { run: '1' },
    });
    expect(spec['nodeName']).to.equal(undefined);
    expect(spec['priority']).to.equal(undefined);
    expect(spec['priorityClassName']).to.equal('high-priority');
    expect(spec['volumes']).to.deep.equal([{ name: 'data' }]);
    expect(spec['nodeSelector']).to.deep.equal({ 'kubernetes.io/hostname': 'node-1' });
    expect(live.spec.volumes).to.have.length(2);
  });

  it('counts the memory the scheduler counts: containers, the largest init container, overhead', () => {
    expect(podMemoryRequest(live)).to.equal(128 * 1024 * 1024);
    const withInit = {
      ...live,
      spec: {
        ...live.spec,
        initContainers: [{ name: 'init', resources: { limits: { memory: '1Gi' } } }],
        overhead: { memory: '1Mi' },
      },
    };
    expect(podMemoryRequest(withInit)).to.equal(1024 * 1024 * 1024 + 1024 * 1024);
  });
});
