/**
 * Startup benchmark: `npm run bench:startup -- [--runs 9]`. Runs the compiled CLI (dist/, as an
 * installed kubelab runs; `npm run build` first) as whole processes, the way a shell does, and
 * prints per command line the median, min and max wall time, the median peak RSS (from GNU time,
 * when /usr/bin/time exists) and the ratio of the median to the median of `node -e ''` measured
 * in the same run, interleaved run by run so that a busy machine slows both alike. Figures are
 * printed, never asserted (test/unit/cli/startup-imports.test.ts asserts what is loaded).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '9' } } });
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) {
  process.stderr.write(`--runs: expected a whole number ≥ 1, got ${values.runs}\n`);
  process.exit(2);
}
const main = fileURLToPath(new URL('../dist/src/cli/main.js', import.meta.url));
if (!existsSync(main)) {
  process.stderr.write(`${main} is missing: run \`npm run build\` first\n`);
  process.exit(2);
}
const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/** The command lines measured: a label and node's arguments. */
const CASES: readonly { readonly label: string; readonly args: readonly string[] }[] = [
  { label: "node -e ''", args: ['-e', ''] },
  { label: 'kubelab --help', args: [main, '--help'] },
  { label: 'kubelab --version', args: [main, '--version'] },
  { label: 'kubelab list', args: [main, 'list'] },
  { label: 'kubelab validate', args: [main, 'validate'] },
  { label: 'kubelab completion bash', args: [main, 'completion', 'bash'] },
  {
    label: 'TAB: kubelab ch<TAB>',
    args: [main, '--get-yargs-completions', 'kubelab', 'ch'],
  },
  {
    label: 'TAB: kubelab check pr<TAB>',
    args: [main, '--get-yargs-completions', 'kubelab', 'check', 'pr'],
  },
];

interface Sample {
  readonly seconds: number;
  readonly rssMiB: number | undefined;
}

function measure(args: readonly string[]): Sample {
  const [command, argv] =
    gnuTime === undefined
      ? [process.execPath, [...args]]
      : [gnuTime, ['-f', '%M', process.execPath, ...args]];
  const started = performance.now();
  const result = spawnSync(command, argv, { encoding: 'utf8', env: { ...process.env } });
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0) {
    throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  }
  const kib = gnuTime === undefined ? NaN : Number(result.stderr.trim().split('\n').pop());
  return { seconds, rssMiB: Number.isFinite(kib) ? kib / 1024 : undefined };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

const samples = CASES.map((): Sample[] => []);
measure(CASES[1]?.args ?? []); // one warm-up: the file cache, not kubelab, is cold the first time
for (let run = 0; run < runs; run += 1) {
  CASES.forEach((entry, i) => samples[i]?.push(measure(entry.args)));
}

const baseline = median((samples[0] ?? []).map((s) => s.seconds));
const rows = CASES.map((entry, i) => {
  const times = (samples[i] ?? []).map((s) => s.seconds);
  const rss = (samples[i] ?? []).flatMap((s) => (s.rssMiB === undefined ? [] : [s.rssMiB]));
  return [
    entry.label,
    median(times).toFixed(3),
    Math.min(...times).toFixed(3),
    Math.max(...times).toFixed(3),
    rss.length === 0 ? '-' : median(rss).toFixed(0),
    `${(median(times) / baseline).toFixed(1)}×`,
  ];
});
const header = ['command line', 'median s', 'min s', 'max s', 'RSS MiB', "× node -e ''"];
const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
const line = (cells: readonly string[]): string =>
  cells
    .map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0)))
    .join('  ');
process.stdout.write(
  `startup, ${runs} runs each, interleaved; node ${process.version}; compiled ${main}\n` +
    `${[line(header), ...rows.map(line)].join('\n')}\n`,
);
