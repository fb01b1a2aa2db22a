import { expect } from 'chai';
import type { KubeObject } from '../../../src/cluster/cluster.js';
import { scopeFor } from '../../../src/model/scope.js';
import { applyPolicy } from '../../../src/runner/apply-policy.js';
import { submissionRefusal } from '../../../src/runner/submission-rules.js';
import { MAX_SUBMISSION_PRIORITY } from '../../../src/runner/submission-limits.js';

const object = (kind: string, body: Record<string, unknown>, extraMeta = {}): KubeObject => ({
  apiVersion: 'v1',
  kind,
  metadata: { name: 'x', ...extraMeta },
  ...body,
});

const priorityClass = (body: Record<string, unknown>) => object('PriorityClass', body);
const storageClass = (body: Record<string, unknown>, annotations?: Record<string, string>) =>
  object(
    'StorageClass',
    { provisioner: 'rancher.io/local-path', ...body },
    annotations === undefined ? {} : { annotations },
  );
const service = (spec: Record<string, unknown>) =>
  object('Service', { spec: { ports: [{ port: 80 }], ...spec } });
const podSpec = (extra: Record<string, unknown>) => ({
  containers: [{ name: 'c', image: 'busybox' }],
  ...extra,
});

describe('submissionRefusal (what a graded submission may not send)', function () {
  describe('PriorityClass', function () {
    it('refuses a value above the ceiling and accepts the course value and the ceiling itself', function () {
      expect(submissionRefusal(priorityClass({ value: 1_000_000_000 }))).to.match(
        /value 1000000000 is above 1000000/,
      );
      expect(submissionRefusal(priorityClass({ value: MAX_SUBMISSION_PRIORITY + 1 }))).to.match(
        /above/,
      );
      expect(submissionRefusal(priorityClass({ value: 1000 }))).to.equal(undefined);
      expect(submissionRefusal(priorityClass({ value: MAX_SUBMISSION_PRIORITY }))).to.equal(
        undefined,
      );
    });

    it('refuses globalDefault: true and accepts globalDefault: false', function () {
      expect(submissionRefusal(priorityClass({ value: 1000, globalDefault: true }))).to.match(
        /globalDefault: true would give your priority to every pod/,
      );
      expect(submissionRefusal(priorityClass({ value: 1000, globalDefault: false }))).to.equal(
        undefined,
      );
    });
  });

  describe('StorageClass', function () {
    it('refuses either default-class annotation and accepts other annotations', function () {
      for (const key of [
        'storageclass.kubernetes.io/is-default-class',
        'storageclass.beta.kubernetes.io/is-default-class',
      ]) {
        expect(submissionRefusal(storageClass({}, { [key]: 'true' }))).to.include(
          `annotation ${key} would make your class a default`,
        );
      }
      expect(submissionRefusal(storageClass({}, { note: 'mine' }))).to.equal(undefined);
    });

    it('refuses provisioner parameters (pathPattern, nodePath) and accepts none or an empty map', function () {
      const pathPattern = storageClass({
        parameters: { pathPattern: '../../../../etc/{{ .PVC.Name }}' },
      });
      expect(submissionRefusal(pathPattern)).to.match(
        /parameters \(pathPattern\) are not accepted/,
      );
      expect(submissionRefusal(storageClass({ parameters: { nodePath: '/', b: 'x' } }))).to.match(
        /parameters \(b, nodePath\)/,
      );
      expect(submissionRefusal(storageClass({ parameters: {} }))).to.equal(undefined);
      expect(submissionRefusal(storageClass({ reclaimPolicy: 'Delete' }))).to.equal(undefined);
    });
  });

  describe('Service', function () {
    it('refuses externalIPs and accepts an empty list', function () {
      expect(submissionRefusal(service({ externalIPs: ['8.8.8.8'] }))).to.match(
        /spec\.externalIPs \(8\.8\.8\.8\)/,
      );
      expect(submissionRefusal(service({ externalIPs: [] }))).to.equal(undefined);
    });

    it('refuses NodePort and LoadBalancer and accepts ClusterIP, headless and no type', function () {
      expect(submissionRefusal(service({ type: 'NodePort' }))).to.match(
        /type NodePort opens a port/,
      );
      expect(submissionRefusal(service({ type: 'LoadBalancer' }))).to.match(/type LoadBalancer/);
      expect(submissionRefusal(service({ type: 'ClusterIP' }))).to.equal(undefined);
      expect(submissionRefusal(service({ clusterIP: 'None' }))).to.equal(undefined);
      expect(submissionRefusal(service({}))).to.equal(undefined);
    });
  });

  describe('pods and pod templates', function () {
    const pod = (extra: Record<string, unknown>) => object('Pod', { spec: podSpec(extra) });
    const deployment = (extra: Record<string, unknown>) =>
      object('Deployment', { spec: { template: { spec: podSpec(extra) } } });
    const cronJob = (extra: Record<string, unknown>) =>
      object('CronJob', {
        spec: { jobTemplate: { spec: { template: { spec: podSpec(extra) } } } },
      });

    it('refuses a system-* priority class in a pod, a workload template and a CronJob', function () {
      for (const make of [pod, deployment, cronJob]) {
        expect(submissionRefusal(make({ priorityClassName: 'system-node-critical' }))).to.match(
          /priorityClassName system-node-critical is reserved/,
        );
        expect(submissionRefusal(make({ priorityClassName: 'high-priority' }))).to.equal(undefined);
      }
    });

    it('refuses a spec.priority above the ceiling and accepts one at it', function () {
      expect(submissionRefusal(pod({ priority: 2_000_001_000 }))).to.match(/spec\.priority/);
      expect(submissionRefusal(pod({ priority: MAX_SUBMISSION_PRIORITY }))).to.equal(undefined);
    });
  });
});

describe('applyPolicy with the submission limits', function () {
  const docs = [
    {
      source: 'hostile.yaml:1',
      object: object('Service', { spec: { type: 'NodePort', ports: [{ port: 80 }] } }),
    },
  ];

  it('refuses a limited document in a graded scope, naming the file and why', function () {
    const [decision] = applyPolicy(docs, {
      scope: scopeFor('probes', 'alice'),
      allowedClusterScoped: [],
    });
    expect(decision).to.deep.include({ action: 'refuse', source: 'hostile.yaml:1' });
    expect(decision?.action === 'refuse' ? decision.reason : '').to.match(/type NodePort/);
  });

  it('leaves a student on their own cluster (no prefix) free to use it', function () {
    const [decision] = applyPolicy(docs, { scope: scopeFor('probes'), allowedClusterScoped: [] });
    expect(decision?.action).to.equal('send');
  });

  it('refuses an allowed cluster-scoped kind that breaks a limit before prefixing it', function () {
    const [decision] = applyPolicy(
      [{ source: 'pc.yaml:1', object: priorityClass({ value: 1000, globalDefault: true }) }],
      { scope: scopeFor('priority-preemption', 'alice'), allowedClusterScoped: ['PriorityClass'] },
    );
    expect(decision).to.deep.include({
      action: 'refuse',
      ref: { apiVersion: 'v1', kind: 'PriorityClass', name: 'x' },
    });
  });
});
