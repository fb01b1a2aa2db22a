import { entryKey, isUngraded, type JournalEntry } from './journal.js';
import { fairOrder } from '../schedule/fair-order.js';
import { inShard, type Shard } from '../schedule/shard.js';
import type { Submission } from '../intake/submissions.js';

/** `--regrade alice` (every lab of alice) or `--regrade alice/probes`. */
export interface RegradeTarget {
  readonly student: string;
  readonly labId?: string;
}

export function parseRegrade(text: string): RegradeTarget {
  const [student = '', labId] = text.split('/', 2);
  return labId === undefined || labId === '' ? { student } : { student, labId };
}

export interface WorkItem {
  readonly studentId: string;
  readonly labId: string;
  readonly submission: Submission;
}

export interface PlanOptions {
  readonly submissions: readonly Submission[];
  /** Labs to grade for every student (a missing folder is graded as "no submission"). */
  readonly labIds: readonly string[];
  /** --students: ids, folder names or roster ids. Empty: everyone. */
  readonly students: readonly string[];
  readonly shard?: Shard;
  /** --resume: skip (student, lab) pairs the journal already has graded (not those a fault left ungraded). */
  readonly resume: boolean;
  readonly journal: readonly JournalEntry[];
  /** --regrade: only these are graded, whatever the journal says. */
  readonly regrade: readonly RegradeTarget[];
}

export interface Plan {
  /** In grading order: round-robin over students (see fair-order.ts). */
  readonly work: readonly WorkItem[];
  /** Pairs skipped because the journal has them (--resume). */
  readonly alreadyGraded: number;
  /** Students outside this shard. */
  readonly otherShards: number;
}

/** Whether `name` designates this submission's student (sanitised id or folder name). */
export function designates(submission: Submission, name: string): boolean {
  return submission.student.id === name || submission.student.dir === name;
}

/** What this run grades, in order. Pure. */
export function planGrading(options: PlanOptions): Plan {
  // An entry a cluster fault left ungraded is no grade: --resume grades it again.
  const done = new Set(
    options.journal.filter((e) => !isUngraded(e)).map((e) => entryKey(e.student.id, e.labId)),
  );
  let alreadyGraded = 0;
  let otherShards = 0;
  const items: WorkItem[] = [];
  for (const submission of options.submissions) {
    const { id } = submission.student;
    if (options.students.length > 0 && !options.students.some((s) => designates(submission, s)))
      continue;
    if (!inShard(id, options.shard)) {
      otherShards += 1;
      continue;
    }
    for (const labId of options.labIds) {
      if (options.regrade.length > 0) {
        const wanted = options.regrade.some(
          (r) => designates(submission, r.student) && (r.labId === undefined || r.labId === labId),
        );
        if (!wanted) continue;
      } else if (options.resume && done.has(entryKey(id, labId))) {
        alreadyGraded += 1;
        continue;
      }
      items.push({ studentId: id, labId, submission });
    }
  }
  return { work: fairOrder(items), alreadyGraded, otherShards };
}
