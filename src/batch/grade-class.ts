import { join } from 'node:path';
import type { Cluster } from '../cluster/cluster.js';
import type { FaultLog } from '../cluster/faults/fault-log.js';
import type { NodeAccess } from '../cluster/node-access/node-access.js';
import type { Timers } from '../cluster/watch/timers.js';
import type { CheckKind } from '../check-api/check-kind.js';
import type { LoadedLab } from '../catalogue/load-lab.js';
import { clip } from './bounded-list.js';
import type { FaultRetryPolicy } from './faults/fault-retry.js';
import {
  gradeSubmission,
  SubmissionAbortedError,
  type GradedSubmission,
} from './grade-submission.js';
import { gradeWithRetry } from './faults/grade-with-retry.js';
import {
  journalPath,
  JournalWriter,
  JOURNAL_VERSION,
  readJournal,
  type JournalEntry,
} from './journal/journal.js';
import { planGrading, type RegradeTarget, type WorkItem } from './journal/plan.js';
import { runPool } from './schedule/pool.js';
import { describeShard, type Shard } from './schedule/shard.js';
import type { Submission } from './intake/submissions.js';
import { sweepLeftovers, type SweepResult } from './faults/sweep-leftovers.js';

/** One cluster to grade on (`--contexts a,b,c` gives several). */
export interface GradeTarget {
  readonly cluster: Cluster;
  /** The same context, acting as another identity (see impersonate.ts). */
  readonly as: (user: string) => Cluster;
  readonly serverVersion: string;
  /** The cluster faults every connection to this context meets (the grader's and the student's). */
  readonly faults: FaultLog;
  /** Resolves once the API server answers ready (/readyz); rejects while it does not. */
  readonly ready: (signal: AbortSignal) => Promise<void>;
  /** Node access for labs that write to a node; asked once per lab that needs it. */
  readonly nodeAccess: (
    lab: LoadedLab,
  ) => Promise<{ node: NodeAccess | undefined; nodeAccessProblem: string | undefined }>;
}

export type GradeEvent =
  | {
      readonly type: 'planned';
      readonly work: number;
      readonly alreadyGraded: number;
      readonly otherShards: number;
    }
  | {
      readonly type: 'start';
      readonly studentId: string;
      readonly labId: string;
      readonly context: string;
    }
  | { readonly type: 'done'; readonly entry: JournalEntry }
  | {
      readonly type: 'retry';
      readonly studentId: string;
      readonly labId: string;
      readonly attempt: number;
      readonly fault: string;
    }
  | { readonly type: 'abandoned'; readonly studentId: string; readonly labId: string };

export interface GradeClassOptions {
  readonly submissions: readonly Submission[];
  /** Every lab that may be graded, by id. */
  readonly labs: ReadonlyMap<string, LoadedLab>;
  readonly labIds: readonly string[];
  readonly students: readonly string[];
  readonly outDir: string;
  readonly targets: readonly GradeTarget[];
  readonly concurrency: number;
  readonly timeoutMs: number;
  readonly resume: boolean;
  readonly regrade: readonly RegradeTarget[];
  readonly shard?: Shard;
  readonly kinds: ReadonlyMap<string, CheckKind>;
  /** "kubelab 0.1.0". */
  readonly version: string;
  readonly signal: AbortSignal;
  readonly onEvent?: (event: GradeEvent) => void;
  /** How a submission a cluster fault spoilt is graded again. Default: DEFAULT_FAULT_RETRY. */
  readonly retry?: FaultRetryPolicy;
  /** For the pauses between those attempts. Default: real time. */
  readonly timers?: Timers;
}

export interface GradeClassResult {
  /** Submissions journaled with a grade in this run. */
  readonly graded: number;
  /** Submissions journaled without one in this run: cluster faults spoilt every attempt. */
  readonly ungraded: number;
  readonly abandoned: number;
  readonly interrupted: boolean;
  /** --resume: what earlier runs left on the cluster, deleted (or not) before grading. */
  readonly swept: SweepResult;
  /** The journal after the run: latest entry per (student, lab), sorted. */
  readonly entries: readonly JournalEntry[];
}

/**
 * Grades a class: plans (filters, shard, resume, regrade), then grades submissions concurrently in
 * fair order, spreading students round-robin over the targets; node-level labs take turns on their
 * target's node while other submissions go on. Each finished submission is journaled at once.
 * When `signal` aborts, nothing new starts, in-flight submissions are abandoned (cleaned up, not
 * journaled) and the run returns.
 */
export async function gradeClass(options: GradeClassOptions): Promise<GradeClassResult> {
  const path = journalPath(options.outDir);
  const writer = new JournalWriter(path);
  const swept = options.resume
    ? await sweepLeftovers({
        entries: await readJournal(path),
        clusterFor: (entry) =>
          options.targets.find((t) => t.cluster.context === entry.grader.context)?.cluster,
        writer,
        signal: options.signal,
      })
    : { cleared: [], notSwept: [] };
  const plan = planGrading({
    submissions: options.submissions,
    labIds: options.labIds,
    students: options.students,
    shard: options.shard,
    resume: options.resume,
    journal: await readJournal(path),
    regrade: options.regrade,
  });
  options.onEvent?.({
    type: 'planned',
    work: plan.work.length,
    alreadyGraded: plan.alreadyGraded,
    otherShards: plan.otherShards,
  });
  const studentIndex = new Map(options.submissions.map((s, index) => [s.student.id, index]));
  const targetIndex = (item: WorkItem): number =>
    (studentIndex.get(item.studentId) ?? 0) % options.targets.length;
  let graded = 0;
  let ungraded = 0;
  let abandoned = 0;
  await runPool({
    items: plan.work,
    concurrency: options.concurrency,
    signal: options.signal,
    // Node-level labs take turns on their target's node; other work goes on meanwhile.
    exclusiveKey: (item) =>
      options.labs.get(item.labId)?.lab.nodeAccess === true
        ? `node of target ${targetIndex(item)}`
        : undefined,
    work: async (item) => {
      const target = options.targets[targetIndex(item)] as GradeTarget;
      const lab = options.labs.get(item.labId) as LoadedLab;
      options.onEvent?.({
        type: 'start',
        studentId: item.studentId,
        labId: item.labId,
        context: target.cluster.context,
      });
      const entry = await gradeOne(options, { item, target, lab });
      if (entry === undefined) {
        abandoned += 1;
        options.onEvent?.({ type: 'abandoned', studentId: item.studentId, labId: item.labId });
        return;
      }
      await writer.append(entry);
      if (entry.fault === undefined) graded += 1;
      else ungraded += 1;
      options.onEvent?.({ type: 'done', entry });
    },
  });
  await writer.flush();
  return {
    graded,
    ungraded,
    abandoned,
    interrupted: options.signal.aborted,
    swept,
    entries: await readJournal(path),
  };
}

/**
 * Batch grading reaches the node for the labs that work on it (`nodeAccess`), and for those whose
 * PersistentVolumes leave a private directory there to delete afterwards.
 */
export function labNeedsNode(lab: LoadedLab): boolean {
  return lab.lab.nodeAccess || lab.lab.clusterScoped.includes('PersistentVolume');
}

async function gradeOne(
  options: GradeClassOptions,
  job: { item: WorkItem; target: GradeTarget; lab: LoadedLab },
): Promise<JournalEntry | undefined> {
  const { item, target, lab } = job;
  if (options.signal.aborted) return undefined;
  const access = labNeedsNode(lab)
    ? await target.nodeAccess(lab).catch((error: unknown) => ({
        node: undefined,
        nodeAccessProblem: `no node access: ${error instanceof Error ? error.message : String(error)}`,
      }))
    : { node: undefined, nodeAccessProblem: undefined };
  const labDir =
    item.submission.labs.includes(item.labId) && item.submission.root !== undefined
      ? join(item.submission.root, item.labId)
      : undefined;
  const grade = (): Promise<GradedSubmission> =>
    gradeSubmission({
      cluster: target.cluster,
      as: target.as,
      lab,
      studentId: item.studentId,
      labDir,
      node: access.node,
      nodeAccessProblem: access.nodeAccessProblem,
      kinds: options.kinds,
      signal: options.signal,
      timeoutMs: options.timeoutMs,
    });
  try {
    // No folder, no cluster work: nothing a fault could spoil.
    const {
      graded,
      report: gradedReport,
      fault,
    } = labDir === undefined
      ? await grade().then((g) => ({ graded: g, report: g.report, fault: undefined }))
      : await gradeWithRetry({
          grade,
          lab: lab.lab,
          faults: target.faults,
          ready: target.ready,
          signal: options.signal,
          ...(options.retry === undefined ? {} : { policy: options.retry }),
          ...(options.timers === undefined ? {} : { timers: options.timers }),
          onRetry: ({ attempt, fault: why }) =>
            options.onEvent?.({
              type: 'retry',
              studentId: item.studentId,
              labId: item.labId,
              attempt,
              fault: why,
            }),
        });
    // Both are bounded already: the first entries of each list, then a line counting the rest.
    const refusals = [...item.submission.problems, ...graded.refusals];
    const report =
      labDir === undefined && item.submission.problems.length > 0
        ? {
            ...gradedReport,
            message: `${gradedReport.message ?? ''}; ${clip(item.submission.problems.join('; '))}`,
          }
        : gradedReport;
    return {
      v: JOURNAL_VERSION,
      student: item.submission.student,
      labId: item.labId,
      namespace: report.namespace,
      report,
      applied: graded.applied,
      refusals,
      startedAt: graded.startedAt,
      finishedAt: graded.finishedAt,
      grader: {
        version: options.version,
        context: target.cluster.context,
        serverVersion: target.serverVersion,
        ...(options.shard === undefined ? {} : { shard: describeShard(options.shard) }),
      },
      ...(fault === undefined ? {} : { fault }),
      ...(graded.leftovers.length === 0 ? {} : { leftovers: graded.leftovers }),
    };
  } catch (error) {
    if (error instanceof SubmissionAbortedError) return undefined;
    throw error;
  }
}
