/**
 * Batch grading benchmark: `npm run bench:grade -- --students N [--labs a,b] [--context c]
 * [--concurrency n] [--keep]`. Writes a synthetic class of N students × the lab pack (solutions,
 * starters and mixes, see synthetic-class.ts), grades it with `kubelab grade` in this process
 * against the real cluster, and prints: wall time, submissions per minute, API requests per check
 * (counted by the grader and by the API server), the grader's peak RSS, and its overhead (CPU time
 * and event-loop busy time as shares of wall time: the rest is waiting on the cluster). Figures are
 * printed, never asserted.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { journalPath, readJournal } from '../src/batch/journal/journal.js';
import { runCli } from '../src/cli/app.js';
import { memoryIo } from '../src/cli/io.js';
import { loadKubeconfig } from '../src/cluster/connect/kubeconfig.js';
import { defaultLabsDir, listLabIds } from '../src/model/labs-dir.js';
import { loadLab } from '../src/catalogue/load-lab.js';
import { apiserverRequestTotal } from './apiserver-requests.js';
import { RequestCounter } from './request-counter.js';
import { unexpectedScores } from './expected-scores.js';
import { writeSyntheticClass } from './synthetic-class.js';

const { values } = parseArgs({
  options: {
    students: { type: 'string', default: '10' },
    labs: { type: 'string' },
    context: { type: 'string' },
    concurrency: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});

const students = Number(values.students);
if (!Number.isInteger(students) || students < 1) {
  process.stderr.write(`--students: expected a whole number ≥ 1, got ${values.students}\n`);
  process.exit(2);
}
const context = values.context ?? process.env['KUBELAB_TEST_CONTEXT'] ?? 'kubelab';
const labsDir = defaultLabsDir();
const labIds =
  values.labs === undefined
    ? await listLabIds(labsDir)
    : values.labs
        .split(',')
        .map((id) => id.trim())
        .filter((id) => id !== '');

const root = await mkdtemp(join(tmpdir(), 'kubelab-bench-'));
const submissions = join(root, 'submissions');
const out = join(root, 'out');
const synthetic = await writeSyntheticClass({
  dir: submissions,
  count: students,
  labsDir,
  labIds,
});
process.stderr.write(
  `bench: ${students} students × ${labIds.length} labs (${labIds.join(', ')}) on ${context}; class in ${root}\n`,
);

const server = new URL(loadKubeconfig({ context }).server);
const counter = new RequestCounter(server.host);
const argv = ['grade', submissions, '--out', out, '--context', context, '--labs', labIds.join(',')];
if (values.concurrency !== undefined) argv.push('--concurrency', values.concurrency);

const apiBefore = await apiserverRequestTotal(context);
const cpuBefore = process.cpuUsage();
const loopBefore = performance.eventLoopUtilization();
const started = performance.now();
counter.start();
const io = memoryIo({ env: process.env });
let code: number;
try {
  code = await runCli({ argv, io });
} finally {
  counter.stop();
}
const wallMs = performance.now() - started;
const loop = performance.eventLoopUtilization(loopBefore);
const cpu = process.cpuUsage(cpuBefore);
const apiAfter = await apiserverRequestTotal(context);

const entries = await readJournal(journalPath(out));
const labs = new Map(
  await Promise.all(labIds.map(async (id) => [id, (await loadLab(id, { labsDir })).lab] as const)),
);
const unexpected = unexpectedScores({ entries, students: synthetic, labs });
const checks = entries.reduce((sum, entry) => sum + entry.report.checks.length, 0);
const concurrency = /concurrency (\d+)/.exec(io.err())?.[1] ?? '?';
const waits = /^waits: (.*)$/m.exec(io.err())?.[1] ?? '?';
const cpuMs = (cpu.user + cpu.system) / 1000;
const pct = (share: number): string => `${(share * 100).toFixed(1)} %`;
const perCheck = (n: number): string => (checks === 0 ? 'n/a' : (n / checks).toFixed(1));
const minutes = wallMs / 60_000;
const byLab = new Map<string, number[]>();
for (const entry of entries)
  byLab.set(entry.labId, [...(byLab.get(entry.labId) ?? []), entry.report.durationMs]);

const lines = [
  `kubelab grade exit code        ${code} (concurrency ${concurrency})`,
  `submissions graded             ${entries.length} of ${students * labIds.length} (${checks} checks)`,
  `scores as expected             ${entries.length - new Set(unexpected.map((u) => u.submission)).size} of ${entries.length} submissions (solutions full marks, starters failing exactly verify.starterFails)`,
  ...unexpected.slice(0, 20).map((u) => `  unexpected: ${u.submission} ${u.problem}`),
  `wall time                      ${(wallMs / 1000).toFixed(1)} s`,
  `submissions per minute         ${(entries.length / minutes).toFixed(2)}`,
  `API requests per check         ${perCheck(counter.count)} from the grader (${counter.count} requests)`,
  `                               ${perCheck(apiAfter - apiBefore)} served by the API server, all clients (${apiAfter - apiBefore})`,
  `waits                          ${waits}`,
  `grader peak RSS                ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`,
  `grader CPU time / wall time    ${pct(cpuMs / wallMs)} (${(cpuMs / 1000).toFixed(1)} s CPU)`,
  `event loop busy / wall time    ${pct(loop.utilization)} (the rest: waiting on the cluster)`,
  ...[...byLab.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([lab, durations]) => {
      const mean = durations.reduce((a, b) => a + b, 0) / durations.length / 1000;
      return `  ${lab.padEnd(28)} ${durations.length} graded, ${mean.toFixed(1)} s mean per submission`;
    }),
];
process.stdout.write(`${lines.join('\n')}\n`);
if (code !== 0) process.stderr.write(io.err().split('\n').slice(-15).join('\n'));
const gradebook = await readFile(join(out, 'gradebook.csv'), 'utf8').catch(() => '');
process.stderr.write(`\n${gradebook}`);
if (values.keep) process.stderr.write(`kept ${root}\n`);
else await rm(root, { recursive: true, force: true });
