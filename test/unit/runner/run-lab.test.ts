import { expect } from 'chai';
import { z } from 'zod';
import type { Cluster } from '../../../src/cluster/cluster.js';
import {
  defineCheck,
  type CheckContext,
  type CheckKind,
} from '../../../src/check-api/check-kind.js';
import { Lab } from '../../../src/model/lab.js';
import type { CheckOutcome } from '../../../src/model/result.js';
import { scopeFor } from '../../../src/model/scope.js';
import { runLab, type RunEvent } from '../../../src/runner/run-lab.js';

const cluster = { context: 'test', server: 'https://127.0.0.1:6443' } as unknown as Cluster;

function kind(name: string, run: (ctx: CheckContext) => Promise<CheckOutcome>): CheckKind {
  return defineCheck({
    kind: name,
    description: 'Demo.',
    params: z.object({}),
    defaultTimeoutMs: 60_000,
    run,
  });
}

const lab = Lab.parse({
  id: 'demo',
  title: 'Demo',
  summary: 'A demo lab.',
  checks: [
    { id: 'first', title: 'First', kind: 'ok', points: 40, hint: 'h1' },
    { id: 'second', title: 'Second', kind: 'hang', points: 30, hint: 'h2' },
    { id: 'third', title: 'Third', kind: 'ok', points: 30, hint: 'h3', needs: ['first'] },
  ],
});

const noDiagnostics = () => Promise.resolve({ events: [], logs: [] });

describe('runLab', () => {
  it('runs checks in lab.yaml order, reports each as it ends, and sums the score', async () => {
    const events: RunEvent[] = [];
    const kinds = new Map([
      [
        'ok',
        kind('ok', (ctx) => {
          ctx.progress('looking');
          return Promise.resolve({ status: 'passed', message: 'fine' });
        }),
      ],
      ['hang', kind('hang', () => Promise.resolve({ status: 'failed', message: 'nope' }))],
    ]);
    const report = await runLab({
      cluster,
      lab: { lab },
      scope: scopeFor('demo'),
      submissionDir: '/tmp',
      node: undefined,
      signal: new AbortController().signal,
      kinds,
      onEvent: (e) => events.push(e),
      diagnose: noDiagnostics,
    });
    expect(report.checks.map((c) => [c.id, c.status])).to.deep.equal([
      ['first', 'passed'],
      ['second', 'failed'],
      ['third', 'passed'],
    ]);
    expect(report).to.include({
      score: 70,
      maxScore: 100,
      status: 'failed',
      namespace: 'kubelab-demo',
    });
    expect(
      events.map((e) => `${e.type} ${e.checkId}${e.activity ? ` ${e.activity}` : ''}`),
    ).to.deep.equal([
      'check-start first',
      'check-progress first looking',
      'check-end first',
      'check-start second',
      'check-progress second collecting events and previous logs',
      'check-end second',
      'check-start third',
      'check-progress third looking',
      'check-end third',
    ]);
  });

  it('skips the remaining checks as interrupted and returns promptly when the signal aborts', async () => {
    const controller = new AbortController();
    const kinds = new Map([
      ['ok', kind('ok', () => Promise.resolve({ status: 'passed', message: 'fine' }))],
      // A check that never settles by itself: only the interruption ends it.
      [
        'hang',
        kind('hang', () => {
          setImmediate(() => controller.abort());
          return new Promise<CheckOutcome>(() => undefined);
        }),
      ],
    ]);
    const started = Date.now();
    const report = await runLab({
      cluster,
      lab: { lab },
      scope: scopeFor('demo'),
      submissionDir: '/tmp',
      node: undefined,
      signal: controller.signal,
      kinds,
      diagnose: noDiagnostics,
    });
    expect(Date.now() - started).to.be.below(1_000);
    expect(report.checks.map((c) => [c.id, c.status, c.message])).to.deep.equal([
      ['first', 'passed', 'fine'],
      ['second', 'skipped', 'skipped: interrupted'],
      ['third', 'skipped', 'skipped: interrupted'],
    ]);
    expect(report.score).to.equal(40);
  });
});
