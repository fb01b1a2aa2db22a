import { expect } from 'chai';
import {
  detectKindEngine,
  kindEngineCandidates,
  KindProviderError,
  type KindEngine,
} from '../../../../src/cluster/node-access/kind-engine.js';

/** A probe that answers yes only for the engines listed, and records every question. */
function probeRunning(...running: KindEngine[]) {
  const asked: string[] = [];
  const probe = async (engine: KindEngine, container: string): Promise<boolean> => {
    asked.push(`${engine} ${container}`);
    return running.includes(engine);
  };
  return { probe, asked };
}

describe('choosing the container engine of a kind cluster', function () {
  it('tries docker, then podman, then nerdctl when KIND_EXPERIMENTAL_PROVIDER is unset, as kind does', function () {
    expect(kindEngineCandidates({})).to.deep.equal(['docker', 'podman', 'nerdctl']);
    expect(kindEngineCandidates({ KIND_EXPERIMENTAL_PROVIDER: ' ' })).to.deep.equal([
      'docker',
      'podman',
      'nerdctl',
    ]);
  });

  it('uses only the provider KIND_EXPERIMENTAL_PROVIDER names', function () {
    expect(kindEngineCandidates({ KIND_EXPERIMENTAL_PROVIDER: 'podman' })).to.deep.equal([
      'podman',
    ]);
  });

  it('refuses a provider kind does not know, naming the ones it does', function () {
    expect(() => kindEngineCandidates({ KIND_EXPERIMENTAL_PROVIDER: 'lxc' }))
      .to.throw(KindProviderError)
      .with.property('message')
      .that.contains('docker, podman, nerdctl');
  });

  it('picks podman when a docker client is installed but no docker engine has the node', async function () {
    const { probe, asked } = probeRunning('podman');
    const engine = await detectKindEngine({ container: 'kubelab-control-plane', env: {}, probe });
    expect(engine).to.equal('podman');
    expect(asked).to.deep.equal(['docker kubelab-control-plane', 'podman kubelab-control-plane']);
  });

  it('asks only the named provider when KIND_EXPERIMENTAL_PROVIDER is set', async function () {
    const { probe, asked } = probeRunning('docker', 'podman');
    const env = { KIND_EXPERIMENTAL_PROVIDER: 'podman' };
    expect(await detectKindEngine({ container: 'lab-control-plane', env, probe })).to.equal(
      'podman',
    );
    expect(asked).to.deep.equal(['podman lab-control-plane']);
  });

  it('falls back to the first candidate when no engine has the node, so its own error is shown', async function () {
    const { probe } = probeRunning();
    expect(await detectKindEngine({ container: 'gone-control-plane', env: {}, probe })).to.equal(
      'docker',
    );
  });
});
