/**
 * `npm run build` (and `prepack`): bundles the CLI and the check kinds into dist/ with esbuild, after
 * `tsc --noEmit` has type-checked them. Why a bundle: Node resolves, reads and compiles each ES
 * module file on its own, and `kubelab list` loaded ~410 of them (zod alone ~230, yargs ~60); a
 * few bundled files load faster. The layout is the one tsc wrote, so the code that finds files
 * next to itself keeps working: dist/src/cli/main.js (bin/kubelab.js runs it), one
 * dist/checks/<kind>.js per check kind (src/runner/registry.ts discovers them by reading that
 * folder), and the code they share in dist/src/chunks/, two levels below dist/ like every file
 * tsc wrote under dist/src/ (registry.ts resolves `../../checks/` from itself). What a command
 * loads on demand (`await import(…)`) stays a chunk of its own, loaded on demand. Then it writes
 * dist/lab-index.json, what `kubelab list` shows of the shipped labs (src/catalogue/lab-index.ts).
 */
import { readdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { buildLabIndex } from '../src/catalogue/build-lab-index.js';
import { LAB_INDEX_PATH } from '../src/catalogue/lab-index.js';
import { defaultLabsDir, packageRoot } from '../src/model/labs-dir.js';

const root = packageRoot();
const outdir = join(root, 'dist');

/** Every checks/<kind>.ts: each becomes dist/checks/<kind>.js (checks/lib/ is shared code). */
async function checkKindEntries(): Promise<string[]> {
  const entries = await readdir(join(root, 'checks'), { withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts'))
    .map((e) => join('checks', e.name))
    .sort();
}

/**
 * string-width, as yargs' help layout uses it: yargs imports string-width 8, whose Unicode-set
 * regular expressions take 50–80 ms to compile when it loads; cliui and wrap-ansi import string-width
 * 7, which runs Intl.Segmenter over every string (~20 ms per copy for `kubelab --help`). The bundle
 * gives all three one string-width 7 (the one cliui depends on) behind a fast path for printable
 * ASCII, whose width is its length in every version; other strings go to string-width 7, loaded
 * then.
 */
const asciiStringWidth: Plugin = {
  name: 'ascii-string-width',
  setup(bundle) {
    const namespace = 'ascii-string-width';
    bundle.onResolve({ filter: /^string-width$/ }, async (args) => {
      if (!/[\\/]node_modules[\\/](yargs|cliui|wrap-ansi)[\\/]/.test(args.importer))
        return undefined;
      const kind = args.kind;
      const yargs = await bundle.resolve('yargs', { kind, resolveDir: root });
      const cliui = await bundle.resolve('cliui', { kind, resolveDir: dirname(yargs.path) });
      const real = await bundle.resolve('string-width', { kind, resolveDir: dirname(cliui.path) });
      if (real.errors.length > 0) return { errors: real.errors };
      return { path: real.path, namespace };
    });
    // require(), not import: the bundle then evaluates string-width 7 (its Intl.Segmenter, its
    // regular expressions: ~20 ms) on the first string that is not printable ASCII, if one comes.
    bundle.onLoad({ filter: /.*/, namespace }, (args) => ({
      contents: [
        'let stringWidth;',
        'export default (text, options) => {',
        '  if (typeof text === "string" && /^[\\x20-\\x7e]*$/.test(text)) return text.length;',
        `  stringWidth ??= require(${JSON.stringify(args.path)}).default;`,
        '  return stringWidth(text, options);',
        '};',
      ].join('\n'),
      resolveDir: dirname(args.path),
    }));
  },
};

await rm(outdir, { recursive: true, force: true });
const result = await build({
  absWorkingDir: root,
  entryPoints: ['src/cli/main.ts', ...(await checkKindEntries())],
  outbase: '.',
  outdir,
  chunkNames: 'src/chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  // The Kubernetes client stays a package of node_modules: it is loaded only by the commands that
  // talk to a cluster, and it is large.
  external: ['@kubernetes/client-node'],
  // Bundled CommonJS packages (yaml, cli-table3) call require() for Node's own modules.
  banner: {
    js: "import { createRequire as kubelabCreateRequire } from 'node:module'; const require = kubelabCreateRequire(import.meta.url);",
  },
  plugins: [asciiStringWidth],
  legalComments: 'none',
  logLevel: 'warning',
});
if (result.errors.length > 0) process.exit(1);

// What `kubelab list` shows of the shipped labs, so that it parses none of them (lab-index.ts).
const index = await buildLabIndex(defaultLabsDir());
await writeFile(join(root, LAB_INDEX_PATH), `${JSON.stringify(index, null, 2)}\n`);
