import { expect } from 'chai';
import type { KubeObject } from '../../../src/cluster/cluster.js';
import type { ClusterClient } from '../../../src/cluster/connect/client.js';
import { USER_LABEL } from '../../../src/model/scope.js';
import { applyPolicy } from '../../../src/runner/apply-policy.js';
import { testCluster, withNamespace } from '../support/index.js';

/**
 * A graded scope's PersistentVolume of no class is pre-bound to the claim of its submission, so a
 * claim of no class from outside the scope (a student self-checking on the same cluster; in CI a
 * reset test's pvc-demo took a batch run's student-02--pv-demo) cannot take it. The outsider claim
 * selects the graded volume by its unique user label, so it can only ever bind that one volume and
 * never disturbs another test's; it is created first, while the graded claim does not exist yet.
 */
describe('a graded scope’s volumes of no class on a shared cluster', function () {
  let cluster: ClusterClient;
  let pvName: string | undefined;
  const graded = withNamespace('pv-pvc');
  const outside = withNamespace('pv-pvc-outside');

  before(async function () {
    cluster = await testCluster(this);
  });
  afterEach(async function () {
    if (pvName !== undefined)
      await cluster.delete({ apiVersion: 'v1', kind: 'PersistentVolume', name: pvName });
    pvName = undefined;
  });

  /** The submission as kubelab sends it in the graded scope: [PV, claim]. */
  function submission(withClaim: boolean): KubeObject[] {
    const docs = [
      {
        apiVersion: 'v1',
        kind: 'PersistentVolume',
        metadata: { name: 'pv-demo' },
        spec: {
          capacity: { storage: '1Gi' },
          accessModes: ['ReadWriteOnce'],
          storageClassName: '',
          persistentVolumeReclaimPolicy: 'Retain',
          hostPath: { path: '/data/demo', type: 'DirectoryOrCreate' },
        },
      },
      {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: { name: 'pvc-demo' },
        spec: {
          storageClassName: '',
          accessModes: ['ReadWriteOnce'],
          resources: { requests: { storage: '1Gi' } },
        },
      },
    ].slice(0, withClaim ? 2 : 1);
    const decisions = applyPolicy(
      docs.map((object) => ({ source: 'test', object: object as KubeObject })),
      { scope: graded.scope, allowedClusterScoped: ['PersistentVolume'] },
    );
    return decisions.map((d) => {
      if (d.action !== 'send') throw new Error(`refused: ${d.reason}`);
      return d.object;
    });
  }

  async function applyOk(objects: KubeObject[], namespace: string): Promise<void> {
    const results = await cluster.apply(objects, 'test', { namespace });
    expect(results.filter((r) => !r.ok)).to.deep.equal([]);
  }

  /** A claim of no class in another namespace that only the graded scope's volume can satisfy. */
  async function outsiderClaim(): Promise<void> {
    const claim: KubeObject = {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'outsider' },
      spec: {
        storageClassName: '',
        accessModes: ['ReadWriteOnce'],
        resources: { requests: { storage: '1Gi' } },
        selector: { matchLabels: { [USER_LABEL]: graded.scope.user ?? '' } },
      },
    };
    await applyOk([claim], outside.name);
  }

  async function claimPhase(namespace: string, name: string, want: string): Promise<KubeObject> {
    return cluster.waitFor(
      {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        namespace,
        fieldSelector: `metadata.name=${name}`,
      },
      {
        description: `claim ${namespace}/${name} to be ${want}`,
        check: (claims) => {
          const c = claims[0] as { status?: { phase?: string } } | undefined;
          return c?.status?.phase === want
            ? { state: 'met', value: claims[0] as KubeObject }
            : { state: 'pending', errors: [`phase ${c?.status?.phase ?? 'absent'}`] };
        },
      },
      { timeoutMs: 60_000 },
    );
  }

  it('keeps it for its own claim: an outside claim waiting for it is passed over, the own claim binds it', async function () {
    this.timeout(120_000);
    const [pv, claim] = submission(true);
    if (pv === undefined || claim === undefined) throw new Error('submission lost a document');
    pvName = pv.metadata.name;
    expect((pv['spec'] as { claimRef?: object }).claimRef).to.deep.include({
      namespace: graded.name,
      name: 'pvc-demo',
    });
    await outsiderClaim();
    await applyOk([pv], graded.name);
    const created = await cluster.get({
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      name: pvName ?? '',
    });
    const since = Date.parse(created?.metadata.creationTimestamp ?? '');
    // The PV controller re-examines a Pending claim on each resync and says why it stays Pending:
    // a FailedBinding event stamped after the volume's creation second means the outsider was
    // looked at while the volume was there (the first one, from before, proves nothing).
    await cluster.waitFor(
      {
        apiVersion: 'v1',
        kind: 'Event',
        namespace: outside.name,
        fieldSelector: 'involvedObject.name=outsider',
      },
      {
        description: 'the PV controller to pass the outsider claim over once the volume exists',
        check: (events) =>
          events.some((e) => {
            const event = e as { reason?: string; lastTimestamp?: string };
            return (
              event.reason === 'FailedBinding' && Date.parse(event.lastTimestamp ?? '') > since
            );
          })
            ? { state: 'met', value: true }
            : { state: 'pending', errors: ['no FailedBinding event after the volume was created'] },
      },
      { timeoutMs: 60_000 },
    );
    const outsider = await cluster.get({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      namespace: outside.name,
      name: 'outsider',
    });
    expect((outsider?.['status'] as { phase?: string }).phase).to.equal('Pending');
    await applyOk([claim], graded.name);
    const bound = await claimPhase(graded.name, 'pvc-demo', 'Bound');
    expect((bound['spec'] as { volumeName?: string }).volumeName).to.equal(pvName);
  });

  it('negative control: a volume left unreserved is taken by the outside claim', async function () {
    this.timeout(120_000);
    const [pv] = submission(false);
    if (pv === undefined) throw new Error('submission lost a document');
    pvName = pv.metadata.name;
    expect((pv['spec'] as { claimRef?: object }).claimRef).to.equal(undefined);
    await outsiderClaim();
    await applyOk([pv], graded.name);
    const taken = await claimPhase(outside.name, 'outsider', 'Bound');
    expect((taken['spec'] as { volumeName?: string }).volumeName).to.equal(pvName);
  });
});
