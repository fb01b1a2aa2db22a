import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect } from 'chai';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const clusterDir = join(root, 'scripts', 'cluster');

describe('cluster teardown on a host that also runs containers', function () {
  this.timeout(30_000);

  it('finds the processes of an executable in its own mount namespace, not those in a container (a kind node)', async function () {
    // Needs root: unshare, and reading the namespace of every process.
    if (process.getuid?.() !== 0) this.skip();
    const dir = await mkdtemp(join(tmpdir(), 'kubelab-teardown-'));
    try {
      const shim = join(dir, 'containerd-shim-runc-v2');
      await copyFile('/bin/sleep', shim);
      const script = [
        `source '${clusterDir}/lib.sh'; source '${clusterDir}/teardown.sh'`,
        `unshare --mount --propagation private '${shim}' 20 & contained=$!`,
        `'${shim}' 20 & here=$!`,
        'sleep 0.5',
        `pids_of_exe '${shim}' | sed -e "s/^$contained$/CONTAINED/" -e "s/^$here$/HERE/"`,
        'kill $contained $here',
      ].join('\n');
      const { stdout } = await promisify(execFile)('bash', ['-c', script]);
      expect(stdout.trim().split('\n')).to.deep.equal(['HERE']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
