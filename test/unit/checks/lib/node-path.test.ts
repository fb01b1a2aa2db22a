import { expect } from 'chai';
import {
  DEFAULT_HOSTPATH_ROOTS,
  nodeFile,
  resolveNodePath,
} from '../../../../checks/lib/node/node-path.js';

describe('resolveNodePath', function () {
  it('accepts a directory inside an allowed root and normalises it', function () {
    expect(resolveNodePath('/data//demo/', DEFAULT_HOSTPATH_ROOTS)).to.deep.equal({
      ok: true,
      path: '/data/demo',
    });
  });

  it('refuses a root itself, so the grader never writes into a shared directory', function () {
    expect(resolveNodePath('/data', DEFAULT_HOSTPATH_ROOTS).ok).to.equal(false);
  });

  it('refuses paths with "..", even when they would land inside a root', function () {
    const verdict = resolveNodePath('/data/../etc/kubernetes', DEFAULT_HOSTPATH_ROOTS);
    expect(verdict).to.deep.include({ ok: false });
    expect(verdict.ok ? '' : verdict.reason).to.match(/contains "\.\."/);
  });

  it('refuses the cluster state directory next to the allowed volumes directory', function () {
    const verdict = resolveNodePath('/var/lib/kubelab/etcd', DEFAULT_HOSTPATH_ROOTS);
    expect(verdict.ok ? '' : verdict.reason).to.match(
      /outside the directories the grader may read/,
    );
  });

  it('refuses a prefix that only looks like a root (/database is not under /data)', function () {
    expect(resolveNodePath('/database/x', DEFAULT_HOSTPATH_ROOTS).ok).to.equal(false);
  });

  it('refuses relative paths and NUL bytes', function () {
    expect(resolveNodePath('data/demo', DEFAULT_HOSTPATH_ROOTS).ok).to.equal(false);
    expect(resolveNodePath('/data/de\0mo', DEFAULT_HOSTPATH_ROOTS).ok).to.equal(false);
  });

  it('joins only plain file names to a checked directory', function () {
    expect(nodeFile('/data/demo', '.kubelab-marker-abc')).to.equal(
      '/data/demo/.kubelab-marker-abc',
    );
    expect(() => nodeFile('/data/demo', '../x')).to.throw(/invalid marker file name/);
  });
});
