import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApplyResult, Cluster, KubeObject } from '../../../src/cluster/cluster.js';
import { Lab } from '../../../src/model/lab.js';
import { scopeFor } from '../../../src/model/scope.js';
import { labSession } from '../../../src/session/lab-session.js';

/** A cluster that accepts every apply (or refuses every one with `refuse`) and records who applied what. */
function recordingCluster(who: string, log: string[], refuse?: string): Cluster {
  return {
    context: who,
    apply: (objects: readonly KubeObject[], source: string) => {
      for (const object of objects) log.push(`${who} ${object.kind} ${object.metadata.name}`);
      return Promise.resolve(
        objects.map((object): ApplyResult => {
          const ref = {
            apiVersion: object.apiVersion,
            kind: object.kind,
            name: object.metadata.name ?? '',
          };
          return refuse === undefined
            ? { ok: true, source, ref, object }
            : { ok: false, source, ref, error: refuse };
        }),
      );
    },
  } as unknown as Cluster;
}

const lab = Lab.parse({
  id: 'demo',
  title: 'Demo',
  summary: 'A demo lab.',
  clusterScoped: ['PriorityClass'],
  checks: [{ id: 'first', title: 'First', kind: 'ok', points: 100, hint: 'h1' }],
});

describe('the lab session', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kubelab-session-'));
    writeFileSync(
      join(dir, 'app.yaml'),
      [
        'apiVersion: scheduling.k8s.io/v1',
        'kind: PriorityClass',
        'metadata: { name: high }',
        'value: 1000',
        '---',
        'apiVersion: v1',
        'kind: ConfigMap',
        'metadata: { name: settings }',
        'data: { mode: demo }',
        '',
      ].join('\n'),
    );
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('applies as the student, and the cluster-scoped kinds the lab allows as the grader', async () => {
    const log: string[] = [];
    const session = labSession({
      cluster: recordingCluster('grader', log),
      loaded: { lab },
      scope: scopeFor(lab.id, 'alice'),
      node: undefined,
      signal: new AbortController().signal,
    });
    const outcomes = await session.apply({
      as: recordingCluster('student', log),
      dir,
      label: 'demo',
      nodeFiles: true,
    });
    expect(outcomes.map((o) => o.status)).to.deep.equal(['applied', 'applied']);
    expect(log).to.deep.equal(['grader PriorityClass alice--high', 'student ConfigMap settings']);
    expect(session.applied().map((ref) => `${ref.kind}/${ref.name}`)).to.deep.equal([
      'PriorityClass/alice--high',
      'ConfigMap/settings',
    ]);
  });

  it('applies everything as the grader when no one else is named', async () => {
    const log: string[] = [];
    const session = labSession({
      cluster: recordingCluster('grader', log),
      loaded: { lab },
      scope: scopeFor(lab.id),
      node: undefined,
      signal: new AbortController().signal,
    });
    await session.apply({ dir, label: 'starter', nodeFiles: false });
    expect(log).to.deep.equal(['grader PriorityClass high', 'grader ConfigMap settings']);
  });

  it('keeps the outcomes of every apply, refusals included, for the report of a failed run', async () => {
    const session = labSession({
      cluster: recordingCluster('grader', [], 'forbidden'),
      loaded: { lab },
      scope: scopeFor(lab.id),
      node: undefined,
      signal: new AbortController().signal,
    });
    await session.apply({ dir, label: 'starter', nodeFiles: false });
    expect(session.outcomes().map((o) => o.status)).to.deep.equal(['api-error', 'api-error']);
    expect(session.applied()).to.deep.equal([]);
  });
});
