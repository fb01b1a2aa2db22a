import { expect } from 'chai';
import { CleanupRuns, type CleanupCandidate } from '../../../src/cluster/cleanup/cleanup-plan.js';
import type { Cluster, KubeObject, ListRef, ObjectRef } from '../../../src/cluster/cluster.js';
import { WaitTimeoutError } from '../../../src/cluster/errors.js';
import type { NodeAccess } from '../../../src/cluster/node-access/node-access.js';
import { scopeFor } from '../../../src/model/scope.js';
import { verifyScope } from '../../../src/runner/verify-scope.js';
import {
  cleanupTargets,
  planRunCleanup,
  runRunCleanup,
  sessionLabs,
  stuckLines,
  type RunCleanupPlan,
} from '../../../src/session/run-cleanup.js';
import { provisionedVolume } from '../batch/cleanup-fake-cluster.js';

const namespace = (name: string, labels: Record<string, string> = {}): CleanupCandidate => ({
  ref: { apiVersion: 'v1', kind: 'Namespace', name },
  uid: `uid-${name}`,
  labels,
});
const priorityClass = (name: string, labels: Record<string, string> = {}): CleanupCandidate => ({
  ref: { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', name },
  uid: `uid-${name}`,
  labels,
});

/**
 * A cluster that holds `objects` (namespaces, cluster-scoped objects, volumes) and records what a
 * cleanup asks of it, in order: `list <kind> <selector>`, `delete kind/name`, `wait kind/name`.
 * Waiting for an object named in `stuck` ends with a WaitTimeoutError.
 */
function recordingCluster(options: {
  readonly objects?: readonly KubeObject[];
  readonly stuck?: readonly string[];
}) {
  const calls: string[] = [];
  const label = (ref: Pick<ObjectRef, 'kind' | 'name'>): string =>
    `${ref.kind.toLowerCase()}/${ref.name}`;
  const matches = (object: KubeObject, selector: string | undefined): boolean =>
    selector === undefined ||
    selector.split(',').every((pair) => {
      const [key = '', value] = pair.split('=');
      return object.metadata.labels?.[key] === value;
    });
  const cluster = {
    context: 'kubelab',
    list: (ref: ListRef) => {
      calls.push(`list ${ref.kind} ${ref.labelSelector ?? '-'}`);
      return Promise.resolve(
        (options.objects ?? []).filter((o) => o.kind === ref.kind && matches(o, ref.labelSelector)),
      );
    },
    get: () => Promise.resolve(undefined),
    delete: (ref: ObjectRef) => {
      calls.push(`delete ${label(ref)}`);
      return Promise.resolve();
    },
    waitForDeletion: (ref: ObjectRef) => {
      calls.push(`wait ${label(ref)}`);
      return (options.stuck ?? []).includes(label(ref))
        ? Promise.reject(new WaitTimeoutError(`${label(ref)} to be deleted`, 1_000, [], ''))
        : Promise.resolve();
    },
  } as unknown as Cluster;
  return { cluster, calls };
}

const object = (
  apiVersion: string,
  kind: string,
  name: string,
  labels: Record<string, string>,
): KubeObject => ({ apiVersion, kind, metadata: { name, uid: `uid-${name}`, labels } });

const emptyPlan: RunCleanupPlan = {
  objects: [],
  provisionedVolumesOf: undefined,
  staticFiles: [],
  node: undefined,
  left: [],
};

describe("a run's cleanup", function () {
  describe('its targets', function () {
    it('takes each object once, the later list’s candidate (with its uid) over a bare applied ref, sorted', function () {
      const applied: CleanupCandidate = {
        ref: { apiVersion: 'v1', kind: 'Namespace', name: 'kubelab-verify-probes-abc12' },
        uid: undefined,
        labels: {},
      };
      const found = namespace('kubelab-verify-probes-abc12', { 'kubelab.dev/verify': 'abc12' });
      const targets = cleanupTargets([
        [applied, priorityClass('kubelab-verify-abc12--high')],
        [found, namespace('kubelab-a')],
      ]);
      expect(targets).to.deep.equal([
        namespace('kubelab-a'),
        found,
        priorityClass('kubelab-verify-abc12--high'),
      ]);
    });
  });

  describe('the labs whose session it covers', function () {
    it('is the lab asked for, whatever the cluster holds', function () {
      expect(sessionLabs([], 'probes')).to.deep.equal(['probes']);
    });

    it('is every lab whose own session namespace it takes, not a graded or verify namespace', function () {
      const take = [
        namespace('kubelab-pv-pvc', scopeFor('pv-pvc').labels),
        namespace('kubelab-probes-alice', scopeFor('probes', 'alice').labels),
        namespace('kubelab-verify-storageclass-abc12', verifyScope('storageclass', 'abc12').labels),
        namespace('kubelab-crashloop', scopeFor('crashloop').labels),
        priorityClass('high-priority', scopeFor('priority-preemption').labels),
      ];
      expect(sessionLabs(take, undefined)).to.deep.equal(['crashloop', 'pv-pvc']);
    });
  });

  describe('its plan', function () {
    const verify = verifyScope('probes', 'abc12');
    const objects = [
      object('v1', 'Namespace', verify.namespace, verify.labels),
      object('v1', 'Namespace', 'kubelab-probes', scopeFor('probes').labels),
      object('scheduling.k8s.io/v1', 'PriorityClass', 'kubelab-verify-abc12--high', verify.labels),
    ];

    it('chooses one verify run’s objects by its run label, with what the run applied', async function () {
      const { cluster } = recordingCluster({ objects });
      const plan = await planRunCleanup({
        cluster,
        labId: 'probes',
        verifyRun: 'abc12',
        runs: CleanupRuns.all,
        applied: [
          {
            apiVersion: 'storage.k8s.io/v1',
            kind: 'StorageClass',
            name: 'kubelab-verify-abc12--fast',
          },
        ],
      });
      expect(plan.objects.map((c) => `${c.ref.kind}/${c.ref.name} ${c.uid ?? '-'}`)).to.deep.equal([
        `Namespace/${verify.namespace} uid-${verify.namespace}`,
        'PriorityClass/kubelab-verify-abc12--high uid-kubelab-verify-abc12--high',
        'StorageClass/kubelab-verify-abc12--fast -',
      ]);
      expect(plan.left).to.deep.equal([]);
    });

    it('takes only the student’s own session by default and names the run it leaves', async function () {
      const { cluster } = recordingCluster({ objects });
      const plan = await planRunCleanup({ cluster, labId: 'probes', runs: CleanupRuns.session });
      expect(plan.objects.map((c) => c.ref.name)).to.deep.equal(['kubelab-probes']);
      expect(plan.left).to.have.length(1);
      expect(plan.left[0]).to.match(/^left 2 objects of a `kubelab verify` run \(abc12\)/);
    });

    it('asks nothing of a session’s lab for a graded student', async function () {
      const { cluster } = recordingCluster({ objects });
      const asked: string[] = [];
      const plan = await planRunCleanup({
        cluster,
        labId: 'probes',
        user: 'alice',
        runs: CleanupRuns.all,
        session: {
          loadLab: (id) => {
            asked.push(id);
            return Promise.resolve(undefined);
          },
          nodeFor: () => Promise.reject(new Error('no node access wanted')),
        },
      });
      expect(asked).to.deep.equal([]);
      expect(plan.objects).to.deep.equal([]);
    });
  });

  describe('carrying a plan out', function () {
    it('removes the static files, then deletes the namespaces, then the cluster-scoped objects, then hands back the provisioned volumes', async function () {
      const volume = provisionedVolume('kubelab-probes-bob');
      const { cluster, calls } = recordingCluster({ objects: [volume] });
      const node = {
        remove: (path: string) => {
          calls.push(`remove ${path}`);
          return Promise.resolve();
        },
      } as unknown as NodeAccess;
      const result = await runRunCleanup(cluster, {
        ...emptyPlan,
        objects: [priorityClass('bob--high'), namespace('kubelab-probes-bob')],
        provisionedVolumesOf: 'kubelab-probes-bob',
        staticFiles: ['/etc/kubernetes/manifests/web.yaml'],
        node,
      });
      expect(calls).to.deep.equal([
        'remove /etc/kubernetes/manifests/web.yaml',
        'delete namespace/kubelab-probes-bob',
        'wait namespace/kubelab-probes-bob',
        'delete priorityclass/bob--high',
        'wait priorityclass/bob--high',
        'list PersistentVolume -',
        'wait persistentvolume/pvc-1234',
      ]);
      expect(result).to.deep.equal({
        deleted: [
          'namespace/kubelab-probes-bob',
          'persistentvolume/pvc-1234',
          'priorityclass/bob--high',
        ],
        stuck: [],
        removedFiles: ['/etc/kubernetes/manifests/web.yaml'],
      });
    });

    it('names what is still there at the deadline, sorted, and the provisioned volumes last', async function () {
      const volume = provisionedVolume('kubelab-probes-bob');
      const { cluster } = recordingCluster({
        objects: [volume],
        stuck: [
          'priorityclass/bob--high',
          'namespace/kubelab-probes-bob',
          'persistentvolume/pvc-1234',
        ],
      });
      const result = await runRunCleanup(
        cluster,
        {
          ...emptyPlan,
          objects: [priorityClass('bob--high'), namespace('kubelab-probes-bob')],
          provisionedVolumesOf: 'kubelab-probes-bob',
        },
        { timeoutMs: 1_000 },
      );
      expect(result.deleted).to.deep.equal([]);
      expect(result.stuck.map((s) => s.object)).to.deep.equal([
        'namespace/kubelab-probes-bob',
        'priorityclass/bob--high',
        'persistentvolumes provisioned for namespace/kubelab-probes-bob',
      ]);
      const lines = stuckLines(result);
      expect(lines[1]).to.match(
        /^priorityclass\/bob--high: timed out after 1s waiting for priorityclass\/bob--high to be deleted/,
      );
      expect(lines[2]).to.match(
        /^persistentvolumes provisioned for namespace\/kubelab-probes-bob: .*pvc-1234 \(\/opt\/local-path-provisioner\/pvc-1234\)/,
      );
      expect(result.volumesError).to.be.instanceOf(Error);
    });
  });
});
