/**
 * Shared by the lab pack II e2e suites (pv-pvc, storageclass, statefulset, stable-dns,
 * secrets-config): fixtureSuite registers a lab's suite, and runFixture runs one negative-control
 * fixture in its own namespace with a batch-style scope (a user, so PersistentVolumes and
 * StorageClasses get a per-student prefix), cleaning up the namespace and every cluster-scoped
 * object it left.
 */
import { expect } from 'chai';
import { join } from 'node:path';
import type { KubeObject } from '../../../src/cluster/cluster.js';
import type { ClusterClient } from '../../../src/cluster/connect/client.js';
import { deleteLabNamespace, ensureLabNamespace } from '../../../src/cluster/namespace.js';
import { removeProvisionedVolumes } from '../../../src/cluster/cleanup/provisioned-volumes.js';
import type { NodeAccess } from '../../../src/cluster/node-access/node-access.js';
import { selectNodeAccess } from '../../../src/cluster/node-access/select.js';
import type { CheckKind } from '../../../src/check-api/check-kind.js';
import { loadLabDir, type LoadedLab } from '../../../src/catalogue/load-lab.js';
import type { CheckResult } from '../../../src/model/result.js';
import { scopeFor, type Scope } from '../../../src/model/scope.js';
import { applyManifests, describeOutcome } from '../../../src/runner/apply-manifests.js';
import { PREFIXED_KINDS } from '../../../src/cluster/cluster-scoped.js';
import { loadCheckKinds } from '../../../src/catalogue/registry.js';
import { runLab } from '../../../src/runner/run-lab.js';
import { REPO_ROOT, testCluster } from '../support/index.js';
import { checksWithNeeds } from './checks-with-needs.js';

export interface LabUnderTest {
  readonly loaded: LoadedLab;
  readonly kinds: ReadonlyMap<string, CheckKind>;
}

export async function loadForTest(labId: string): Promise<LabUnderTest> {
  const kinds = await loadCheckKinds();
  return { loaded: await loadLabDir(join(REPO_ROOT, 'labs', labId), { kinds }), kinds };
}

/** The node-access adapter for the test cluster (local on the project cluster). */
export function nodeForTest(cluster: ClusterClient): Promise<NodeAccess> {
  return selectNodeAccess(cluster, { override: undefined, signal: AbortSignal.timeout(30_000) });
}

let counter = 0;

/** A batch-style scope: user `e2eh<pid><n>`, so cluster-scoped names get that prefix. */
function variantScope(labId: string): Scope {
  counter += 1;
  return scopeFor(labId, `e2eh${process.pid.toString(36)}${counter.toString(36)}`);
}

/**
 * Applies test/fixtures/<lab>/<fixture>/ through the runner's apply into a fresh namespace, runs only
 * the checks `ids`, and cleans up (namespace, prefixed cluster-scoped objects, volumes left
 * Released for the namespace) whatever happens.
 */
export async function runFixture(
  cluster: ClusterClient,
  lab: LabUnderTest,
  options: {
    fixture: string;
    ids: readonly string[];
    node?: NodeAccess;
    timeoutMs: number;
    /** The files to apply instead of test/fixtures/<lab>/<fixture>/ (e.g. the lab's solution). */
    dir?: string;
  },
): Promise<CheckResult[]> {
  const { lab: spec } = lab.loaded;
  const dir = options.dir ?? join(REPO_ROOT, 'test', 'fixtures', spec.id, options.fixture);
  const scope = variantScope(spec.id);
  const signal = AbortSignal.timeout(options.timeoutMs);
  const refs: { apiVersion: string; kind: string; name: string }[] = [];
  try {
    await ensureLabNamespace(cluster, scope, { podSecurity: spec.podSecurity, signal });
    const outcomes = await applyManifests({
      cluster,
      dir,
      scope,
      lab: spec,
      label: options.fixture,
      signal,
    });
    for (const o of outcomes) {
      if (o.status === 'applied' && PREFIXED_KINDS.has(o.ref.kind)) refs.push(o.ref);
    }
    const problems = outcomes.filter((o) => o.status !== 'applied').map(describeOutcome);
    if (problems.length > 0)
      throw new Error(`fixture ${options.fixture} did not apply: ${problems.join('; ')}`);
    const report = await runLab({
      cluster,
      lab: { lab: { ...spec, checks: checksWithNeeds(spec.checks, options.ids) } },
      scope,
      submissionDir: dir,
      node: options.node,
      signal,
      kinds: lab.kinds,
    });
    return [...report.checks];
  } finally {
    await cleanUp(cluster, scope, refs);
  }
}

async function cleanUp(
  cluster: ClusterClient,
  scope: Scope,
  refs: readonly { apiVersion: string; kind: string; name: string }[],
): Promise<void> {
  const signal = AbortSignal.timeout(150_000);
  await deleteLabNamespace(cluster, scope.namespace, { signal }).catch(() => undefined);
  // Provisioned volumes go through their provisioner, so their node directories go too.
  await removeProvisionedVolumes(cluster, {
    namespace: scope.namespace,
    timeoutMs: 60_000,
    signal,
  }).catch(() => undefined);
  const leftovers = (
    await cluster.list<KubeObject & { spec?: { claimRef?: { namespace?: string } } }>(
      { apiVersion: 'v1', kind: 'PersistentVolume' },
      signal,
    )
  )
    .filter((pv) => pv.spec?.claimRef?.namespace === scope.namespace)
    .map((pv) => ({ apiVersion: 'v1', kind: 'PersistentVolume', name: pv.metadata.name ?? '' }));
  for (const ref of [...refs, ...leftovers]) {
    await cluster.delete(ref, { signal }).catch(() => undefined);
  }
}

/** One check's result by id (fails the test, naming the ids present, when absent). */
export function resultOf(results: readonly CheckResult[], id: string): CheckResult {
  const found = results.find((r) => r.id === id);
  if (found === undefined)
    throw new Error(`no result for check ${id}; got ${results.map((r) => r.id).join(', ')}`);
  return found;
}

/** One negative control: the fixture, the check it must fail, and the words of the reason. */
export interface FixtureControl {
  readonly fixture: string;
  readonly check: string;
  readonly reason: RegExp;
}

/**
 * Registers the e2e suite of one pack II lab: each fixture of `controls` makes its check fail for
 * the reason it names. Pending (with the reason) when no cluster is reachable.
 */
export function fixtureSuite(
  labId: string,
  controls: readonly FixtureControl[],
  options: {
    /** The lab's checks read node files (hostPath): the suite opens the node-access adapter. */
    readonly nodeAccess?: boolean;
    /** Per control, for the whole fixture run (apply, checks, cleanup). Default 280 s. */
    readonly timeoutMs?: number;
  } = {},
): void {
  const timeoutMs = options.timeoutMs ?? 280_000;
  describe(`lab ${labId} on the real cluster`, function () {
    let cluster: ClusterClient;
    let lab: LabUnderTest;
    let node: NodeAccess | undefined;

    before(async function () {
      cluster = await testCluster(this);
      lab = await loadForTest(labId);
      if (options.nodeAccess === true) node = await nodeForTest(cluster);
    });
    after(async function () {
      await node?.close?.();
    });

    for (const control of controls) {
      it(`fails ${control.check} with the ${control.fixture} fixture and says why`, async function () {
        this.timeout(timeoutMs + 20_000);
        const results = await runFixture(cluster, lab, {
          fixture: control.fixture,
          ids: [control.check],
          ...(node === undefined ? {} : { node }),
          timeoutMs,
        });
        const result = resultOf(results, control.check);
        expect(result.status, result.message).to.equal('failed');
        expect(result.message).to.match(control.reason);
      });
    }
  });
}
