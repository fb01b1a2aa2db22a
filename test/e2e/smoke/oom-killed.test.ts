import { expect } from 'chai';
import type { ClusterClient } from '../../../src/cluster/connect/client.js';
import { testCluster, withNamespace } from '../support/index.js';
import {
  SMOKE_TEST_MS,
  applyAll,
  busybox,
  containerStatus,
  pod,
  podCondition,
  waitPod,
} from './smoke-support.js';

/** `tail` keeps a line without newline whole in memory: 100 MiB of zeros is 100 MiB of heap. */
const ALLOCATE_100MI = ['sh', '-c', 'head -c 100m /dev/zero | tail > /dev/null'];

/** Names the pod's end: `terminated OOMKilled (exit 137)`. */
function ended(podName: string) {
  return podCondition({
    name: podName,
    description: 'to end (phase Succeeded or Failed)',
    verdict(current) {
      const phase = current.status?.phase;
      const state = containerStatus(current, 'hog')?.state;
      const done = phase === 'Succeeded' || phase === 'Failed';
      return done && state?.terminated !== undefined
        ? { state: 'met', value: state.terminated }
        : { state: 'pending', errors: [`phase ${phase ?? 'unknown'}`] };
    },
  });
}

describe('smoke: a memory-limited pod', function () {
  this.timeout(SMOKE_TEST_MS);
  let cluster: ClusterClient;
  before(async function () {
    cluster = await testCluster(this);
  });
  const ns = withNamespace('smoke-oom');

  it('is OOMKilled (exit 137) past its 32Mi limit, while the same command fits under 256Mi', async function () {
    const hog = (name: string, memory: string) =>
      pod({
        name,
        spec: {
          restartPolicy: 'Never',
          containers: [{ ...busybox('hog', ALLOCATE_100MI), resources: { limits: { memory } } }],
        },
      });
    await applyAll(cluster, ns.name, [hog('limited', '32Mi'), hog('roomy', '256Mi')]);
    const [limited, roomy] = await Promise.all(
      ['limited', 'roomy'].map((name) =>
        waitPod(cluster, { namespace: ns.name, name, condition: ended(name) }),
      ),
    );
    expect(limited, 'pod limited (32Mi)').to.include({ reason: 'OOMKilled', exitCode: 137 });
    // The control: with room for 100 MiB, the same command ends normally, so the limit is what killed it.
    expect(roomy, 'pod roomy (256Mi)').to.include({ reason: 'Completed', exitCode: 0 });
  });
});
