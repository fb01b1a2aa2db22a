import { expect } from 'chai';
import { leftoverAdvice, leftoverAdviceFor } from '../../../../checks/lib/leftover-object.js';
import type { Cluster, KubeObject } from '../../../../src/cluster/cluster.js';
import { scopeFor } from '../../../../src/model/scope.js';

const made = (kind: string, name: string, at: string): KubeObject => ({
  apiVersion: 'v1',
  kind,
  metadata: { name, creationTimestamp: at },
});
const namespace = made('Namespace', 'kubelab-storageclass', '2026-12-06T09:00:00Z');

describe('a lab-named cluster object left from an earlier run', () => {
  it('is named, with kubelab reset <lab>, when it is older than the student’s lab namespace', () => {
    const advice = leftoverAdvice({
      scope: scopeFor('storageclass'),
      object: made('StorageClass', 'local-dynamic', '2026-12-06T08:00:00Z'),
      namespace,
    });
    expect(advice).to.equal(
      'StorageClass local-dynamic was created at 2026-12-06T08:00:00Z, before namespace kubelab-storageclass (2026-12-06T09:00:00Z): it is likely left from an earlier run, and it cannot be edited. Run `kubelab reset storageclass` (it deletes it and the namespace), then apply your files again.',
    );
  });

  it('is not suspected when created with or after the namespace, missing, or in batch grading', () => {
    const scope = scopeFor('storageclass');
    const later = made('StorageClass', 'local-dynamic', '2026-12-06T09:00:00Z');
    expect(leftoverAdvice({ scope, object: later, namespace })).to.equal(undefined);
    expect(leftoverAdvice({ scope, object: undefined, namespace })).to.equal(undefined);
    expect(
      leftoverAdvice({
        scope,
        object: made('StorageClass', 'local-dynamic', '2026-12-06T08:00:00Z'),
        namespace: undefined,
      }),
    ).to.equal(undefined);
    expect(
      leftoverAdvice({
        scope: scopeFor('storageclass', 'alice'),
        object: made('StorageClass', 'alice--local-dynamic', '2026-12-06T08:00:00Z'),
        namespace,
      }),
    ).to.equal(undefined);
  });
});

describe('a lab-named cluster object checked against the namespace on the cluster', () => {
  /** Answers GETs with `namespace` and records what was asked for. */
  function cluster(asked: string[]): Pick<Cluster, 'get'> {
    return {
      get: <T extends KubeObject>(ref: { kind: string; name: string }) => {
        asked.push(`${ref.kind}/${ref.name}`);
        return Promise.resolve<T | undefined>(namespace as T);
      },
    };
  }
  const signal = new AbortController().signal;
  const old = made('StorageClass', 'local-dynamic', '2026-12-06T08:00:00Z');

  it('reads the lab namespace in the student’s own session and names the leftover', async () => {
    const asked: string[] = [];
    const advice = await leftoverAdviceFor(
      { cluster: cluster(asked), scope: scopeFor('storageclass'), signal },
      old,
    );
    expect(advice).to.match(/^StorageClass local-dynamic was created at .* before namespace/);
    expect(asked).to.deep.equal(['Namespace/kubelab-storageclass']);
  });

  it('reads nothing in batch grading, where no leftover is suspected', async () => {
    const asked: string[] = [];
    const advice = await leftoverAdviceFor(
      { cluster: cluster(asked), scope: scopeFor('storageclass', 'alice'), signal },
      old,
    );
    expect(advice).to.equal(undefined);
    expect(asked).to.deep.equal([]);
  });
});
