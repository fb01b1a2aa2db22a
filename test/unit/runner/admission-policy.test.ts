import { expect } from 'chai';
import {
  CLUSTER_SCOPED_POLICY,
  NAMESPACED_POLICY,
  admissionPolicyObjects,
} from '../../../src/runner/admission-policy.js';

interface Binding {
  metadata: { name: string };
  spec: {
    policyName: string;
    validationActions: string[];
    matchResources: Record<string, { matchExpressions: { key: string; operator: string }[] }>;
  };
}

describe('admissionPolicyObjects', function () {
  const objects = admissionPolicyObjects();
  const bindings = objects.filter(
    (o) => o.kind === 'ValidatingAdmissionPolicyBinding',
  ) as unknown as Binding[];

  it('binds the namespaced policy by namespace label and the cluster-scoped one by object label, for batch and verify', function () {
    const summary = bindings
      .map((b) => {
        const [selector, value] = Object.entries(b.spec.matchResources)[0] ?? [];
        return `${b.spec.policyName} ${selector} ${value?.matchExpressions.map((e) => `${e.key} ${e.operator}`).join()} ${b.spec.validationActions.join()}`;
      })
      .sort();
    expect(summary).to.deep.equal([
      `${CLUSTER_SCOPED_POLICY} objectSelector kubelab.dev/user Exists Deny`,
      `${CLUSTER_SCOPED_POLICY} objectSelector kubelab.dev/verify Exists Deny`,
      `${NAMESPACED_POLICY} namespaceSelector kubelab.dev/user Exists Deny`,
      `${NAMESPACED_POLICY} namespaceSelector kubelab.dev/verify Exists Deny`,
    ]);
  });

  it('fails closed: a policy that cannot be evaluated refuses', function () {
    const policies = objects.filter((o) => o.kind === 'ValidatingAdmissionPolicy');
    expect(
      policies.map((p) => (p['spec'] as { failurePolicy: string }).failurePolicy),
    ).to.deep.equal(['Fail', 'Fail']);
  });

  it('gives every object a distinct name, so server-side apply of the list is idempotent', function () {
    const names = objects.map((o) => `${o.kind}/${o.metadata.name ?? ''}`);
    expect(new Set(names).size).to.equal(names.length);
  });
});
