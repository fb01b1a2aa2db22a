import { expect } from 'chai';
import type { Pod } from '../../../../checks/lib/pods/pod-state.js';
import { creationOrder, ordinalOf } from '../../../../checks/lib/workloads/statefulset.js';

function pod(name: string, created: string, readyAt?: string): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, creationTimestamp: created },
    status: {
      phase: 'Running',
      conditions:
        readyAt === undefined
          ? []
          : [{ type: 'Ready', status: 'True', lastTransitionTime: readyAt } as never],
    },
  };
}

describe('ordinalOf', function () {
  it('reads the ordinal of <set>-<n> and nothing else', function () {
    expect(ordinalOf('postgres', 'postgres-12')).to.equal(12);
    expect(ordinalOf('postgres', 'postgres-01')).to.equal(undefined);
    expect(ordinalOf('postgres', 'postgresql-1')).to.equal(undefined);
  });
});

describe('creationOrder', function () {
  it('accepts pods created once the previous one was Ready (same second counts)', function () {
    const finding = creationOrder([
      pod('postgres-0', '2026-01-01T10:00:00Z', '2026-01-01T10:00:05Z'),
      pod('postgres-1', '2026-01-01T10:00:05Z', '2026-01-01T10:00:09Z'),
    ]);
    expect(finding).to.deep.equal({ violations: [], notJudged: [] });
  });

  it('reports a pod created before the previous one was Ready (Parallel)', function () {
    const finding = creationOrder([
      pod('postgres-0', '2026-01-01T10:00:00Z', '2026-01-01T10:00:05Z'),
      pod('postgres-1', '2026-01-01T10:00:00Z', '2026-01-01T10:00:06Z'),
    ]);
    expect(finding.violations).to.deep.equal([
      'postgres-1 was created at 2026-01-01T10:00:00Z, before postgres-0 was Ready (2026-01-01T10:00:05Z)',
    ]);
  });

  it('does not judge a pair whose first pod was recreated later (deleted by the persistence test)', function () {
    const finding = creationOrder([
      pod('postgres-0', '2026-01-01T11:00:00Z', '2026-01-01T11:00:05Z'),
      pod('postgres-1', '2026-01-01T10:00:05Z', '2026-01-01T10:00:09Z'),
    ]);
    expect(finding.violations).to.deep.equal([]);
    expect(finding.notJudged).to.have.length(1);
  });
});
