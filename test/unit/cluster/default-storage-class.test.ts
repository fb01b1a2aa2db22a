import { expect } from 'chai';
import type { KubeObject } from '../../../src/cluster/cluster.js';
import { defaultClasses } from '../../../src/cluster/default-storage-class.js';

const storageClass = (name: string, annotations: Record<string, string> = {}): KubeObject => ({
  apiVersion: 'storage.k8s.io/v1',
  kind: 'StorageClass',
  metadata: { name, annotations },
});

const names = (classes: readonly KubeObject[]): string[] =>
  classes.map((c) => c.metadata.name ?? '');

describe("the cluster's default StorageClasses", function () {
  it('counts a class marked "true" under the GA or the beta key, sorted by name', function () {
    const classes = [
      storageClass('standard', { 'storageclass.kubernetes.io/is-default-class': 'true' }),
      storageClass('legacy', { 'storageclass.beta.kubernetes.io/is-default-class': 'true' }),
      storageClass('fast'),
    ];
    expect(names(defaultClasses(classes))).to.deep.equal(['legacy', 'standard']);
  });

  it('leaves out a class marked "false" and the excluded one', function () {
    const classes = [
      storageClass('off', { 'storageclass.kubernetes.io/is-default-class': 'false' }),
      storageClass('mine', { 'storageclass.kubernetes.io/is-default-class': 'true' }),
    ];
    expect(names(defaultClasses(classes))).to.deep.equal(['mine']);
    expect(defaultClasses(classes, 'mine')).to.deep.equal([]);
  });
});
