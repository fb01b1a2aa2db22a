import { faultReport } from '../../../src/batch/faults/fault-verdict.js';
import { JOURNAL_VERSION, type JournalEntry } from '../../../src/batch/journal/journal.js';
import type { Lab } from '../../../src/model/lab.js';
import type { CheckResult } from '../../../src/model/result.js';
import { labReport } from '../../../src/report/score.js';
import { FIXTURE_LABS } from '../../fixtures/batch/labs.js';

/** The fixture lab `probes` as a Lab (only what reports read). */
export const PROBES = FIXTURE_LABS[0] as unknown as Lab;

/** A journal entry of `probes` for `student`: graded with every check `status`, or ungraded by `fault`. */
export function probesEntry(
  student: string,
  outcome: { status: 'passed' | 'failed' } | { fault: string },
  extra: Partial<JournalEntry> = {},
): JournalEntry {
  const namespace = `kubelab-probes-${student}`;
  const report =
    'fault' in outcome
      ? faultReport({ lab: PROBES, namespace, fault: outcome.fault })
      : gradedReport(namespace, outcome.status);
  return {
    v: JOURNAL_VERSION,
    student: { id: student, dir: student },
    labId: 'probes',
    namespace,
    report,
    applied: { documents: [], appliedCount: 0, refusedCount: 0, rejectedCount: 0 },
    refusals: [],
    startedAt: '2026-12-06T09:00:00.000Z',
    finishedAt: '2026-12-06T09:01:00.000Z',
    grader: { version: 'kubelab 0.1.0', context: 'kubelab', serverVersion: 'v1.37.2' },
    ...('fault' in outcome ? { fault: { reason: outcome.fault, attempts: 3 } } : {}),
    ...extra,
  };
}

function gradedReport(namespace: string, status: 'passed' | 'failed'): JournalEntry['report'] {
  const checks: CheckResult[] = PROBES.checks.map((spec) => ({
    id: spec.id,
    title: spec.title,
    kind: spec.kind,
    status,
    points: status === 'passed' ? spec.points : 0,
    maxPoints: spec.points,
    message: status,
    evidence: {},
    visibility: spec.visibility,
    durationMs: 1,
  }));
  return labReport({ lab: PROBES, namespace, results: checks, durationMs: 1 });
}
