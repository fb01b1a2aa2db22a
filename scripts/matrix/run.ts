/**
 * The version matrix: `npm run matrix -- [--versions v1.35.4,v1.36.3] [--out DIR] [--skip-smoke]`.
 * For each Kubernetes version, on the project's own cluster (as root): builds or reuses its binaries,
 * brings the cluster down and up on that version (each version keeps its own etcd data), runs
 * `kubelab verify --all` and the smoke suite (test/e2e/smoke), and brings it down. Writes
 * DIR/compatibility.md (the README's table), DIR/compatibility.xml (JUnit) and DIR/<version>/
 * (verify.json, smoke-0.json, smoke-1.json). Exits 1 when any version did not verify 12/12 or
 * failed a smoke test.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { execa } from 'execa';
import type { Report } from '../../src/report/model.js';
import { writerFor } from '../../src/report/writers.js';
import { matrixMarkdown, matrixReport, type VersionRun } from './table.js';
import { MATRIX_VERSIONS } from './versions.js';

const { values } = parseArgs({
  options: {
    versions: { type: 'string', default: MATRIX_VERSIONS.join(',') },
    out: { type: 'string', default: 'kubelab-matrix' },
    'skip-smoke': { type: 'boolean', default: false },
  },
});
const versions = values.versions.split(',').filter((v) => v !== '');
const outDir = resolve(values.out);
const root = resolve(import.meta.dirname, '../..');

/** Runs a step with its output shown, and returns its wall time in seconds. */
async function timed(
  file: string,
  args: readonly string[],
  env: Record<string, string>,
): Promise<{ seconds: number; exitCode: number; tail: string }> {
  const started = performance.now();
  const result = await execa(file, args, {
    cwd: root,
    env,
    reject: false,
    stdout: ['inherit', 'pipe'],
    stderr: ['inherit', 'pipe'],
    all: true,
  });
  const tail = (result.all ?? '').split('\n').slice(-5).join('\n');
  return { seconds: (performance.now() - started) / 1000, exitCode: result.exitCode ?? 1, tail };
}

interface MochaJson {
  stats: { passes: number; failures: number; start: string };
  failures: { fullTitle: string; err?: { message?: string } }[];
}

async function smoke(env: Record<string, string>, dir: string): Promise<VersionRun['smoke']> {
  let passed = 0;
  const failed: string[] = [];
  const runs = [
    [
      '--parallel',
      '--jobs',
      '4',
      '--ignore',
      'test/e2e/smoke/*.serial.test.ts',
      'test/e2e/smoke/*.test.ts',
    ],
    ['test/e2e/smoke/*.serial.test.ts'],
  ];
  for (const [index, files] of runs.entries()) {
    const output = join(dir, `smoke-${index}.json`);
    const since = Date.now();
    await timed(
      'npx',
      [
        'mocha',
        '--timeout',
        '900000',
        '--reporter',
        'json',
        '--reporter-option',
        `output=${output}`,
        ...files,
      ],
      env,
    );
    const json = JSON.parse(await readFile(output, 'utf8').catch(() => '{}')) as Partial<MochaJson>;
    // A result that started before this step is an earlier matrix's, left in the same --out.
    if (json.stats === undefined || !(Date.parse(json.stats.start) >= since)) {
      failed.push(`mocha wrote no result (${output})`);
      continue;
    }
    passed += json.stats.passes;
    failed.push(...(json.failures ?? []).map((f) => f.fullTitle));
  }
  return { passed, failed };
}

async function runVersion(version: string): Promise<VersionRun> {
  const dir = join(outDir, version);
  await mkdir(dir, { recursive: true });
  const env = {
    KUBELAB_K8S_VERSION: version,
    KUBELAB_TEST_CONTEXT: 'kubelab',
    KUBELAB_E2E_REQUIRED: '1',
  };
  console.log(`\n== Kubernetes ${version}`);
  const build = await timed('bash', ['scripts/cluster/build.sh'], env);
  if (build.exitCode !== 0) return { version, setupError: `build failed: ${build.tail}` };
  await timed('bash', ['scripts/cluster/down.sh'], env);
  const up = await timed('bash', ['scripts/cluster/up.sh'], env);
  const base = { version, buildSeconds: build.seconds, upSeconds: up.seconds };
  if (up.exitCode !== 0) return { ...base, setupError: `cluster up failed: ${up.tail}` };
  try {
    const verifyFile = join(dir, 'verify.json');
    const since = Date.now();
    const verify = await timed(
      'node',
      [
        'bin/kubelab.js',
        'verify',
        '--all',
        '--context',
        'kubelab',
        '--report',
        'json',
        '--out',
        verifyFile,
      ],
      env,
    );
    const report = JSON.parse(
      await readFile(verifyFile, 'utf8').catch(() => 'null'),
    ) as Report | null;
    // A report that started before this step is an earlier matrix's, left in the same --out.
    if (report === null || !(Date.parse(report.header.startedAt) >= since)) {
      return { ...base, setupError: `verify wrote no report to ${verifyFile}: ${verify.tail}` };
    }
    const smokeRun = values['skip-smoke'] ? undefined : await smoke(env, dir);
    return { ...base, verify: report, verifySeconds: verify.seconds, smoke: smokeRun };
  } finally {
    await timed('bash', ['scripts/cluster/down.sh'], env);
  }
}

const runs: VersionRun[] = [];
for (const version of versions) runs.push(await runVersion(version));
await mkdir(outDir, { recursive: true });
const markdown = matrixMarkdown(runs);
await writeFile(join(outDir, 'compatibility.md'), markdown);
const report = matrixReport(runs, new Date().toISOString());
await writeFile(
  join(outDir, 'compatibility.xml'),
  writerFor('junit').render(report, { audience: 'instructor', color: false }),
);
console.log(`\n${markdown}\nwritten: ${join(outDir, 'compatibility.md')}, compatibility.xml`);
process.exitCode = report.status === 'passed' ? 0 : 1;
