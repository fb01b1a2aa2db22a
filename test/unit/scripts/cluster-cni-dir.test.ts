import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect } from 'chai';

const clusterDir = fileURLToPath(new URL('../../../scripts/cluster', import.meta.url));

describe('cluster up and /etc/cni/net.d, where podman keeps its networks', function () {
  this.timeout(30_000);

  it('keeps its own CNI config in its state directory, and gives back what earlier versions renamed', async function () {
    const dir = await mkdtemp(join(tmpdir(), 'kubelab-cni-'));
    try {
      const files = {
        '10-kubelab.conflist': 'ours, from an earlier version',
        '87-podman-bridge.conflist.kubelab-disabled.kubelab-disabled': 'podman',
        'kind.conflist.kubelab-disabled': 'kind',
        'taken.conflist.kubelab-disabled': 'renamed copy',
        'taken.conflist': 'written again since',
        'other.conflist': 'someone else',
      };
      for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
      const script = [
        `source '${clusterDir}/lib.sh'; source '${clusterDir}/config.sh'`,
        'echo "$CNI_CONF_DIR"',
        `LEGACY_CNI_CONF_DIR='${dir}' restore_legacy_cni_dir`,
      ].join('\n');
      const { stdout, stderr } = await promisify(execFile)('bash', ['-c', script], {
        env: { ...process.env, KUBELAB_STATE: '/var/lib/kubelab-test' },
      });
      expect(stdout.trim()).to.equal('/var/lib/kubelab-test/config/cni');
      expect((await readdir(dir)).sort()).to.deep.equal([
        '87-podman-bridge.conflist',
        'kind.conflist',
        'other.conflist',
        'taken.conflist',
        'taken.conflist.kubelab-disabled',
      ]);
      expect(stderr).to.contain(`left ${dir}/taken.conflist.kubelab-disabled`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
