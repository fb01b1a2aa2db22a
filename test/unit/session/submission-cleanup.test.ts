import { expect } from 'chai';
import { WaitTimeoutError } from '../../../src/cluster/errors.js';
import { ProvisionedVolumesLeftError } from '../../../src/cluster/cleanup/provisioned-volumes.js';
import { cleanupSubmission } from '../../../src/session/submission-cleanup.js';
import { cleanupFakeCluster } from '../batch/cleanup-fake-cluster.js';

const NAMESPACE = 'kubelab-probes-bob';
const SUBMISSION = { labId: 'probes', user: 'bob', namespace: NAMESPACE };

describe("a submission's cleanup", function () {
  it('leaves nothing when the labelled objects and the provisioned volume are gone', async function () {
    const cluster = cleanupFakeCluster({ namespace: NAMESPACE });
    expect(await cleanupSubmission(cluster, SUBMISSION)).to.deep.equal({ left: [] });
  });

  it('names the provisioned volume its provisioner did not delete, not the namespace', async function () {
    const cluster = cleanupFakeCluster({
      namespace: NAMESPACE,
      volumeError: new WaitTimeoutError('persistentvolume pvc-1234 to be deleted', 120_000, [], ''),
    });
    const result = await cleanupSubmission(cluster, SUBMISSION);
    expect(result.left).to.have.length(1);
    expect(result.left[0]).to.match(
      /^persistentvolumes provisioned for namespace\/kubelab-probes-bob: .*still exist .*pvc-1234 \(\/opt\/local-path-provisioner\/pvc-1234\)/,
    );
    expect(result.volumesError).to.be.instanceOf(ProvisionedVolumesLeftError);
  });

  it('throws when the labelled objects cannot be listed', async function () {
    const cluster = cleanupFakeCluster({
      namespace: NAMESPACE,
      listError: new Error('connect ECONNREFUSED 127.0.0.1:6443'),
    });
    let error: unknown;
    await cleanupSubmission(cluster, SUBMISSION).catch((e: unknown) => (error = e));
    expect((error as Error | undefined)?.message).to.equal('connect ECONNREFUSED 127.0.0.1:6443');
  });
});
