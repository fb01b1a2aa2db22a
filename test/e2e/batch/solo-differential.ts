/**
 * Same work, same score: the pieces of the solo-vs-batch differential in grade-pack.test.ts. A
 * negative-control fixture becomes one student's submission of its lab; it is graded in batch (by
 * the pack's `kubelab grade` run) and solo (by the lab e2e harness: a namespace with no quota, no
 * LimitRange, manifests applied as the grader), and the two must give every check the same status.
 */
import { cp, mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { JournalEntry } from '../../../src/batch/journal/journal.js';
import type { Cluster } from '../../../src/cluster/cluster.js';
import type { CheckKind } from '../../../src/check-api/check-kind.js';
import type { LoadedLab } from '../../../src/catalogue/load-lab.js';
import type { LabReport } from '../../../src/report/model.js';
import { grade, nodeFor, overlayDir } from '../labs/lab-harness.js';

/** One negative control of test/fixtures/<lab>/<fixture>/, handed in by `student`. */
export interface FixtureStudent {
  readonly student: string;
  readonly labId: string;
  readonly fixture: string;
}

/**
 * Writes each fixture as `<dir>/fixture-NN/<lab>/`: the lab's solution with the fixture laid over
 * it, as the lab e2e suites grade it (a complete fixture, like secrets-config's, replaces every
 * file of the solution).
 */
export async function writeFixtureStudents(options: {
  readonly dir: string;
  readonly fixtures: readonly { readonly labId: string; readonly fixture: string }[];
  readonly labs: ReadonlyMap<string, LoadedLab>;
}): Promise<FixtureStudent[]> {
  const students: FixtureStudent[] = [];
  for (const [index, { labId, fixture }] of options.fixtures.entries()) {
    const loaded = options.labs.get(labId);
    if (loaded === undefined) throw new Error(`no lab ${labId} for fixture ${fixture}`);
    const student = `fixture-${String(index + 1).padStart(2, '0')}`;
    const overlay = await overlayDir(loaded, fixture);
    try {
      const target = join(options.dir, student, labId);
      await mkdir(target, { recursive: true });
      await cp(overlay, target, { recursive: true });
    } finally {
      await rm(overlay, { recursive: true, force: true });
    }
    students.push({ student, labId, fixture });
  }
  return students;
}

/** Grades one fixture student's submission solo, as user `solo-<student>`; every check runs. */
export async function gradeSolo(options: {
  readonly cluster: Cluster;
  readonly loaded: LoadedLab;
  readonly kinds: ReadonlyMap<string, CheckKind>;
  readonly dir: string;
  readonly student: string;
}): Promise<LabReport> {
  const graded = await grade({
    cluster: options.cluster,
    loaded: options.loaded,
    kinds: options.kinds,
    dir: join(options.dir, options.student, options.loaded.lab.id),
    user: `solo-${options.student}`,
    node: await nodeFor(options.cluster, options.loaded),
  });
  return graded.report;
}

function statuses(report: LabReport): string {
  return report.checks.map((c) => `${c.id}=${c.status}`).join(' ');
}

/**
 * Where the batch entry of a fixture student differs from its solo report: one line per
 * submission whose per-check statuses differ, with both sides' messages for the checks that do.
 */
export function statusMismatches(options: {
  readonly fixture: FixtureStudent;
  readonly batch: JournalEntry | undefined;
  readonly solo: LabReport | undefined;
}): string[] {
  const { fixture, batch, solo } = options;
  const name = `${fixture.labId}/${fixture.fixture} (${fixture.student})`;
  if (batch === undefined) return [`${name}: no batch result in the journal`];
  if (solo === undefined) return [`${name}: no solo result`];
  if (statuses(batch.report) === statuses(solo)) return [];
  const detail = solo.checks.flatMap((s) => {
    const b = batch.report.checks.find((c) => c.id === s.id);
    return b?.status === s.status
      ? []
      : [
          `  ${s.id}: solo ${s.status}: ${s.message}`,
          `  ${s.id}: batch ${b?.status ?? 'absent'}: ${b?.message ?? ''}`,
        ];
  });
  return [`${name}: solo [${statuses(solo)}] but batch [${statuses(batch.report)}]`, ...detail];
}
