import { expect } from 'chai';
import { join } from 'node:path';
import type { ClusterClient } from '../../../src/cluster/connect/client.js';
import type { CheckKind } from '../../../src/check-api/check-kind.js';
import { loadLabDir, type LoadedLab } from '../../../src/catalogue/load-lab.js';
import type { CheckResult } from '../../../src/model/result.js';
import { applyManifests } from '../../../src/runner/apply-manifests.js';
import { loadCheckKinds } from '../../../src/catalogue/registry.js';
import { runLab } from '../../../src/runner/run-lab.js';
import { verifyLab } from '../../../src/session/verify.js';
import { REPO_ROOT, testCluster, withNamespace } from '../support/index.js';

const LAB_DIR = join(REPO_ROOT, 'labs', 'crash-recovery');
const FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'crash-recovery');

describe('lab crash-recovery on a real cluster', function () {
  let cluster: ClusterClient;
  let loaded: LoadedLab;
  let kinds: ReadonlyMap<string, CheckKind>;

  before(async function () {
    cluster = await testCluster(this);
    kinds = await loadCheckKinds();
    loaded = await loadLabDir(LAB_DIR, { kinds });
  });

  it('stops at Ctrl-C: the checks left are skipped as interrupted and the namespace is still deleted', async function () {
    this.timeout(300_000);
    const controller = new AbortController();
    const result = await verifyLab({
      cluster,
      lab: loaded,
      node: undefined,
      signal: controller.signal,
      kinds,
      // Interrupt while restarts-stable watches its 20s window.
      onEvent: (event) => {
        if (event.type === 'check-start' && event.checkId === 'restarts-stable') controller.abort();
      },
    });
    const statuses = result.solution.checks.map((c) => `${c.id} ${c.status}`);
    expect(statuses).to.deep.equal([
      'pods-ready passed',
      'restarts-stable skipped',
      'self-heals skipped',
      'deployment-spec skipped',
    ]);
    expect(result.solution.checks[1]?.message).to.equal('skipped: interrupted');
    expect(result.ok).to.equal(false);
    expect(result.starter.status, 'the starter phase does not start').to.equal('skipped');
    const namespace = await cluster.get({
      apiVersion: 'v1',
      kind: 'Namespace',
      name: result.solution.namespace,
    });
    expect(namespace, 'an interrupted verify still deletes its namespace').to.equal(undefined);
  });

  describe('negative controls', function () {
    const ns = withNamespace('crash-recovery');

    /** Applies a fixture directory through the runner's apply, then runs only the named checks. */
    async function runChecks(
      fixture: string,
      ids: readonly string[],
      timeouts: Record<string, number> = {},
    ): Promise<CheckResult[]> {
      const outcomes = await applyManifests({
        cluster,
        dir: join(FIXTURES, fixture),
        scope: ns.scope,
        lab: loaded.lab,
      });
      expect(outcomes.map((o) => o.status)).to.deep.equal(['applied']);
      const lab = {
        ...loaded.lab,
        timeouts: { ...loaded.lab.timeouts, ...timeouts },
        checks: loaded.lab.checks.filter((c) => ids.includes(c.id)),
      };
      const report = await runLab({
        cluster,
        lab: { lab },
        scope: ns.scope,
        submissionDir: join(FIXTURES, fixture),
        node: undefined,
        signal: AbortSignal.timeout(280_000),
        kinds,
      });
      return [...report.checks];
    }

    it('fails pods-ready when the readiness probe never succeeds, showing the pods that are not Ready', async function () {
      this.timeout(300_000);
      const [ready] = await runChecks('never-ready', ['pods-ready'], { 'workload-ready': 25_000 });
      expect(ready?.status, ready?.message).to.equal('failed');
      expect(ready?.message).to.match(/Deployment web not Ready after \d+s: 0\/2 Ready/);
      expect(ready?.evidence.observed).to.match(/Running, not Ready/);
    });

    it('fails restarts-stable when the main process exits by itself during the window', async function () {
      this.timeout(300_000);
      const [ready, stable] = await runChecks('slow-restart', ['pods-ready', 'restarts-stable']);
      expect(ready?.status, ready?.message).to.equal('passed');
      expect(stable?.status, stable?.message).to.equal('failed');
      // The count it starts from depends on how long pods-ready took (the process exits 12s after
      // each start), and a kubelet may show the exit as CrashLoopBackOff before the count rises: the
      // message is read for a rise or a crash loop of the container, not for 0 → 1.
      const message = stable?.message ?? '';
      expect(message).to.match(/^Deployment web restarted within the 20s window: /);
      const rise = /container web of pod \S+ restarted \((\d+) → (\d+)\)/.exec(message);
      const looping = /container web of pod \S+ is in CrashLoopBackOff/.test(message);
      expect(looping || Number(rise?.[2]) > Number(rise?.[1]), message).to.equal(true);
      expect(
        stable?.evidence.logs?.some((l) => l.previous && l.text.includes('giving up')),
      ).to.equal(true);
    });

    it('fails self-heals when PID 1 has no SIGTERM handler and survives kill 1', async function () {
      this.timeout(300_000);
      const [ready, heals] = await runChecks('ignores-sigterm', ['pods-ready', 'self-heals']);
      expect(ready?.status, ready?.message).to.equal('passed');
      expect(heals?.status, heals?.message).to.equal('failed');
      expect(heals?.message).to.contain('survived kill 1 and kill -9 1');
    });

    it('fails self-heals, and says why, when the image has neither kill nor a shell', async function () {
      this.timeout(300_000);
      const [ready, heals] = await runChecks('no-kill-binary', ['pods-ready', 'self-heals']);
      expect(ready?.status, ready?.message).to.equal('passed');
      expect(heals?.status, heals?.message).to.equal('failed');
      expect(heals?.message).to.contain('neither a kill binary nor /bin/sh');
      expect(heals?.message).to.contain('would not test a restart by the kubelet');
    });

    it('fails deployment-spec with the field that differs when the Deployment runs 1 replica', async function () {
      this.timeout(60_000);
      const [spec] = await runChecks('one-replica', ['deployment-spec']);
      expect(spec?.status, spec?.message).to.equal('failed');
      expect(spec?.evidence.fieldErrors).to.deep.equal([
        { path: 'spec.replicas', message: 'expected 2, found 1' },
      ]);
    });
  });
});
