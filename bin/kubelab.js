#!/usr/bin/env node
// A development checkout (src/ present) runs the TypeScript sources through tsx, so a stale dist/
// left by `npm pack` or `npm run build` never hides an edit. An installed package ships no src/
// and no tsx: it runs the compiled dist/.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const sources = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));
const compiled = fileURLToPath(new URL('../dist/src/cli/main.js', import.meta.url));
if (existsSync(sources)) {
  const { tsImport } = await import('tsx/esm/api');
  await tsImport('../src/cli/main.ts', import.meta.url);
} else if (existsSync(compiled)) {
  await import(pathToFileURL(compiled).href);
} else {
  process.stderr.write(
    `kubelab: neither ${sources} nor ${compiled} exists; reinstall kubelab (npm i -g kubelab)\n`,
  );
  process.exitCode = 2;
}
