/**
 * Runs one lab against the real cluster the way `kubelab check` grades a student: a fresh
 * namespace, the submission's manifests applied through the runner's policy, node files installed
 * when the lab has a static/ folder, every check run, everything removed afterwards.
 *
 * A negative-control fixture (test/fixtures/<lab>/<variant>/) holds only the files that differ from
 * the lab's solution: the harness lays them over a copy of solution/. A file listed in the
 * fixture's `_remove.txt` (one relative path per line) is dropped from the copy.
 */
import { expect } from 'chai';
import { cp, mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Cluster } from '../../../src/cluster/cluster.js';
import { deleteLabNamespace, ensureLabNamespace } from '../../../src/cluster/namespace.js';
import type { NodeAccess } from '../../../src/cluster/node-access/node-access.js';
import { selectNodeAccess } from '../../../src/cluster/node-access/select.js';
import type { CheckKind } from '../../../src/check-api/check-kind.js';
import { loadLab, type LoadedLab } from '../../../src/catalogue/load-lab.js';
import { scopeFor, type Scope } from '../../../src/model/scope.js';
import type { LabReport } from '../../../src/report/model.js';
import { applyManifests, describeOutcome } from '../../../src/runner/apply-manifests.js';
import { PREFIXED_KINDS } from '../../../src/cluster/cluster-scoped.js';
import { loadCheckKinds } from '../../../src/catalogue/registry.js';
import { runLab } from '../../../src/runner/run-lab.js';
import {
  installStaticManifests,
  removeStaticManifests,
} from '../../../src/cluster/node-access/static-manifests.js';
import { REPO_ROOT, testCluster } from '../support/index.js';
import { checksWithNeeds } from './checks-with-needs.js';

export interface Graded {
  readonly report: LabReport;
  /** Documents the runner did not apply (refused by policy or by the API server). */
  readonly applyProblems: readonly string[];
  /** `check id → status`, for short assertions. */
  readonly statuses: Readonly<Record<string, string>>;
  readonly durationMs: number;
}

/** A solution/ copy with a fixture's files laid over it; the caller removes it. */
export async function overlayDir(loaded: LoadedLab, fixture: string | undefined): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `kubelab-${loaded.lab.id}-`));
  await cp(loaded.solutionDir, dir, { recursive: true });
  if (fixture === undefined) return dir;
  const source = join(REPO_ROOT, 'test/fixtures', loaded.lab.id, fixture);
  await cp(source, dir, { recursive: true });
  const removeList = join(dir, '_remove.txt');
  const removals = await readFile(removeList, 'utf8').catch(() => '');
  for (const line of removals
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'))) {
    await rm(join(dir, line), { recursive: true, force: true });
  }
  await rm(removeList, { force: true });
  return dir;
}

/** The manifests of a submission directory without the lab's extra files (answers.yaml…). */
async function manifestsOnly(dir: string, extraFiles: readonly string[]): Promise<string> {
  const only = await mkdtemp(join(tmpdir(), 'kubelab-manifests-'));
  const skip = new Set(extraFiles.map((f) => f.replace(/\/$/, '')));
  for (const name of await readdir(dir)) {
    if (skip.has(name) || !(await stat(join(dir, name))).isFile()) continue;
    await cp(join(dir, name), join(only, name));
  }
  return only;
}

export async function nodeFor(
  cluster: Cluster,
  loaded: LoadedLab,
): Promise<NodeAccess | undefined> {
  return loaded.lab.nodeAccess ? selectNodeAccess(cluster) : undefined;
}

/**
 * Grades `dir` as user `user` (namespace kubelab-<lab>-<user>, cluster-scoped names prefixed
 * `<user>--`, as in batch grading), then removes the namespace, cluster-scoped objects and node files.
 */
export async function grade(options: {
  cluster: Cluster;
  loaded: LoadedLab;
  kinds: ReadonlyMap<string, CheckKind>;
  dir: string;
  user: string;
  node?: NodeAccess | undefined;
  /** Run only these checks and what they need (a negative control targets one). Default: all. */
  only?: readonly string[];
}): Promise<Graded> {
  const { cluster, loaded } = options;
  const started = performance.now();
  const scope: Scope = scopeFor(loaded.lab.id, options.user);
  const signal = AbortSignal.timeout(15 * 60_000);
  await deleteLabNamespace(cluster, scope.namespace);
  await ensureLabNamespace(cluster, scope, { podSecurity: loaded.lab.podSecurity, signal });
  const manifests = await manifestsOnly(options.dir, loaded.lab.extraFiles);
  const installed: string[] = [];
  let applied: { kind: string; apiVersion: string; name: string; namespace?: string }[] = [];
  try {
    const outcomes = await applyManifests({
      cluster,
      dir: manifests,
      scope,
      lab: loaded.lab,
      label: 'submission',
      signal,
    });
    applied = outcomes.flatMap((o) => (o.status === 'applied' ? [o.ref] : []));
    if (options.node !== undefined) {
      installed.push(
        ...(await installStaticManifests({
          node: options.node,
          scope,
          sourceDir: join(options.dir, 'static'),
          signal,
        })),
      );
    }
    const only = options.only;
    const lab =
      only === undefined
        ? loaded.lab
        : { ...loaded.lab, checks: checksWithNeeds(loaded.lab.checks, only) };
    const report = await runLab({
      cluster,
      lab: { lab },
      scope,
      submissionDir: options.dir,
      node: options.node,
      signal,
      kinds: options.kinds,
    });
    const statuses = Object.fromEntries(report.checks.map((c) => [c.id, c.status]));
    return {
      report,
      applyProblems: outcomes.filter((o) => o.status !== 'applied').map(describeOutcome),
      statuses,
      durationMs: performance.now() - started,
    };
  } finally {
    if (options.node !== undefined)
      await removeStaticManifests({ node: options.node, paths: installed });
    await deleteLabNamespace(cluster, scope.namespace).catch(() => undefined);
    for (const ref of applied.filter((r) => PREFIXED_KINDS.has(r.kind))) {
      await cluster.delete(ref).catch(() => undefined);
    }
    await rm(manifests, { recursive: true, force: true });
  }
}

/** The message of one check of a graded run (with its status), for assertion failures that explain themselves. */
export function checkMessage(graded: Graded, id: string): string {
  const check = graded.report.checks.find((c) => c.id === id);
  return check === undefined ? `no check ${id}` : `${check.status}: ${check.message}`;
}

/** Every check's status and message, one per line: what a failing assertion prints. */
export function summary(graded: Graded): string {
  return [
    `score ${graded.report.score}/${graded.report.maxScore} in ${(graded.durationMs / 1000).toFixed(1)}s`,
    ...graded.applyProblems.map((p) => `apply: ${p}`),
    ...graded.report.checks.map((c) => `${c.id}: ${c.status}: ${c.message}`),
  ].join('\n');
}

/** A negative control: grading solution/ with the fixture laid over it fails `check` with a message matching `reason`. */
export interface NegativeControl {
  readonly variant: string;
  readonly check: string;
  readonly reason: RegExp;
}

/**
 * Registers the e2e suite of one lab: each negative control fails its check for the reason it
 * names. That the solution scores 100 and the starter fails exactly verify.starterFails is proved
 * once for every lab by test/e2e/cli/verify-all.test.ts (`kubelab verify --all`).
 * Pending (with the reason) when no cluster is reachable.
 */
export function labSuite(labId: string, negatives: readonly NegativeControl[]): void {
  describe(`lab ${labId} on the real cluster`, function () {
    this.timeout(15 * 60_000);
    let cluster: Cluster;
    let loaded: LoadedLab;
    let kinds: ReadonlyMap<string, CheckKind>;
    let node: NodeAccess | undefined;

    before(async function () {
      cluster = await testCluster(this);
      kinds = await loadCheckKinds();
      loaded = await loadLab(labId, { kinds });
      node = await nodeFor(cluster, loaded);
    });

    for (const negative of negatives) {
      it(`fails ${negative.check} when ${negative.variant.replaceAll('-', ' ')}`, async function () {
        const dir = await overlayDir(loaded, negative.variant);
        try {
          const graded = await grade({
            cluster,
            loaded,
            kinds,
            dir,
            user: `e2e-${negative.variant}`.slice(0, 30).replace(/-+$/, ''),
            node,
            only: [negative.check],
          });
          const check = graded.report.checks.find((c) => c.id === negative.check);
          expect(check?.status, summary(graded)).to.equal('failed');
          expect(check?.message, summary(graded)).to.match(negative.reason);
        } finally {
          await rm(dir, { recursive: true, force: true });
        }
      });
    }
  });
}
