import { expect } from 'chai';
import type { KubeObject } from '../../../src/cluster/cluster.js';
import { provisionedBy } from '../../../src/cluster/cleanup/provisioned-volumes.js';

const volume = (annotations: Record<string, string>): KubeObject => ({
  apiVersion: 'v1',
  kind: 'PersistentVolume',
  metadata: { name: 'pvc-1234', annotations },
});

describe('the provisioner of a PersistentVolume', function () {
  it('is read from either provisioned-by annotation', function () {
    expect(
      provisionedBy(volume({ 'pv.kubernetes.io/provisioned-by': 'rancher.io/local-path' })),
    ).to.equal('rancher.io/local-path');
    expect(
      provisionedBy(volume({ 'volume.kubernetes.io/provisioned-by': 'k8s.io/minikube-hostpath' })),
    ).to.equal('k8s.io/minikube-hostpath');
  });

  it('is undefined for a volume written by hand', function () {
    expect(provisionedBy(volume({ 'kubelab.dev/lab': 'pv-pvc' }))).to.equal(undefined);
  });
});
