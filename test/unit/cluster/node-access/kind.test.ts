import { chmod, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { expect } from 'chai';
import { kindNodeAccess } from '../../../../src/cluster/node-access/kind.js';

/**
 * A stand-in `podman` on PATH: records its argv, and for `exec -i <container> <argv…>` runs argv
 * here, as the real engine would in the node container.
 */
async function fakeEngine(name: string): Promise<{ dir: string; calls: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'kubelab-kind-engine-'));
  const calls = join(dir, 'calls.log');
  const script = [
    '#!/bin/sh',
    `printf '%s\\n' "$*" >>'${calls}'`,
    '[ "$1" = exec ] && [ "$2" = -i ] || exit 99',
    'shift 3',
    'exec "$@"',
  ].join('\n');
  await writeFile(join(dir, name), `${script}\n`);
  await chmod(join(dir, name), 0o755);
  return { dir, calls };
}

describe('kind node access', function () {
  const savedPath = process.env['PATH'];
  afterEach(function () {
    process.env['PATH'] = savedPath;
  });

  it('runs node commands through `podman exec -i <container>` when the engine is podman', async function () {
    const { dir, calls } = await fakeEngine('podman');
    process.env['PATH'] = `${dir}${delimiter}${savedPath ?? ''}`;
    const node = kindNodeAccess({
      container: 'kubelab-control-plane',
      nodeName: 'kubelab-control-plane',
      engine: 'podman',
    });
    const file = join(dir, 'manifests', 'web.yaml');
    await node.writeFile(file, 'kind: Pod\n');
    expect(await node.readFile(file)).to.equal('kind: Pod\n');
    expect(node.kind).to.equal('kind');
    const lines = (await readFile(calls, 'utf8')).trim().split('\n');
    expect(lines[0]).to.equal(`exec -i kubelab-control-plane mkdir -p ${join(dir, 'manifests')}`);
    expect(lines.every((line) => line.startsWith('exec -i kubelab-control-plane '))).to.equal(true);
  });
});
