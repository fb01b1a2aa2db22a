import { expect } from 'chai';
import {
  CleanupRuns,
  describeLeftRun,
  selectCleanup,
  type CleanupCandidate,
} from '../../../src/cluster/cleanup/cleanup-plan.js';
import { runOwner } from '../../../src/cluster/run-owner.js';
import { scopeFor } from '../../../src/model/scope.js';
import { verifyScope } from '../../../src/runner/verify-scope.js';

function namespaceOf(scope: {
  namespace: string;
  labels: Record<string, string>;
}): CleanupCandidate {
  return {
    ref: { apiVersion: 'v1', kind: 'Namespace', name: scope.namespace },
    uid: `uid-${scope.namespace}`,
    labels: scope.labels,
  };
}

const session = scopeFor('statefulset');
const verify = verifyScope('statefulset', 'abc12');
const alice = scopeFor('statefulset', 'alice');
const bob = scopeFor('statefulset', 'bob');
const verifyClass: CleanupCandidate = {
  ref: {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    name: 'kubelab-verify-abc12--fast',
  },
  uid: undefined,
  labels: verify.labels,
};
/** What `managed-by=kubelab,kubelab.dev/lab=statefulset` finds on a cluster where all four run. */
const found = [
  namespaceOf(verify),
  namespaceOf(bob),
  verifyClass,
  namespaceOf(session),
  namespaceOf(alice),
];

describe('cleanup selection', () => {
  it('tells a verify run, a graded student and the student’s own session apart by their labels', () => {
    expect(runOwner(verify.labels)).to.deep.equal({ kind: 'verify', run: 'abc12' });
    expect(runOwner(alice.labels)).to.deep.equal({ kind: 'grade', user: 'alice' });
    expect(runOwner(session.labels)).to.deep.equal({ kind: 'session' });
    expect(runOwner(undefined)).to.deep.equal({ kind: 'session' });
  });

  it('takes only the student’s own namespace and leaves a verify run’s and the graded students’ objects', () => {
    const { take, left } = selectCleanup(found, CleanupRuns.session);
    expect(take.map((c) => c.ref.name)).to.deep.equal(['kubelab-statefulset']);
    expect(left).to.deep.equal([
      {
        owner: { kind: 'grade', user: 'alice' },
        objects: ['namespace/kubelab-statefulset-alice'],
      },
      { owner: { kind: 'grade', user: 'bob' }, objects: ['namespace/kubelab-statefulset-bob'] },
      {
        owner: { kind: 'verify', run: 'abc12' },
        objects: [
          'namespace/kubelab-verify-statefulset-abc12',
          'storageclass/kubelab-verify-abc12--fast',
        ],
      },
    ]);
  });

  it('takes every run’s objects with runs: all, sorted by kind and name', () => {
    const { take, left } = selectCleanup(found, CleanupRuns.all);
    expect(take.map((c) => `${c.ref.kind}/${c.ref.name}`)).to.deep.equal([
      'Namespace/kubelab-statefulset',
      'Namespace/kubelab-statefulset-alice',
      'Namespace/kubelab-statefulset-bob',
      'Namespace/kubelab-verify-statefulset-abc12',
      'StorageClass/kubelab-verify-abc12--fast',
    ]);
    expect(left).to.deep.equal([]);
  });

  it('says what it left, whose it is, and which option includes it', () => {
    const { left } = selectCleanup(found, CleanupRuns.session);
    expect(left.map(describeLeftRun)).to.deep.equal([
      "left 1 object of an instructor's `kubelab grade` of student alice, in progress or interrupted: namespace/kubelab-statefulset-alice; use --user alice or --all-runs to include it",
      "left 1 object of an instructor's `kubelab grade` of student bob, in progress or interrupted: namespace/kubelab-statefulset-bob; use --user bob or --all-runs to include it",
      'left 2 objects of a `kubelab verify` run (abc12), in progress or interrupted: namespace/kubelab-verify-statefulset-abc12, storageclass/kubelab-verify-abc12--fast; use --all-runs to include them',
    ]);
  });
});
