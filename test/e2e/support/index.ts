/**
 * Shared helpers for e2e suites that run against the REAL cluster (never a fake API server).
 *
 * Usage:
 *
 *   import { applyFixture, testCluster, withNamespace } from '../support/index.js';
 *
 *   describe('probes', function () {
 *     let cluster: ClusterClient;
 *     before(async function () {
 *       cluster = await testCluster(this); // pending (with the reason) when no cluster answers
 *     });
 *     const ns = withNamespace('probes'); // a fresh labelled namespace per test, deleted after it
 *
 *     it('reports a liveness probe that never succeeds', async function () {
 *       await applyFixture(cluster, 'test/fixtures/probes/broken-liveness.yaml', ns.scope);
 *       // ns.name, ns.scope.namespace, ns.scope.labels …
 *     });
 *   });
 *
 * Environment:
 * - KUBELAB_TEST_CONTEXT: kubeconfig context to test against (default `kubelab`).
 * - KUBELAB_E2E_REQUIRED=1: an unreachable cluster FAILS the suite instead of marking it pending.
 * - KUBELAB_KEEP_NAMESPACES=1: leave the test namespaces behind for debugging.
 *
 * `withNamespace` must be called inside a `describe` whose `before` calls `testCluster(this)`
 * (it registers beforeEach/afterEach hooks, or before/after with `{ per: 'suite' }`).
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ApplyOptions, ApplyResult } from '../../../src/cluster/cluster.js';
import type { ClusterClient } from '../../../src/cluster/connect/client.js';
import { connect } from '../../../src/cluster/connect/connect.js';
import {
  deleteLabNamespace,
  ensureLabNamespace,
  type PodSecurityLevel,
} from '../../../src/cluster/namespace.js';
import { scopeFor, type Scope } from '../../../src/model/scope.js';

/** The repository root (fixture paths are relative to it). */
export const REPO_ROOT = resolve(fileURLToPath(new URL('../../..', import.meta.url)));

export const TEST_CONTEXT = process.env['KUBELAB_TEST_CONTEXT'] ?? 'kubelab';
const REQUIRED = process.env['KUBELAB_E2E_REQUIRED'] === '1';
const KEEP = process.env['KUBELAB_KEEP_NAMESPACES'] === '1';

/** How long the reachability probe may take before the cluster counts as absent. */
const PROBE_TIMEOUT_MS = 10_000;

let probe: Promise<{ cluster: ClusterClient } | { reason: string }> | undefined;
let reported = false;

async function probeCluster(): Promise<{ cluster: ClusterClient } | { reason: string }> {
  try {
    const cluster = connect({ context: TEST_CONTEXT });
    await cluster.serverInfo(AbortSignal.timeout(PROBE_TIMEOUT_MS));
    return { cluster };
  } catch (error) {
    return { reason: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * The connected test cluster (context KUBELAB_TEST_CONTEXT, default `kubelab`). When it is not
 * reachable the calling suite is marked pending with the reason printed once, or fails when
 * KUBELAB_E2E_REQUIRED=1. Call it from a `before` hook and pass `this`.
 */
export async function testCluster(ctx: Mocha.Context): Promise<ClusterClient> {
  ctx.timeout(Math.max(ctx.timeout(), PROBE_TIMEOUT_MS + 5_000));
  probe ??= probeCluster();
  const outcome = await probe;
  if ('cluster' in outcome) return outcome.cluster;
  const reason = `no test cluster: ${outcome.reason}`;
  if (REQUIRED)
    throw new Error(`${reason} (KUBELAB_E2E_REQUIRED=1, so this fails instead of skipping)`);
  if (!reported) {
    reported = true;
    process.stderr.write(`e2e suites pending: ${reason}\n`);
  }
  ctx.skip();
  throw new Error('unreachable: skip() throws');
}

/** The reachable cluster if a suite already probed it (for hooks that run after testCluster). */
export async function probedCluster(): Promise<ClusterClient | undefined> {
  const outcome = await probe;
  return outcome !== undefined && 'cluster' in outcome ? outcome.cluster : undefined;
}

export interface NamespaceHandle {
  /** The current test's scope (namespace, labels, user). Throws outside a test. */
  readonly scope: Scope;
  /** The current test's namespace name. */
  readonly name: string;
}

let counter = 0;

/** A unique user id for a test namespace: short, DNS-safe, and marks it as an e2e namespace. */
function uniqueUser(): string {
  counter += 1;
  return `e2e${process.pid.toString(36)}${counter.toString(36)}${Math.floor(Math.random() * 36 ** 3).toString(36)}`;
}

/**
 * Registers hooks that create a fresh labelled namespace (scopeFor(labId, <unique user>), Pod
 * Security `podSecurity`, default baseline) before each test (or once, with per: 'suite') and
 * delete it afterwards (without waiting, unless waitForDeletion).
 */
export function withNamespace(
  labId: string,
  options: {
    podSecurity?: PodSecurityLevel;
    per?: 'test' | 'suite';
    waitForDeletion?: boolean;
  } = {},
): NamespaceHandle {
  let current: Scope | undefined;
  const setup = async function (this: Mocha.Context): Promise<void> {
    const cluster = await probedCluster();
    if (cluster === undefined) return this.skip();
    current = scopeFor(labId, uniqueUser());
    await ensureLabNamespace(cluster, current, { podSecurity: options.podSecurity ?? 'baseline' });
  };
  const teardown = async function (this: Mocha.Context): Promise<void> {
    const cluster = await probedCluster();
    const scope = current;
    current = undefined;
    if (cluster === undefined || scope === undefined || KEEP) return;
    try {
      if (options.waitForDeletion === true) {
        this.timeout(Math.max(this.timeout(), 150_000));
        await deleteLabNamespace(cluster, scope.namespace);
      } else {
        await cluster.delete({ apiVersion: 'v1', kind: 'Namespace', name: scope.namespace });
      }
    } catch (error) {
      // A failed teardown must not stop the suite's later tests (mocha skips them after a hook fails).
      const reason = error instanceof Error ? error.message : String(error);
      process.stderr.write(`withNamespace: could not delete ${scope.namespace}: ${reason}\n`);
    }
  };
  if (options.per === 'suite') {
    before(setup);
    after(teardown);
  } else {
    beforeEach(setup);
    afterEach(teardown);
  }
  return {
    get scope(): Scope {
      if (current === undefined)
        throw new Error('withNamespace: no namespace outside a test (is the cluster reachable?)');
      return current;
    },
    get name(): string {
      return this.scope.namespace;
    },
  };
}

/**
 * Applies a fixture file (or every *.yaml/*.yml of a directory, sorted) into the scope's namespace.
 * Paths are relative to the repository root. With `expectOk` (default true) any refused document
 * throws with the API server's words; pass false to inspect the results (negative controls).
 */
export async function applyFixture(
  cluster: ClusterClient,
  path: string,
  target: Scope | string,
  options: Omit<ApplyOptions, 'namespace'> & { expectOk?: boolean } = {},
): Promise<ApplyResult[]> {
  const full = isAbsolute(path) ? path : join(REPO_ROOT, path);
  const files = (await stat(full)).isDirectory()
    ? (await readdir(full))
        .filter((name) => /\.ya?ml$/.test(name))
        .sort()
        .map((name) => join(full, name))
    : [full];
  const namespace = typeof target === 'string' ? target : target.namespace;
  const results: ApplyResult[] = [];
  for (const file of files) {
    const text = await readFile(file, 'utf8');
    results.push(
      ...(await cluster.applyYaml(text, file.slice(REPO_ROOT.length + 1), {
        ...options,
        namespace,
      })),
    );
  }
  const failed = results.filter((result) => !result.ok);
  if (options.expectOk !== false && failed.length > 0) {
    throw new Error(
      `fixture ${path} did not apply: ${failed.map((r) => (r.ok ? '' : `${r.source}: ${r.error}`)).join('; ')}`,
    );
  }
  return results;
}
