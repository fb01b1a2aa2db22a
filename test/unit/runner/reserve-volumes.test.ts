import { expect } from 'chai';
import type { KubeObject } from '../../../src/cluster/cluster.js';
import { scopeFor } from '../../../src/model/scope.js';
import { applyPolicy } from '../../../src/runner/apply-policy.js';
import { selectorMatches } from '../../../src/runner/reserve-volumes.js';

const scope = scopeFor('pv-pvc', 'alice');
const volume = (name: string, spec: object = {}, labels?: Record<string, string>) => ({
  apiVersion: 'v1',
  kind: 'PersistentVolume',
  metadata: { name, ...(labels === undefined ? {} : { labels }) },
  spec: {
    capacity: { storage: '1Gi' },
    accessModes: ['ReadWriteOnce'],
    storageClassName: '',
    hostPath: { path: `/data/${name}` },
    ...spec,
  },
});
const claim = (name: string, spec: object = {}) => ({
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: { name },
  spec: {
    storageClassName: '',
    accessModes: ['ReadWriteOnce'],
    resources: { requests: { storage: '1Gi' } },
    ...spec,
  },
});

/** The claim each sent PersistentVolume is reserved for, by the name it was sent under. */
function reservations(objects: object[], options = { scope }): Record<string, string | null> {
  const decisions = applyPolicy(
    objects.map((object, i) => ({ source: `s.yaml:${i + 1}`, object: object as KubeObject })),
    {
      ...options,
      allowedClusterScoped: ['PersistentVolume'],
      hostPathRoot: '/var/lib/kubelab/volumes',
    },
  );
  const out: Record<string, string | null> = {};
  for (const d of decisions) {
    if (d.action !== 'send' || d.object.kind !== 'PersistentVolume') continue;
    const ref = (d.object['spec'] as { claimRef?: { namespace: string; name: string } }).claimRef;
    out[d.object.metadata.name ?? ''] = ref === undefined ? null : `${ref.namespace}/${ref.name}`;
  }
  return out;
}

describe('reserveStaticVolumes: a graded scope’s volumes of no class are kept for its own claims', () => {
  const ns = scope.namespace;

  it('pre-binds pv-demo to pvc-demo, so no claim from outside the scope can take it', () => {
    expect(reservations([volume('pv-demo'), claim('pvc-demo')])).to.deep.equal({
      'alice--pv-demo': `${ns}/pvc-demo`,
    });
  });

  it('gives each claim the smallest volume that fits, as the PV controller does', () => {
    const big = volume('big', { capacity: { storage: '5Gi' } });
    const small = volume('small', { capacity: { storage: '1Gi' } });
    const tiny = volume('tiny', { capacity: { storage: '500Mi' } });
    expect(reservations([big, small, tiny, claim('a'), claim('b')])).to.deep.equal({
      'alice--big': `${ns}/b`,
      'alice--small': `${ns}/a`,
      'alice--tiny': null,
    });
  });

  it('reserves nothing the controller would refuse: access modes, volume mode, size, selector', () => {
    const rwx = claim('rwx', { accessModes: ['ReadWriteMany'] });
    const block = claim('block', { volumeMode: 'Block' });
    const large = claim('large', { resources: { requests: { storage: '2Gi' } } });
    const picky = claim('picky', { selector: { matchLabels: { tier: 'db' } } });
    expect(reservations([volume('pv-demo'), rwx, block, large, picky])).to.deep.equal({
      'alice--pv-demo': null,
    });
    const labelled = volume('pv-db', {}, { tier: 'db' });
    expect(reservations([labelled, picky])).to.deep.equal({ 'alice--pv-db': `${ns}/picky` });
  });

  it('leaves a claim of a class alone (it is provisioned), and a volume of a class', () => {
    const defaulted = claim('pvc-demo', { storageClassName: undefined });
    const classed = claim('pvc-fast', { storageClassName: 'standard' });
    expect(reservations([volume('pv-demo'), defaulted, classed])).to.deep.equal({
      'alice--pv-demo': null,
    });
    const fast = volume('pv-fast', { storageClassName: 'standard' });
    expect(reservations([fast, claim('pvc-demo')])).to.deep.equal({ 'alice--pv-fast': null });
  });

  it('reserves the volume a claim names, and keeps a claimRef the student wrote', () => {
    const named = claim('pvc-named', { volumeName: 'pv-b' });
    expect(reservations([volume('pv-a'), volume('pv-b'), named, claim('pvc-any')])).to.deep.equal({
      'alice--pv-a': `${ns}/pvc-any`,
      'alice--pv-b': `${ns}/pvc-named`,
    });
    const written = volume('pv-a', { claimRef: { name: 'mine' } });
    expect(reservations([written, claim('pvc-any')])).to.deep.equal({
      'alice--pv-a': `${ns}/mine`,
    });
  });

  it('changes nothing for a student on their own cluster', () => {
    expect(
      reservations([volume('pv-demo'), claim('pvc-demo')], { scope: scopeFor('pv-pvc') }),
    ).to.deep.equal({ 'pv-demo': null });
  });
});

describe('selectorMatches', () => {
  const labels = { tier: 'db', zone: 'a' };
  it('ANDs matchLabels and every matchExpressions operator', () => {
    expect(selectorMatches(undefined, labels)).to.equal(true);
    expect(selectorMatches({ matchLabels: { tier: 'db' } }, labels)).to.equal(true);
    expect(selectorMatches({ matchLabels: { tier: 'web' } }, labels)).to.equal(false);
    const expr = (operator: string, values?: string[]) => ({
      matchExpressions: [{ key: 'zone', operator, ...(values === undefined ? {} : { values }) }],
    });
    expect(selectorMatches(expr('In', ['a', 'b']), labels)).to.equal(true);
    expect(selectorMatches(expr('In', ['b']), labels)).to.equal(false);
    expect(selectorMatches(expr('NotIn', ['b']), labels)).to.equal(true);
    expect(selectorMatches(expr('NotIn', ['a']), labels)).to.equal(false);
    expect(selectorMatches(expr('Exists'), labels)).to.equal(true);
    expect(selectorMatches(expr('DoesNotExist'), labels)).to.equal(false);
    expect(selectorMatches(expr('Sometimes'), labels)).to.equal(false);
  });
});
