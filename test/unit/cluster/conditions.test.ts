import { expect } from 'chai';
import { cleanupSelector } from '../../../src/cluster/cleanup/cleanup.js';
import { podReady, type PodLike } from '../../../src/cluster/watch/conditions.js';
import { kubeconfigFiles } from '../../../src/cluster/connect/kubeconfig.js';
import { labNamespaceLabels } from '../../../src/cluster/namespace.js';
import { scopeFor } from '../../../src/model/scope.js';

function pod(status: PodLike['status']): PodLike {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-0' }, status };
}

describe('pod conditions', function () {
  it('says which containers are not ready and why', function () {
    const state = podReady('web-0').check([
      pod({
        phase: 'Running',
        containerStatuses: [
          { name: 'sidecar', ready: true },
          { name: 'app', ready: false, state: { waiting: { reason: 'CrashLoopBackOff' } } },
        ],
      }),
    ]);
    expect(state).to.deep.equal({
      state: 'pending',
      errors: ['containers not ready: app (CrashLoopBackOff)'],
    });
  });

  it('is met when the Ready condition is True', function () {
    const ready = pod({ phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] });
    expect(podReady('web-0').check([ready])).to.deep.equal({ state: 'met', value: ready });
  });

  it('gives up on a pod in a final phase', function () {
    expect(podReady('web-0').check([pod({ phase: 'Failed' })]).state).to.equal('impossible');
  });
});

describe('labels and selectors kubelab puts on what it creates', function () {
  it('labels a lab namespace with the scope and Pod Security levels', function () {
    expect(labNamespaceLabels(scopeFor('probes', 'alice'), 'baseline')).to.deep.equal({
      'app.kubernetes.io/managed-by': 'kubelab',
      'kubelab.dev/lab': 'probes',
      'kubelab.dev/user': 'alice',
      'pod-security.kubernetes.io/enforce': 'baseline',
      'pod-security.kubernetes.io/warn': 'baseline',
      'pod-security.kubernetes.io/audit': 'baseline',
    });
  });

  it('selects what cleanup deletes by managed-by, lab, user and verify run', function () {
    expect(cleanupSelector({})).to.equal('app.kubernetes.io/managed-by=kubelab');
    expect(cleanupSelector({ labId: 'probes', user: 'bob' })).to.equal(
      'app.kubernetes.io/managed-by=kubelab,kubelab.dev/lab=probes,kubelab.dev/user=bob',
    );
    expect(cleanupSelector({ labId: 'probes', verifyRun: 'abc12' })).to.equal(
      'app.kubernetes.io/managed-by=kubelab,kubelab.dev/lab=probes,kubelab.dev/verify=abc12',
    );
  });
});

describe('kubeconfig file lookup', function () {
  it('prefers --kubeconfig, then every KUBECONFIG entry, then ~/.kube/config', function () {
    expect(kubeconfigFiles({ kubeconfig: '/a', env: { KUBECONFIG: '/b' } })).to.deep.equal(['/a']);
    expect(kubeconfigFiles({ env: { KUBECONFIG: '/b::/c' } })).to.deep.equal(['/b', '/c']);
    expect(kubeconfigFiles({ env: { HOME: '/home/x' } })).to.deep.equal(['/home/x/.kube/config']);
  });
});
