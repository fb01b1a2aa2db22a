import { expect } from 'chai';
import type { KubeObject } from '../../../src/cluster/cluster.js';
import { scopeFor } from '../../../src/model/scope.js';
import { applyPolicy, type PolicyDecision } from '../../../src/runner/apply-policy.js';

const scope = scopeFor('pv-pvc', 'alice');
const doc = (object: object, source = 'student/a.yaml:1') => ({
  source,
  object: object as KubeObject,
});
const sent = (d: PolicyDecision | undefined): KubeObject => {
  if (d?.action !== 'send') throw new Error(`expected send, got ${JSON.stringify(d)}`);
  return d.object;
};

describe('applyPolicy', () => {
  it('sends a namespaced object that names no namespace, unchanged', () => {
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: { replicas: 1 },
    };
    const [decision] = applyPolicy([doc(deployment)], { scope, allowedClusterScoped: [] });
    expect(sent(decision)).to.deep.equal(deployment);
  });

  it('accepts an object naming the scope’s own namespace', () => {
    const cm = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c', namespace: scope.namespace },
    };
    expect(applyPolicy([doc(cm)], { scope, allowedClusterScoped: [] })[0]?.action).to.equal('send');
  });

  it('refuses an object naming another namespace, and says where objects go', () => {
    const cm = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c', namespace: 'kube-system' },
    };
    const [decision] = applyPolicy([doc(cm)], { scope, allowedClusterScoped: [] });
    expect(decision?.action).to.equal('refuse');
    if (decision?.action === 'refuse') {
      expect(decision.reason).to.contain('names namespace kube-system');
      expect(decision.reason).to.contain(scope.namespace);
      expect(decision.ref).to.deep.equal({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        name: 'c',
        namespace: 'kube-system',
      });
    }
  });

  it('refuses Namespace documents', () => {
    const [decision] = applyPolicy(
      [doc({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'mine' } })],
      {
        scope,
        allowedClusterScoped: ['PersistentVolume'],
      },
    );
    expect(decision?.action).to.equal('refuse');
  });

  it('refuses a cluster-scoped kind the lab does not allow, listing what is allowed', () => {
    const [decision] = applyPolicy(
      [
        doc({
          apiVersion: 'rbac.authorization.k8s.io/v1',
          kind: 'ClusterRole',
          metadata: { name: 'x' },
        }),
      ],
      {
        scope,
        allowedClusterScoped: ['StorageClass', 'PersistentVolume'],
      },
    );
    expect(decision?.action === 'refuse' && decision.reason).to.equal(
      'ClusterRole is cluster-scoped and this lab does not allow it (allowed: PersistentVolume, StorageClass); remove this document',
    );
  });

  it('prefixes allowed cluster-scoped objects, labels them, and rewrites the references to them', () => {
    const docs = [
      doc({
        apiVersion: 'storage.k8s.io/v1',
        kind: 'StorageClass',
        metadata: { name: 'fast' },
        provisioner: 'x',
      }),
      doc({
        apiVersion: 'v1',
        kind: 'PersistentVolume',
        metadata: { name: 'pv-demo', labels: { tier: 'db' } },
        spec: { storageClassName: 'fast', claimRef: { name: 'data', namespace: 'default' } },
      }),
      doc({
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: { name: 'data' },
        spec: { volumeName: 'pv-demo', storageClassName: 'fast' },
      }),
      doc({
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: { name: 'other' },
        spec: { storageClassName: 'standard' },
      }),
      doc({
        apiVersion: 'apps/v1',
        kind: 'StatefulSet',
        metadata: { name: 'db' },
        spec: {
          template: { spec: { priorityClassName: 'high', containers: [] } },
          volumeClaimTemplates: [{ metadata: { name: 'd' }, spec: { storageClassName: 'fast' } }],
        },
      }),
      doc({
        apiVersion: 'scheduling.k8s.io/v1',
        kind: 'PriorityClass',
        metadata: { name: 'high' },
        value: 1000,
      }),
      doc({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'p' },
        spec: { priorityClassName: 'high', containers: [] },
      }),
    ];
    const decisions = applyPolicy(docs, {
      scope,
      allowedClusterScoped: ['PersistentVolume', 'StorageClass', 'PriorityClass'],
    });
    const [sc, pv, pvc, other, sts, pc, pod] = decisions.map(sent);
    expect(sc?.metadata.name).to.equal('alice--fast');
    expect(sc?.metadata.labels).to.deep.equal(scope.labels);
    expect(pv?.metadata.name).to.equal('alice--pv-demo');
    expect(pv?.metadata.labels).to.deep.equal({ tier: 'db', ...scope.labels });
    expect(pv?.['spec']).to.deep.equal({
      storageClassName: 'alice--fast',
      claimRef: { name: 'data', namespace: scope.namespace },
    });
    expect(pvc?.['spec']).to.deep.equal({
      volumeName: 'alice--pv-demo',
      storageClassName: 'alice--fast',
    });
    expect(other?.['spec']).to.deep.equal(
      { storageClassName: 'standard' },
      'a class the submission does not define is left alone',
    );
    expect(sts?.['spec']).to.deep.equal({
      template: { spec: { priorityClassName: 'alice--high', containers: [] } },
      volumeClaimTemplates: [
        { metadata: { name: 'd' }, spec: { storageClassName: 'alice--fast' } },
      ],
    });
    expect(pc?.metadata.name).to.equal('alice--high');
    expect(pod?.['spec']).to.deep.equal({ priorityClassName: 'alice--high', containers: [] });
  });

  it('does not modify the documents it is given', () => {
    const pv = { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv' }, spec: {} };
    const copy = structuredClone(pv);
    applyPolicy([doc(pv)], { scope, allowedClusterScoped: ['PersistentVolume'] });
    expect(pv).to.deep.equal(copy);
  });

  it('leaves names alone for a student on their own cluster (empty prefix)', () => {
    const own = scopeFor('pv-pvc');
    const [decision] = applyPolicy(
      [doc({ apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv' }, spec: {} })],
      {
        scope: own,
        allowedClusterScoped: ['PersistentVolume'],
      },
    );
    expect(sent(decision).metadata.name).to.equal('pv');
  });

  describe('a claim of no class', () => {
    const claim = (spec: object) =>
      doc({
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: { name: 'pvc-demo' },
        spec,
      });
    const policy = { scope, allowedClusterScoped: ['PersistentVolume'] };

    it('may bind only volumes of its own scope: a selector on the scope labels', () => {
      const [decision] = applyPolicy([claim({ storageClassName: '' })], policy);
      expect(sent(decision)['spec']).to.deep.equal({
        storageClassName: '',
        selector: { matchLabels: scope.labels },
      });
    });

    it('keeps the selector the student wrote, ANDed with the scope labels', () => {
      const spec = {
        storageClassName: '',
        selector: {
          matchLabels: { tier: 'db' },
          matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }],
        },
      };
      const [decision] = applyPolicy([claim(spec)], policy);
      expect(sent(decision)['spec']).to.deep.equal({
        storageClassName: '',
        selector: {
          matchLabels: { tier: 'db', ...scope.labels },
          matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }],
        },
      });
    });

    it('is left alone when it names its volume, has a class (dynamic provisioning), or runs unscoped', () => {
      const named = { storageClassName: '', volumeName: 'other' };
      const classed = { storageClassName: 'standard' };
      const defaulted = { resources: { requests: { storage: '1Gi' } } };
      const out = applyPolicy([claim(named), claim(classed), claim(defaulted)], policy).map(
        (d) => sent(d)['spec'],
      );
      expect(out).to.deep.equal([named, classed, defaulted]);
      const own = applyPolicy([claim({ storageClassName: '' })], {
        scope: scopeFor('pv-pvc'),
        allowedClusterScoped: ['PersistentVolume'],
      });
      expect(sent(own[0])['spec']).to.deep.equal({ storageClassName: '' });
    });
  });
});
