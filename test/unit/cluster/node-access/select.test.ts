import { expect } from 'chai';
import {
  chooseNodeAccess,
  type NodeAccessFacts,
} from '../../../../src/cluster/node-access/select.js';

const node = (name: string, labels: Record<string, string> = {}, ip = '10.0.0.5') => ({
  name,
  labels,
  internalIPs: [ip],
});

function facts(overrides: Partial<NodeAccessFacts>): NodeAccessFacts {
  return {
    context: 'prod',
    nodes: [node('n1')],
    localAddresses: ['127.0.0.1'],
    kubelabStateDirExists: false,
    ...overrides,
  };
}

describe('choosing a node access adapter', function () {
  it('uses minikube ssh for the minikube context', function () {
    expect(
      chooseNodeAccess(facts({ context: 'minikube', nodes: [node('minikube')] })),
    ).to.deep.equal({
      kind: 'minikube',
      nodeName: 'minikube',
      profile: 'minikube',
    });
  });

  it('finds the minikube profile from the node label under another context name', function () {
    const choice = chooseNodeAccess(
      facts({ context: 'course', nodes: [node('course', { 'minikube.k8s.io/name': 'course' })] }),
    );
    expect(choice).to.deep.equal({ kind: 'minikube', nodeName: 'course', profile: 'course' });
  });

  it('uses docker exec into <name>-control-plane for kind-* contexts', function () {
    const choice = chooseNodeAccess(
      facts({ context: 'kind-lab', nodes: [node('lab-control-plane')] }),
    );
    expect(choice).to.deep.equal({
      kind: 'kind',
      nodeName: 'lab-control-plane',
      container: 'lab-control-plane',
    });
  });

  it('uses local files when the kubelab state dir exists and the node IP is a local address', function () {
    const choice = chooseNodeAccess(
      facts({
        context: 'kubelab',
        nodes: [node('box', {}, '192.168.1.9')],
        localAddresses: ['192.168.1.9'],
        kubelabStateDirExists: true,
      }),
    );
    expect(choice).to.deep.equal({ kind: 'local', nodeName: 'box' });
  });

  it('falls back to a privileged pod on the control-plane node otherwise', function () {
    const nodes = [node('a-worker'), node('z-cp', { 'node-role.kubernetes.io/control-plane': '' })];
    expect(chooseNodeAccess(facts({ nodes, kubelabStateDirExists: true }))).to.deep.equal({
      kind: 'pod',
      nodeName: 'z-cp',
    });
  });

  it('lets --node-access override the choice', function () {
    expect(chooseNodeAccess(facts({ context: 'minikube', override: 'pod' })).kind).to.equal('pod');
  });
});
