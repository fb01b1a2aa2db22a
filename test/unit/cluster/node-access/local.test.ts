import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { localNodeAccess } from '../../../../src/cluster/node-access/local.js';
import {
  checkRemovableTree,
  NodePathError,
  shellQuote,
} from '../../../../src/cluster/node-access/paths.js';

describe('local node access', function () {
  it('writes, reads, lists, moves and removes files by absolute path', async function () {
    const dir = await mkdtemp(join(tmpdir(), 'kubelab-node-'));
    const node = localNodeAccess('here');
    await node.writeFile(join(dir, 'manifests', 'web.yaml'), 'kind: Pod\n');
    expect(await node.readFile(join(dir, 'manifests', 'web.yaml'))).to.equal('kind: Pod\n');
    expect(await node.list(join(dir, 'manifests'))).to.deep.equal(['web.yaml']);
    await node.move(join(dir, 'manifests', 'web.yaml'), join(dir, 'web.yaml.off'));
    expect(await node.exists(join(dir, 'manifests', 'web.yaml'))).to.equal(false);
    await node.remove(join(dir, 'web.yaml.off'));
    expect(await node.readFile(join(dir, 'web.yaml.off'))).to.equal(undefined);
    expect(await node.list(join(dir, 'absent'))).to.deep.equal([]);
  });

  it('refuses relative paths and paths with ..', async function () {
    const node = localNodeAccess('here');
    for (const path of ['etc/passwd', '/etc/kubernetes/../shadow']) {
      const error = await node.readFile(path).catch((e: unknown) => e);
      expect(error).to.be.instanceOf(NodePathError);
    }
  });

  it('deletes a directory tree only under /var/lib/kubelab/volumes/<student>/<lab>, refusing anything else before touching it', async function () {
    const dir = await mkdtemp(join(tmpdir(), 'kubelab-node-'));
    const node = localNodeAccess('here');
    await node.writeFile(join(dir, 'keep.txt'), 'x');
    for (const path of [
      dir,
      '/',
      '/var/lib/kubelab',
      '/var/lib/kubelab/volumes',
      '/var/lib/kubelab/volumes/alice',
      '/var/lib/kubelab/volumes/alice/../../../etc',
      '/var/lib/kubelab/volumesx/alice/pv-pvc',
    ]) {
      const error = await node.removeTree(path).catch((e: unknown) => e);
      expect(error, path).to.be.instanceOf(NodePathError);
    }
    expect(await node.exists(join(dir, 'keep.txt'))).to.equal(true);
    expect(checkRemovableTree('/var/lib/kubelab/volumes/alice/pv-pvc/')).to.equal(
      '/var/lib/kubelab/volumes/alice/pv-pvc/',
    );
    expect(checkRemovableTree('/var/lib/kubelab/volumes//alice/pv-pvc/data')).to.equal(
      '/var/lib/kubelab/volumes/alice/pv-pvc/data',
    );
  });

  it('quotes arguments for a remote shell', function () {
    expect(shellQuote('/etc/kubernetes/manifests')).to.equal('/etc/kubernetes/manifests');
    expect(shellQuote("it's; rm -rf /")).to.equal(`'it'\\''s; rm -rf /'`);
  });
});
