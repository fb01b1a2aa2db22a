import type { Lab } from '../model/lab.js';
import type { CheckResult } from '../model/result.js';
import type { LabReport } from '../report/model.js';
import { describeOutcome, type ManifestOutcome } from '../runner/apply-manifests.js';
import type { JournalApplied, JournalDocument } from './journal.js';
import type { SnapshotProblem } from './snapshot.js';

/** A lab report for a submission that could not be graded at all: every check 0, saying why. */
export function unGradedReport(options: {
  lab: Lab;
  namespace: string;
  status: 'failed' | 'error';
  message: string;
}): LabReport {
  const { lab } = options;
  const checks: CheckResult[] = lab.checks.map((spec) => ({
    id: spec.id,
    title: spec.title,
    kind: spec.kind,
    status: 'skipped',
    points: 0,
    maxPoints: spec.points,
    message: `skipped: ${options.message}`,
    hint: spec.hint,
    evidence: {},
    visibility: spec.visibility,
    durationMs: 0,
  }));
  return {
    labId: lab.id,
    title: lab.title,
    namespace: options.namespace,
    status: options.status,
    score: 0,
    maxScore: lab.checks.reduce((sum, c) => sum + c.points, 0),
    message: options.message,
    checks,
    durationMs: 0,
  };
}

/** The journal's summary of what was applied, refused (policy, files) and rejected (API server). */
export function appliedSummary(
  outcomes: readonly ManifestOutcome[],
  fileProblems: readonly SnapshotProblem[],
  labId: string,
): JournalApplied {
  const documents: JournalDocument[] = [
    ...fileProblems.map((p): JournalDocument => ({
      source: `${labId}/${p.path}`,
      status: 'refused',
      reason: p.reason,
    })),
    ...outcomes.map((o): JournalDocument => ({
      source: o.source,
      status: o.status,
      ...(o.ref.kind === undefined ? {} : { kind: o.ref.kind }),
      ...(o.ref.name === undefined ? {} : { name: o.ref.name }),
      ...(o.ref.namespace === undefined ? {} : { namespace: o.ref.namespace }),
      ...(o.status === 'refused' ? { reason: o.reason } : {}),
      ...(o.status === 'api-error' ? { reason: o.error } : {}),
    })),
  ].sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
  return {
    documents,
    appliedCount: documents.filter((d) => d.status === 'applied').length,
    refusedCount: documents.filter((d) => d.status === 'refused').length,
    rejectedCount: documents.filter((d) => d.status === 'api-error').length,
  };
}

/** One line per refused or rejected document or file, for feedback. */
export function refusalLines(
  outcomes: readonly ManifestOutcome[],
  fileProblems: readonly SnapshotProblem[],
  labId: string,
): string[] {
  return [
    ...fileProblems.map((p) => `${labId}/${p.path}: ${p.reason}`),
    ...outcomes.filter((o) => o.status !== 'applied').map(describeOutcome),
  ];
}
