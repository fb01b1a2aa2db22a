import { expect } from 'chai';
import { applyPolicy } from '../../../src/runner/apply-policy.js';
import { BATCH_HOSTPATH_ROOT } from '../../../src/runner/pv-host-path.js';
import { scopeFor } from '../../../src/model/scope.js';

const pv = (spec: Record<string, unknown>) => ({
  source: 'pv-pvc/pv.yaml:1',
  object: { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv-demo' }, spec },
});

const decide = (spec: Record<string, unknown>, hostPathRoot?: string) =>
  applyPolicy([pv(spec)], {
    scope: scopeFor('pv-pvc', 'alice'),
    allowedClusterScoped: ['PersistentVolume'],
    hostPathRoot,
  })[0];

describe('PersistentVolume node paths in batch grading', function () {
  it('moves a hostPath to the PV’s own directory under the per-student, per-lab directory', function () {
    const decision = decide({ hostPath: { path: '/data/demo' } }, BATCH_HOSTPATH_ROOT);
    expect(decision?.action).to.equal('send');
    const spec = decision?.action === 'send' ? decision.object['spec'] : undefined;
    expect(spec).to.deep.include({
      hostPath: {
        path: '/var/lib/kubelab/volumes/alice/pv-pvc/pv-demo',
        type: 'DirectoryOrCreate',
      },
    });
  });

  it('marks the confined PV, so the admission policy holds it to its directory', function () {
    const decision = decide({ hostPath: { path: '/data/demo' } }, BATCH_HOSTPATH_ROOT);
    const labels = decision?.action === 'send' ? decision.object.metadata.labels : undefined;
    expect(labels).to.include({ 'kubelab.dev/confined': 'true', 'kubelab.dev/user': 'alice' });
    const solo = decide({ hostPath: { path: '/data/demo' } });
    const soloLabels = solo?.action === 'send' ? solo.object.metadata.labels : undefined;
    expect(soloLabels).to.not.have.property('kubelab.dev/confined');
  });

  it('gives hostPath / a private empty directory instead of the node root', function () {
    const decision = decide({ hostPath: { path: '/' } }, BATCH_HOSTPATH_ROOT);
    const spec = decision?.action === 'send' ? decision.object['spec'] : undefined;
    expect(spec).to.deep.include({
      hostPath: {
        path: '/var/lib/kubelab/volumes/alice/pv-pvc/pv-demo',
        type: 'DirectoryOrCreate',
      },
    });
  });

  it('never nests two PVs, whatever paths they were written with (no symlink can be on the way)', function () {
    const make = (name: string, path: string) => ({
      source: `pv-pvc/${name}.yaml:1`,
      object: {
        apiVersion: 'v1',
        kind: 'PersistentVolume',
        metadata: { name },
        spec: { hostPath: { path, type: 'Directory' } },
      },
    });
    const decisions = applyPolicy([make('pv-a', '/data'), make('pv-b', '/data/l/etc')], {
      scope: scopeFor('pv-pvc', 'alice'),
      allowedClusterScoped: ['PersistentVolume'],
      hostPathRoot: BATCH_HOSTPATH_ROOT,
    });
    const paths = decisions.map((d) => {
      const spec =
        d.action === 'send' ? (d.object['spec'] as { hostPath: { path: string } }) : undefined;
      return spec?.hostPath.path ?? '';
    });
    expect(paths).to.deep.equal([
      '/var/lib/kubelab/volumes/alice/pv-pvc/pv-a',
      '/var/lib/kubelab/volumes/alice/pv-pvc/pv-b',
    ]);
    const [a, b] = paths as [string, string];
    expect(b.startsWith(`${a}/`) || a.startsWith(`${b}/`)).to.equal(false);
  });

  it('refuses hostPath types that are not directories', function () {
    const decision = decide(
      { hostPath: { path: '/data/f', type: 'FileOrCreate' } },
      BATCH_HOSTPATH_ROOT,
    );
    expect(decision?.action === 'refuse' ? decision.reason : '').to.match(
      /hostPath\.type "FileOrCreate" is not a directory/,
    );
  });

  it('refuses ".." in a node path and volume sources that are not node directories', function () {
    expect(decide({ hostPath: { path: '/data/../etc' } }, BATCH_HOSTPATH_ROOT)).to.deep.include({
      action: 'refuse',
    });
    const nfs = decide({ nfs: { server: 'x', path: '/' } }, BATCH_HOSTPATH_ROOT);
    expect(nfs?.action === 'refuse' ? nfs.reason : '').to.match(/uses nfs/);
  });

  it('leaves a student on their own cluster with the path they wrote', function () {
    const decision = decide({ hostPath: { path: '/data/demo' } });
    const spec = decision?.action === 'send' ? decision.object['spec'] : undefined;
    expect(spec).to.deep.include({ hostPath: { path: '/data/demo' } });
  });
});
