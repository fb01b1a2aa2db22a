import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../support/index.js';
import { replaced, writeSubmission } from './class-builder.js';

/**
 * A class whose hostile students each try one way out of their namespace (issue 16, escapes 1–4),
 * beside honest neighbours. Every hostile student hands in a lab's solution plus (or patched with)
 * the hostile thing, so what it costs is named in `score`. `escapes` are node paths that exist only
 * if the attack got through.
 */
export interface HostileStudent {
  readonly id: string;
  readonly lab: string;
  readonly score: number;
  /** Patterns each of which must be among the student's journal refusals. */
  readonly refusals: readonly RegExp[];
}

const IMAGE = 'docker.io/library/busybox:1.35';

/** A lab's solution files, name → text. */
async function solution(lab: string): Promise<Record<string, string>> {
  const dir = join(REPO_ROOT, 'labs', lab, 'solution');
  const files: Record<string, string> = {};
  for (const name of (await readdir(dir)).sort())
    files[name] = await readFile(join(dir, name), 'utf8');
  return files;
}

/** The class, under a fresh temp dir; `token` makes the escape paths unique to this run. */
export async function buildHostileClass(token: string): Promise<{
  dir: string;
  students: HostileStudent[];
  escapes: string[];
}> {
  const root = await mkdtemp(join(tmpdir(), 'kubelab-hostile-class-'));
  const dir = join(root, 'submissions');
  const students: HostileStudent[] = [];
  const add = async (student: HostileStudent, files: Record<string, string>): Promise<void> => {
    await writeSubmission({ dir, student: student.id, lab: student.lab, files });
    students.push(student);
  };
  const crash = await solution('crash-recovery');
  const storage = await solution('storageclass');
  const volumes = await solution('pv-pvc');
  const priority = await solution('priority-preemption');
  const escapePattern = `/tmp/kubelab-escape-${token}`;
  const escapeLink = `/tmp/kubelab-link-${token}`;

  // Honest neighbours.
  await add({ id: 'hx-honest', lab: 'crash-recovery', score: 100, refusals: [] }, crash);
  await add({ id: 'hx-honest-sc', lab: 'storageclass', score: 100, refusals: [] }, storage);

  // 1a. A provisioner parameter that walks out of the provisioner's directory.
  await add(
    {
      id: 'hx-path-pattern',
      lab: 'storageclass',
      score: 0,
      refusals: [/StorageClass local-dynamic: parameters \(pathPattern\) are not accepted/],
    },
    {
      ...storage,
      'storageclass.yaml': `${storage['storageclass.yaml'] ?? ''}parameters:\n  pathPattern: '../../../../..${escapePattern}/{{ .PVC.Name }}'\n`,
    },
  );
  // 1a'. An honest mistake that used to leak: Retain keeps the provisioned volume after the claim.
  await add(
    { id: 'hx-retain', lab: 'storageclass', score: 60, refusals: [] },
    {
      ...storage,
      'storageclass.yaml': replaced(
        storage['storageclass.yaml'] ?? '',
        'reclaimPolicy: Delete',
        'reclaimPolicy: Retain',
      ),
    },
  );
  // 1b. Two PVs whose paths nest, and a pod that plants a link in the outer one.
  await add(
    { id: 'hx-nested-pv', lab: 'pv-pvc', score: 100, refusals: [] },
    {
      ...volumes,
      'pod.yaml': replaced(
        volumes['pod.yaml'] ?? '',
        "command: ['sleep', '3600']",
        `command: ['sh', '-c', 'ln -s /tmp /mnt/data/l; sleep 3600']`,
      ),
      'nested.yaml': `apiVersion: v1
kind: PersistentVolume
metadata: { name: pv-inner }
spec:
  capacity: { storage: 1Gi }
  accessModes: [ReadWriteOnce]
  storageClassName: ''
  persistentVolumeReclaimPolicy: Retain
  hostPath: { path: '/data/demo/l/${escapeLink.slice('/tmp/'.length)}', type: DirectoryOrCreate }
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: { name: pvc-inner }
spec:
  storageClassName: ''
  volumeName: pv-inner
  accessModes: [ReadWriteOnce]
  resources: { requests: { storage: 1Gi } }
---
apiVersion: v1
kind: Pod
metadata: { name: inner }
spec:
  terminationGracePeriodSeconds: 0
  containers:
    - name: inner
      image: ${IMAGE}
      command: ['sh', '-c', 'touch /mnt/inner/escaped; sleep 3600']
      resources: { requests: { cpu: 10m, memory: 16Mi }, limits: { memory: 32Mi } }
      volumeMounts: [{ name: v, mountPath: /mnt/inner }]
  volumes: [{ name: v, persistentVolumeClaim: { claimName: pvc-inner } }]
`,
    },
  );
  // 2. A PriorityClass above everything, made the cluster default, and a pod on system-node-critical.
  await add(
    {
      id: 'hx-priority',
      lab: 'priority-preemption',
      score: 0,
      refusals: [
        /PriorityClass high-priority: value 1000000000 is above 1000000/,
        /Pod node-critical: priorityClassName system-node-critical is reserved/,
      ],
    },
    {
      ...priority,
      '00-priorityclass.yaml': replaced(
        priority['00-priorityclass.yaml'] ?? '',
        'value: 1000',
        'value: 1000000000\nglobalDefault: true',
      ),
      'critical.yaml': `apiVersion: v1
kind: Pod
metadata: { name: node-critical }
spec:
  priorityClassName: system-node-critical
  containers: [{ name: x, image: ${IMAGE}, command: [sleep, '3600'] }]
`,
    },
  );
  // 3. A second cluster default StorageClass.
  await add(
    {
      id: 'hx-default-sc',
      lab: 'storageclass',
      score: 0,
      refusals: [
        /annotation storageclass\.kubernetes\.io\/is-default-class would make your class a default/,
      ],
    },
    {
      ...storage,
      // The solution's class already has an annotations map: the default-class key joins it.
      'storageclass.yaml': replaced(
        storage['storageclass.yaml'] ?? '',
        '  annotations:\n',
        "  annotations:\n    storageclass.kubernetes.io/is-default-class: 'true'\n",
      ),
    },
  );
  // 4. externalIPs (CVE-2020-8554) and a NodePort, beside a correct crash-recovery solution.
  await add(
    {
      id: 'hx-services',
      lab: 'crash-recovery',
      score: 100,
      refusals: [
        /Service capture: spec\.externalIPs/,
        /Service open-port: type NodePort opens a port/,
      ],
    },
    {
      ...crash,
      'services.yaml': `apiVersion: v1
kind: Service
metadata: { name: capture }
spec:
  selector: { app: web }
  ports: [{ port: 53, protocol: UDP }]
  externalIPs: [192.0.2.53]
---
apiVersion: v1
kind: Service
metadata: { name: open-port }
spec:
  type: NodePort
  selector: { app: web }
  ports: [{ port: 8080 }]
`,
    },
  );
  return {
    dir,
    students: students.sort((a, b) => (a.id < b.id ? -1 : 1)),
    escapes: [escapePattern, escapeLink],
  };
}
