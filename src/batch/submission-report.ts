import type { Lab } from '../model/lab.js';
import type { LabReport } from '../report/model.js';
import { maxScore, skippedResults, unrunLabReport } from '../report/score.js';
import { describeOutcome, type ManifestOutcome } from '../runner/apply-manifests.js';
import { clip, MAX_LISTED, summariseLines } from './bounded-list.js';
import type { JournalApplied, JournalDocument } from './journal/journal.js';
import type { SnapshotProblem } from './intake/snapshot.js';

/** A lab report for a submission that could not be graded at all: every check 0, saying why. */
export function unGradedReport(options: {
  lab: Lab;
  namespace: string;
  status: 'failed' | 'error';
  message: string;
}): LabReport {
  const { lab } = options;
  return unrunLabReport({
    lab,
    maxScore: maxScore(lab),
    namespace: options.namespace,
    status: options.status,
    message: options.message,
    checks: skippedResults(lab, `skipped: ${options.message}`),
  });
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
      ...(p.count === undefined ? {} : { count: p.count }),
    })),
    ...outcomes.map((o): JournalDocument => ({
      source: o.source,
      status: o.status,
      ...(o.ref.kind === undefined ? {} : { kind: o.ref.kind }),
      ...(o.ref.name === undefined ? {} : { name: o.ref.name }),
      ...(o.ref.namespace === undefined ? {} : { namespace: o.ref.namespace }),
      ...(o.status === 'refused' ? { reason: clip(o.reason) } : {}),
      ...(o.status === 'api-error' ? { reason: clip(o.error) } : {}),
    })),
  ].sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
  const countOf = (status: JournalDocument['status']): number =>
    documents.filter((d) => d.status === status).reduce((sum, d) => sum + (d.count ?? 1), 0);
  const omitted = Math.max(0, documents.length - MAX_LISTED_DOCUMENTS);
  return {
    documents: documents.slice(0, MAX_LISTED_DOCUMENTS),
    ...(omitted === 0 ? {} : { omittedDocuments: omitted }),
    appliedCount: countOf('applied'),
    refusedCount: countOf('refused'),
    rejectedCount: countOf('api-error'),
  };
}

/** Documents listed in the journal's `applied` summary; the counts cover them all. */
export const MAX_LISTED_DOCUMENTS = 5 * MAX_LISTED;

/**
 * One line per refused or rejected file or document, for feedback. Both lists are bounded: the
 * snapshot keeps its first problems and counts the rest; the documents are summarised here.
 */
export function refusalLines(
  outcomes: readonly ManifestOutcome[],
  fileProblems: readonly SnapshotProblem[],
  labId: string,
): string[] {
  return [
    ...fileProblems.map((p) => `${labId}/${p.path}: ${p.reason}`),
    ...summariseLines(outcomes.filter((o) => o.status !== 'applied').map(describeOutcome)),
  ];
}
