import { expect } from 'chai';
import type { KubeObject } from '../../../src/cluster/cluster.js';
import { adaptProvisioner, defaultProvisioner } from '../../../src/cluster/cluster-provisioner.js';

const storageClass = (
  name: string,
  provisioner: string,
  annotations: Record<string, string> = {},
): KubeObject =>
  ({
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name, annotations },
    provisioner,
  }) as KubeObject;

const solutionClass = storageClass('local-dynamic', 'rancher.io/local-path', {
  'kubelab.dev/provisioner': 'cluster-default',
});

describe('a reference solution adapted to the cluster provisioner', function () {
  it("finds the default class's provisioner, as on a default minikube", function () {
    const classes = [
      storageClass('fast', 'example.com/fast'),
      storageClass('standard', 'k8s.io/minikube-hostpath', {
        'storageclass.kubernetes.io/is-default-class': 'true',
      }),
    ];
    expect(defaultProvisioner(classes)).to.equal('k8s.io/minikube-hostpath');
    expect(defaultProvisioner([storageClass('fast', 'example.com/fast')])).to.equal(undefined);
  });

  it('gives an annotated StorageClass the cluster default provisioner', function () {
    const adapted = adaptProvisioner(solutionClass, 'k8s.io/minikube-hostpath') as KubeObject & {
      provisioner: string;
    };
    expect(adapted.provisioner).to.equal('k8s.io/minikube-hostpath');
    expect((solutionClass as KubeObject & { provisioner: string }).provisioner).to.equal(
      'rancher.io/local-path',
    );
  });

  it('leaves a class without the annotation, and every other kind, as written', function () {
    const plain = storageClass('local-dynamic', 'rancher.io/local-path');
    expect(adaptProvisioner(plain, 'k8s.io/minikube-hostpath')).to.equal(plain);
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' } } as KubeObject;
    expect(adaptProvisioner(pod, 'k8s.io/minikube-hostpath')).to.equal(pod);
  });

  it('refuses an annotated class on a cluster with no default class, naming it', function () {
    expect(() => adaptProvisioner(solutionClass, undefined)).to.throw(
      /StorageClass local-dynamic asks for the cluster's default provisioner.*no default StorageClass/,
    );
  });
});
