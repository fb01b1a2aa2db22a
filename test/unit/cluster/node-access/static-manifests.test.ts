import { expect } from 'chai';
import {
  parkingPath,
  staticPodIdentity,
} from '../../../../src/cluster/node-access/static-manifests.js';
import { livenessWindowMs } from '../../../../checks/lib/pods/watch-restarts.js';
import { answerAt } from '../../../../checks/lib/answers.js';

describe('static-manifests', () => {
  it('reads the pod name and namespace of a static manifest, default namespace when unset', () => {
    expect(
      staticPodIdentity('kind: Pod\nmetadata:\n  name: web\n  namespace: lab\n', 'web.yaml'),
    ).to.deep.equal({ name: 'web', namespace: 'lab' });
    expect(staticPodIdentity('kind: Pod\nmetadata:\n  name: web\n', 'web.yaml')).to.deep.equal({
      name: 'web',
      namespace: 'default',
    });
  });

  it('ignores files that are not a Pod, as the kubelet does', () => {
    expect(staticPodIdentity('kind: Deployment\nmetadata:\n  name: web\n', 'web.yaml')).to.equal(
      undefined,
    );
    expect(staticPodIdentity('{not yaml', 'web.yaml')).to.equal(undefined);
  });

  it('parks a manifest beside the static pod folder, as a dot-file the kubelet never reads', () => {
    expect(parkingPath({ path: '/etc/kubernetes/manifests/web.yaml', file: 'web.yaml' })).to.equal(
      '/etc/kubernetes/.kubelab-parked-web.yaml',
    );
  });
});

describe('watch-restarts and answers', () => {
  it('gives a liveness probe period × (threshold + 2) to react, capped at 40 s', () => {
    const pod = (probe: object | undefined) => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {},
      spec: { containers: [{ name: 'web', livenessProbe: probe }] },
    });
    expect(livenessWindowMs(pod({ periodSeconds: 3, failureThreshold: 2 }))).to.equal(12_000);
    expect(livenessWindowMs(pod(undefined))).to.equal(5_000);
    expect(livenessWindowMs(pod({}))).to.equal(40_000);
  });

  it('reads a dotted path in the answers and stops at the first missing step', () => {
    const answers = { oomDemo: { reason: 'OOMKilled' }, list: [1] };
    expect(answerAt(answers, 'oomDemo.reason')).to.equal('OOMKilled');
    expect(answerAt(answers, 'oomDemo.exitCode')).to.equal(undefined);
    expect(answerAt(answers, 'list.0')).to.equal(undefined);
  });
});
