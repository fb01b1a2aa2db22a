import { expect } from 'chai';
import { applyRank } from '../../../src/cluster/apply.js';
import { resourcesFromList } from '../../../src/cluster/connect/discovery.js';
import {
  encodeSegment,
  parseApiVersion,
  resourcePath,
} from '../../../src/cluster/connect/resource-path.js';

describe('REST path resolution', function () {
  const pods = { group: '', version: 'v1', kind: 'Pod', plural: 'pods', namespaced: true };
  const classes = {
    group: 'storage.k8s.io',
    version: 'v1',
    kind: 'StorageClass',
    plural: 'storageclasses',
    namespaced: false,
  };

  it('splits apiVersion into group and version', function () {
    expect(parseApiVersion('v1')).to.deep.equal({ group: '', version: 'v1' });
    expect(parseApiVersion('apps/v1')).to.deep.equal({ group: 'apps', version: 'v1' });
    expect(() => parseApiVersion('a/b/c')).to.throw(/not of the form/);
  });

  it('builds core, namespaced and cluster-scoped paths', function () {
    expect(resourcePath(pods, { namespace: 'lab', name: 'web-0' })).to.equal(
      '/api/v1/namespaces/lab/pods/web-0',
    );
    expect(resourcePath(pods, {})).to.equal('/api/v1/pods');
    expect(resourcePath(classes, { namespace: 'lab', name: 'fast' })).to.equal(
      '/apis/storage.k8s.io/v1/storageclasses/fast',
    );
  });

  it('refuses names that would change the path', function () {
    expect(() => encodeSegment('../secrets')).to.throw(/not a valid object name/);
    expect(() => encodeSegment('..')).to.throw(/not a valid object name/);
  });

  it('keeps top-level resources from a discovery list and drops subresources', function () {
    const list = {
      resources: [
        { name: 'pods', kind: 'Pod', namespaced: true },
        { name: 'pods/log', kind: 'Pod', namespaced: true },
        { name: 'nodes', kind: 'Node', namespaced: false },
      ],
    };
    expect(
      resourcesFromList({ group: '', version: 'v1' }, list).map((r) => r.plural),
    ).to.deep.equal(['pods', 'nodes']);
  });

  it('applies namespaces first, then CRDs, then cluster-scoped objects, then the rest', function () {
    const kinds = [
      applyRank('Deployment', true),
      applyRank('StorageClass', false),
      applyRank('CustomResourceDefinition', false),
      applyRank('Namespace', false),
    ];
    expect(kinds).to.deep.equal([3, 2, 1, 0]);
  });
});
