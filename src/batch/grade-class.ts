import { join } from 'node:path';
import type { Cluster } from '../cluster/cluster.js';
import type { NodeAccess } from '../cluster/node-access/node-access.js';
import type { CheckKind } from '../model/check-kind.js';
import type { LoadedLab } from '../model/load-lab.js';
import { clip } from './bounded-list.js';
import { gradeSubmission, SubmissionAbortedError } from './grade-submission.js';
import {
  journalPath,
  JournalWriter,
  JOURNAL_VERSION,
  readJournal,
  type JournalEntry,
} from './journal.js';
import { planGrading, type RegradeTarget, type WorkItem } from './plan.js';
import { runPool } from './pool.js';
import { describeShard, type Shard } from './shard.js';
import type { Submission } from './submissions.js';

/** One cluster to grade on (`--contexts a,b,c` gives several). */
export interface GradeTarget {
  readonly cluster: Cluster;
  /** The same context, acting as another identity (see impersonate.ts). */
  readonly as: (user: string) => Cluster;
  readonly serverVersion: string;
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
}

export interface GradeClassResult {
  readonly graded: number;
  readonly abandoned: number;
  readonly interrupted: boolean;
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
      graded += 1;
      options.onEvent?.({ type: 'done', entry });
    },
  });
  await writer.flush();
  return {
    graded,
    abandoned,
    interrupted: options.signal.aborted,
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
  try {
    const graded = await gradeSubmission({
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
    // Both are bounded already: the first entries of each list, then a line counting the rest.
    const refusals = [...item.submission.problems, ...graded.refusals];
    const report =
      labDir === undefined && item.submission.problems.length > 0
        ? {
            ...graded.report,
            message: `${graded.report.message ?? ''}; ${clip(item.submission.problems.join('; '))}`,
          }
        : graded.report;
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
    };
  } catch (error) {
    if (error instanceof SubmissionAbortedError) return undefined;
    throw error;
  }
}
