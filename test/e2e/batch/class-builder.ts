import { mkdir, mkdtemp, readFile, symlink, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import type { JournalEntry } from '../../../src/batch/journal/journal.js';
import type { Cluster } from '../../../src/cluster/cluster.js';
import { REPO_ROOT } from '../support/index.js';
import { makeZip } from '../../unit/batch/archive-builders.js';

/**
 * A synthetic class for `kubelab grade`, generated into a temp dir from the crash-recovery lab's
 * solution and starter: honest students (correct, partial, starter, empty, malformed, typo) and
 * hostile ones, each hostile one handing in the correct solution PLUS one hostile thing, so its
 * expected score is the solution's (a refused document costs only the checks that needed it).
 */
export const LAB = 'crash-recovery';

export interface ClassStudent {
  /** Folder (or archive stem) under the submissions dir. */
  readonly dir: string;
  /** The sanitised id kubelab should give it. */
  readonly id: string;
  /** Expected crash-recovery score. */
  readonly score: number;
  /** Patterns every one of which must appear in the student's journal refusals. */
  readonly refusals: readonly RegExp[];
}

const IMAGE = 'docker.io/library/busybox:1.35';

const pod = (name: string, extra: string): string =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n${extra}`;

const HOSTILE = {
  clusterAdmin: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: kubelab-e2e-hostile-admin
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin }
subjects: [{ kind: ServiceAccount, name: default, namespace: default }]
`,
  kubeSystem: pod(
    'kubelab-e2e-hostile',
    `  namespace: kube-system\nspec:\n  containers: [{ name: x, image: ${IMAGE}, command: [sleep, '3600'] }]\n`,
  ),
  privileged: pod(
    'root-of-node',
    `spec:
  containers:
    - name: x
      image: ${IMAGE}
      command: [sleep, '3600']
      securityContext: { privileged: true }
      volumeMounts: [{ name: root, mountPath: /host }]
  volumes: [{ name: root, hostPath: { path: / } }]
`,
  ),
  /** Doubles a string until the container's default memory limit (LimitRange) kills it. */
  memoryBomb: pod(
    'memory-bomb',
    `spec:\n  containers: [{ name: x, image: ${IMAGE}, command: [sh, -c, 'x=a; while true; do x="$x$x"; done'] }]\n`,
  ),
  /**
   * A process flood, bounded to 200 processes, well under the kubelab cluster's podPidsLimit (1024):
   * on a cluster without one (minikube's default), a real fork bomb would reach the machine's pid table.
   */
  forkFlood: pod(
    'fork-flood',
    `spec:\n  containers: [{ name: x, image: ${IMAGE}, command: [sh, -c, 'i=0; while [ $i -lt 200 ]; do sleep 3600 & i=$((i+1)); done; wait'] }]\n`,
  ),
  aliasBomb: [
    'a: &a ["x","x","x","x","x","x","x","x","x"]',
    'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
    'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
    'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
    'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
    'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
    'kind: ConfigMap',
    'apiVersion: v1',
    'metadata: { name: bomb }',
    'data: { x: *f }',
    '',
  ].join('\n'),
  roleEscalation: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: { name: everything }
rules: [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }]
`,
} as const;

/** Writes `files` as folder `student`'s submission of `lab` under `dir`; returns the lab folder. */
export async function writeSubmission(options: {
  readonly dir: string;
  readonly student: string;
  readonly lab: string;
  readonly files: Readonly<Record<string, string>>;
}): Promise<string> {
  const labDir = join(options.dir, options.student, options.lab);
  await mkdir(labDir, { recursive: true });
  for (const [name, text] of Object.entries(options.files))
    await writeFile(join(labDir, name), text);
  return labDir;
}

/**
 * `text` with `from` replaced by `to`. Throws when `from` is absent: a lab file that changed would
 * otherwise leave the submission honest, and the test that expects its attack would pass unattacked.
 */
export function replaced(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`expected ${JSON.stringify(from)} in:\n${text}`);
  return text.replace(from, to);
}

/** Asserts the journal entry of `student` has its expected score and every expected refusal. */
export function expectGraded(
  entry: JournalEntry | undefined,
  student: { readonly id: string; readonly score: number; readonly refusals: readonly RegExp[] },
): void {
  const context = `${student.id}: ${JSON.stringify({ message: entry?.report.message, refusals: entry?.refusals, checks: entry?.report.checks.map((c) => `${c.id} ${c.status} ${c.message}`) }, null, 2)}`;
  expect(entry?.report.score, context).to.equal(student.score);
  for (const pattern of student.refusals)
    expect(
      entry?.refusals.some((r) => pattern.test(r)),
      `${context}\nexpected ${pattern}`,
    ).to.equal(true);
}

/** What an honest student hands in, and the crash-recovery score it earns. */
export type HonestProfile = 'correct' | 'partial' | 'starter' | 'empty';

/** The files and expected score of each honest profile, from the lab's solution and starter. */
async function honestProfiles(): Promise<
  Record<HonestProfile, { files: Record<string, string>; score: number }>
> {
  const lab = join(REPO_ROOT, 'labs', LAB);
  const solution = await readFile(join(lab, 'solution', 'deployment.yaml'), 'utf8');
  const starter = await readFile(join(lab, 'starter', 'deployment.yaml'), 'utf8');
  return {
    correct: { files: { 'deployment.yaml': solution }, score: 100 },
    // One replica where the solution runs two: pods-ready fails, the rest passes.
    partial: {
      files: { 'deployment.yaml': replaced(solution, 'replicas: 2', 'replicas: 1') },
      score: 80,
    },
    starter: { files: { 'deployment.yaml': starter }, score: 0 },
    empty: { files: {}, score: 0 },
  };
}

/**
 * A small class of honest students only, id → profile (folder = id), for the suites that need a
 * few submissions under names of their own (so they can run beside the big class).
 */
export async function buildHonestClass(
  profiles: Readonly<Record<string, HonestProfile>>,
): Promise<{ dir: string; students: ClassStudent[] }> {
  const root = await mkdtemp(join(tmpdir(), 'kubelab-honest-class-'));
  const dir = join(root, 'submissions');
  const known = await honestProfiles();
  const students: ClassStudent[] = [];
  for (const [id, profile] of Object.entries(profiles)) {
    await writeSubmission({ dir, student: id, lab: LAB, files: known[profile].files });
    students.push({ dir: id, id, score: known[profile].score, refusals: [] });
  }
  return { dir, students };
}

/** The class's namespaces of `ids` still on the cluster (there must be none after a run). */
export async function leftovers(cluster: Cluster, ids: readonly string[]): Promise<string[]> {
  const namespaces = await cluster.list({
    apiVersion: 'v1',
    kind: 'Namespace',
    labelSelector: `app.kubernetes.io/managed-by=kubelab,kubelab.dev/lab=${LAB}`,
  });
  return namespaces
    .map((n) => n.metadata.name ?? '')
    .filter((name) => ids.some((id) => name === `kubelab-${LAB}-${id}`));
}

/** Builds the class; returns the submissions dir, the roster path and the expectations. */
export async function buildClass(): Promise<{
  dir: string;
  roster: string;
  students: ClassStudent[];
}> {
  const root = await mkdtemp(join(tmpdir(), 'kubelab-class-'));
  const dir = join(root, 'submissions');
  const lab = join(REPO_ROOT, 'labs', LAB);
  const solution = await readFile(join(lab, 'solution', 'deployment.yaml'), 'utf8');
  const honest = await honestProfiles();
  const students: ClassStudent[] = [];
  const add = async (
    student: ClassStudent,
    files: Readonly<Record<string, string>>,
  ): Promise<string> => {
    const labDir = await writeSubmission({ dir, student: student.dir, lab: LAB, files });
    students.push(student);
    return labDir;
  };
  const correct = honest.correct.files;
  const hostile = async (
    dirName: string,
    extra: Readonly<Record<string, string>>,
    refusals: RegExp[],
  ): Promise<string> =>
    add({ dir: dirName, id: dirName, score: 100, refusals }, { ...correct, ...extra });

  await add({ dir: 'alice', id: 'alice', score: 100, refusals: [] }, correct);
  await add(
    { dir: 'bob-partial', id: 'bob-partial', score: honest.partial.score, refusals: [] },
    honest.partial.files,
  );
  await add(
    { dir: 'carl-starter', id: 'carl-starter', score: honest.starter.score, refusals: [] },
    honest.starter.files,
  );
  await add(
    { dir: 'dana-empty', id: 'dana-empty', score: honest.empty.score, refusals: [] },
    honest.empty.files,
  );
  await add(
    { dir: 'emil-malformed', id: 'emil-malformed', score: 0, refusals: [/deployment\.yaml/] },
    { 'deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web\n  : - ]\n' },
  );
  await add(
    { dir: 'fay-typo', id: 'fay-typo', score: 0, refusals: [/livenessprobe/] },
    { 'deployment.yaml': replaced(solution, 'readinessProbe:', 'livenessprobe:') },
  );
  await hostile('gus-cluster-admin', { 'rbac.yaml': HOSTILE.clusterAdmin }, [
    /ClusterRoleBinding .*refused: ClusterRoleBinding is cluster-scoped and this lab does not allow it/,
  ]);
  await hostile('hana-kube-system', { 'pod.yaml': HOSTILE.kubeSystem }, [
    /refused: Pod kubelab-e2e-hostile names namespace kube-system/,
  ]);
  await hostile('ivo-privileged', { 'pod.yaml': HOSTILE.privileged }, [
    /Pod root-of-node: rejected by the API server: .*PodSecurity "baseline/,
  ]);
  await add(
    {
      dir: 'jade-namespace',
      id: 'jade-namespace',
      score: 0,
      refusals: [/names namespace default/],
    },
    {
      'deployment.yaml': replaced(solution, '  name: web\n', '  name: web\n  namespace: default\n'),
    },
  );
  await hostile(
    'kai-bombs',
    { 'bombs.yaml': `${HOSTILE.memoryBomb}---\n${HOSTILE.forkFlood}` },
    [],
  );
  const big = await hostile('lea-big-file', { 'big.yaml': '' }, [/big\.yaml: refused: 50 MiB/]);
  await truncate(join(big, 'big.yaml'), 50 * 1024 * 1024);
  await hostile('max-alias-bomb', { 'bomb.yaml': HOSTILE.aliasBomb }, [/bomb\.yaml.*refused/i]);
  const linked = await hostile('nia-symlink', {}, [/passwd\.yaml: refused: a symbolic link/]);
  await symlink('/etc/passwd', join(linked, 'passwd.yaml'));
  await hostile('omar-role', { 'role.yaml': HOSTILE.roleEscalation }, [
    /Role everything: rejected by the API server: .*forbidden/i,
  ]);
  await add({ dir: '..x; rm -rf', id: 'x-rm-rf', score: 100, refusals: [] }, correct);
  await writeFile(
    join(dir, 'pia.zip'),
    makeZip([
      { path: `pia/${LAB}/deployment.yaml`, content: solution },
      { path: '../escaped.yaml', content: HOSTILE.kubeSystem },
      { path: `pia/${LAB}/passwd.yaml`, type: 'symlink', linkpath: '/etc/passwd' },
    ]),
  );
  students.push({
    dir: 'pia',
    id: 'pia',
    score: 100,
    refusals: [
      /"\.\.\/escaped\.yaml": refused: a path with "\.\." \(zip slip\)/,
      /passwd\.yaml".*link/,
    ],
  });
  const roster = join(root, 'roster.csv');
  await writeFile(
    roster,
    'dir,id,name\nalice,alice,Alice Martin\n"..x; rm -rf","../x; rm -rf",Eve\n',
  );
  return { dir, roster, students: students.sort((a, b) => (a.id < b.id ? -1 : 1)) };
}
