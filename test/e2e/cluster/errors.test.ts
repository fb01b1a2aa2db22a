import { expect } from 'chai';
import { ClusterClient } from '../../../src/cluster/connect/client.js';
import { ForbiddenError } from '../../../src/cluster/errors.js';
import { loadKubeconfig } from '../../../src/cluster/connect/kubeconfig.js';
import { Transport } from '../../../src/cluster/connect/transport.js';
import { TEST_CONTEXT, testCluster, withNamespace } from '../support/index.js';

/** The test context's credentials, impersonating a user that has no rights at all. */
function asNobody(): ClusterClient {
  const { kc, context, server } = loadKubeconfig({ context: TEST_CONTEXT });
  const user = kc.getCurrentUser();
  if (user === null) throw new Error(`context ${TEST_CONTEXT} has no user`);
  kc.users = kc.users.map((u) =>
    u.name === user.name ? { ...u, impersonateUser: 'kubelab-e2e-nobody' } : u,
  );
  return new ClusterClient(new Transport(kc, context, server));
}

describe('API errors from the real cluster', function () {
  before(async function () {
    await testCluster(this);
  });
  const ns = withNamespace('errors');

  it('names the user, verb, resource and namespace when access is forbidden', async function () {
    const error = await asNobody()
      .list({ apiVersion: 'v1', kind: 'Pod', namespace: ns.name })
      .catch((e: unknown) => e);
    expect(error).to.be.instanceOf(ForbiddenError);
    const forbidden = error as ForbiddenError;
    expect([forbidden.user, forbidden.verb, forbidden.resource, forbidden.namespace]).to.deep.equal(
      ['kubelab-e2e-nobody', 'list', 'pods', ns.name],
    );
    expect(forbidden.message).to.match(
      new RegExp(
        `^forbidden: user "kubelab-e2e-nobody" may not list pods in namespace "${ns.name}"`,
      ),
    );
  });

  it('reports a forbidden apply as that document failing, with the API server words', async function () {
    const [result] = await asNobody().applyYaml(
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n',
      'cm.yaml',
      {
        namespace: ns.name,
      },
    );
    expect(result?.ok === false && result.error).to.include(
      'User "kubelab-e2e-nobody" cannot patch resource "configmaps"',
    );
  });
});
