import { expect } from 'chai';
import type { KubeObject } from '../../../src/cluster/cluster.js';
import { matcherFor } from '../../../src/cluster/watch/selector-match.js';

function pod(name: string, namespace: string, labels: Record<string, string> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace, labels } };
}

function matches(ref: Record<string, string>, object: KubeObject, namespaced = true): boolean {
  const matcher = matcherFor({ apiVersion: 'v1', kind: 'Pod', ...ref });
  if (matcher === undefined) throw new Error(`not evaluable: ${JSON.stringify(ref)}`);
  return matcher({ namespaced })(object);
}

describe('matcherFor', function () {
  it('keeps objects of the ref namespace only, unless the kind has no namespaces', function () {
    expect(matches({ namespace: 'a' }, pod('web', 'a'))).to.equal(true);
    expect(matches({ namespace: 'a' }, pod('web', 'b'))).to.equal(false);
    expect(matches({}, pod('web', 'b'))).to.equal(true);
    const pv: KubeObject = { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'x' } };
    expect(matches({ namespace: 'a' }, pv, false)).to.equal(true);
  });

  it('evaluates equality, inequality, existence and set requirements as the API server does', function () {
    const web = pod('web-0', 'a', { app: 'web', tier: 'front', 'example.com/role': 'db' });
    const cases: [string, boolean][] = [
      ['app=web', true],
      ['app==web', true],
      ['app=api', false],
      ['app!=api', true],
      ['missing!=x', true],
      ['app', true],
      ['!app', false],
      ['!missing', true],
      ['app in (api, web)', true],
      ['app in (api)', false],
      ['missing in (x)', false],
      ['app notin (api)', true],
      ['app notin (web)', false],
      ['missing notin (x)', true],
      ['example.com/role=db', true],
      ['app=web,tier=front', true],
      ['app=web,tier in (back)', false],
      ['app in (web,api),tier', true],
      ['', true],
    ];
    for (const [selector, expected] of cases)
      expect(matches({ labelSelector: selector }, web), selector).to.equal(expected);
  });

  it('compares numeric labels with > and <', function () {
    const object = pod('x', 'a', { rank: '5', name: 'five' });
    expect(matches({ labelSelector: 'rank>3' }, object)).to.equal(true);
    expect(matches({ labelSelector: 'rank<3' }, object)).to.equal(false);
    expect(matches({ labelSelector: 'name>3' }, object)).to.equal(false);
  });

  it('evaluates metadata.name and metadata.namespace field selectors', function () {
    expect(matches({ fieldSelector: 'metadata.name=web-0' }, pod('web-0', 'a'))).to.equal(true);
    expect(matches({ fieldSelector: 'metadata.name=web-1' }, pod('web-0', 'a'))).to.equal(false);
    expect(matches({ fieldSelector: 'metadata.name!=web-1' }, pod('web-0', 'a'))).to.equal(true);
    expect(
      matches({ fieldSelector: 'metadata.name==web-0,metadata.namespace=b' }, pod('web-0', 'a')),
    ).to.equal(false);
  });

  it('gives up on selectors it cannot evaluate exactly, so the API server is asked instead', function () {
    for (const ref of [
      { fieldSelector: 'spec.nodeName=node-1' },
      { fieldSelector: 'reason=Preempted' },
      { labelSelector: 'app=' + 'x'.repeat(3) + ' extra' },
      { labelSelector: 'app in web' },
      { labelSelector: 'app in (we b)' },
      { labelSelector: '=web' },
    ])
      expect(matcherFor({ apiVersion: 'v1', kind: 'Pod', ...ref }), JSON.stringify(ref)).to.equal(
        undefined,
      );
  });
});
