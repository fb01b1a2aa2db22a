import { expect } from 'chai';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findImportCycles } from '../../../scripts/lint/import-cycles.js';

/** The repository root. */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

describe('the import cycle check', function () {
  // Parsing every file of src/ and checks/ takes a few seconds on a busy machine.
  this.timeout(60_000);

  it('finds no import cycle among src/ and checks/', () => {
    const cycles = findImportCycles(ROOT, ['src', 'checks']);
    expect(
      cycles,
      'expected no import cycle; break each one listed by moving the piece both files need into ' +
        'a module below them on the layer ladder (README, "Source map")',
    ).to.deep.equal([]);
  });

  describe('on a fixture tree', () => {
    let dir: string;
    const write = (path: string, text: string): void => {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    };
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'kubelab-cycles-'));
    });
    afterEach(() => {
      rmSync(dir, { recursive: true, force: true });
    });

    it('reports a cycle through three files and two folders', () => {
      write('src/a/one.ts', "import { two } from '../b/two.js';\nexport const one = two;\n");
      write('src/b/two.ts', "export { three as two } from './three.js';\n");
      write('src/b/three.ts', "import { one } from '../a/one.js';\nexport const three = one;\n");
      write('src/b/free.ts', "import { one } from '../a/one.js';\nexport const free = one;\n");
      expect(findImportCycles(dir, ['src'])).to.deep.equal([
        ['src/a/one.ts', 'src/b/three.ts', 'src/b/two.ts'],
      ]);
    });

    it('reports a cycle between src/ and checks/ through a dynamic import', () => {
      write('src/engine.ts', "export const load = () => import('../checks/kind.js');\n");
      write(
        'checks/kind.ts',
        "import { load } from '../src/engine.js';\nexport const kind = load;\n",
      );
      expect(findImportCycles(dir, ['src', 'checks'])).to.deep.equal([
        ['checks/kind.ts', 'src/engine.ts'],
      ]);
    });

    it('ignores a cycle made only of type-only imports', () => {
      write('src/a.ts', "import type { B } from './b.js';\nexport type A = { b?: B };\n");
      write('src/b.ts', "import { type A } from './a.js';\nexport type B = { a?: A };\n");
      expect(findImportCycles(dir, ['src'])).to.deep.equal([]);
    });
  });
});
