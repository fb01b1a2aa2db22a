import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { defineCheck, type CheckKind } from '../../../src/check-api/check-kind.js';

/** A labs directory in a temporary folder; `remove()` deletes it. */
export interface TempLabs {
  readonly dir: string;
  /** Writes labs/<id>/lab.yaml and, unless left out, README.md, README.fr.md, starter/, solution/. */
  add(id: string, yaml: string, options?: { without?: readonly string[] }): Promise<string>;
  remove(): Promise<void>;
}

export async function tempLabs(): Promise<TempLabs> {
  const dir = await mkdtemp(join(tmpdir(), 'kubelab-labs-'));
  return {
    dir,
    async add(id, yaml, options = {}) {
      const labDir = join(dir, id);
      await mkdir(labDir, { recursive: true });
      await writeFile(join(labDir, 'lab.yaml'), yaml);
      const without = new Set(options.without ?? []);
      for (const file of ['README.md', 'README.fr.md']) {
        if (!without.has(file)) await writeFile(join(labDir, file), `# ${id}\n`);
      }
      for (const sub of ['starter', 'solution'])
        if (!without.has(sub)) await mkdir(join(labDir, sub));
      return labDir;
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

const unused = (): never => {
  throw new Error('not run in unit tests');
};

/** Two check kinds with real params schemas, standing in for the registry in pure tests. */
export const testKinds: ReadonlyMap<string, CheckKind> = new Map<string, CheckKind>([
  [
    'workload-ready',
    defineCheck({
      kind: 'workload-ready',
      description: 'A workload is Ready.',
      params: z.strictObject({
        kind: z.enum(['Deployment', 'StatefulSet']),
        name: z.string(),
        replicas: z.number().int().default(1),
      }),
      defaultTimeoutMs: 60_000,
      run: unused,
    }),
  ],
  [
    'static-pod-mirror',
    defineCheck({
      kind: 'static-pod-mirror',
      description: 'A static pod has a mirror pod.',
      params: z.strictObject({ name: z.string() }),
      defaultTimeoutMs: 60_000,
      needsNodeAccess: true,
      run: unused,
    }),
  ],
]);

/** A valid lab.yaml for lab `id`, line by line, so tests can point at lines. */
export function validLabYaml(id = 'probes'): string {
  return [
    `id: ${id}`, // 1
    'title: Probes', // 2
    'summary: Liveness and readiness probes.', // 3
    'timeouts:', // 4
    '  default: 90s', // 5
    'checks:', // 6
    '  - id: web-ready', // 7
    '    title: Deployment web is Ready', // 8
    '    kind: workload-ready', // 9
    '    points: 40', // 10
    '    hint: Apply the starter first.', // 11
    '    params:', // 12
    '      kind: Deployment', // 13
    '      name: web', // 14
    '  - id: web-again', // 15
    '    title: Still ready', // 16
    '    kind: workload-ready', // 17
    '    points: 60', // 18
    '    hint: Keep it running.', // 19
    '    needs: [web-ready]', // 20
    '    params: { kind: Deployment, name: web }', // 21
    'verify:', // 22
    '  starterFails: [web-again]', // 23
    '',
  ].join('\n');
}
