import type { CheckSpec } from '../../../src/model/lab.js';
import type { Report } from '../../../src/report/model.js';
import { checkResult, labReport, report } from '../../../src/report/score.js';

/** Check specs as lab.yaml would give them (defaults applied). */
function spec(
  fields: Pick<CheckSpec, 'id' | 'title' | 'kind' | 'points'> & Partial<CheckSpec>,
): CheckSpec {
  return {
    hint: `Hint for ${fields.id}.`,
    params: {},
    visibility: 'visible',
    needs: [],
    ...fields,
  };
}

const probeChecks = [
  spec({ id: 'web-ready', title: 'Deployment web is Ready', kind: 'workload-ready', points: 20 }),
  spec({
    id: 'liveness',
    title: 'A liveness probe restarts a hung container',
    kind: 'object-matches',
    points: 30,
    hint: 'Add a livenessProbe with httpGet on /healthz, port 8080 | see the <probe> section & notes.',
  }),
  spec({
    id: 'readiness',
    title: 'Readiness removes the pod from its Service',
    kind: 'endpoint-ready',
    points: 25,
  }),
  spec({
    id: 'startup',
    title: 'Startup probe protects a slow start',
    kind: 'object-matches',
    points: 15,
    needs: ['readiness'],
  }),
  spec({
    id: 'secret-check',
    title: 'Hidden: probe uses the right port',
    kind: 'object-matches',
    points: 10,
    visibility: 'hidden',
  }),
];

const secretChecks = [
  spec({
    id: 'secret-exists',
    title: 'Secret db-credentials exists',
    kind: 'object-matches',
    points: 50,
  }),
  spec({
    id: 'env-from-secret',
    title: 'The pod reads PASSWORD from the Secret',
    kind: 'exec-succeeds',
    points: 50,
  }),
];

/** A report with every status, a hidden check, a lab that could not run, and text that needs escaping. */
export function sampleReport(): Report {
  const probes = labReport({
    lab: { id: 'probes', title: 'Liveness, readiness & startup probes', checks: probeChecks },
    namespace: 'kubelab-probes',
    durationMs: 42_315,
    results: [
      checkResult({
        spec: probeChecks[1]!,
        status: 'failed',
        durationMs: 30_004,
        message:
          'container web was not restarted after its probe failed: <script>alert("x")</script>',
        evidence: {
          expected: 'container web restarted by the kubelet within 60s of /healthz failing',
          observed: 'restartCount: 0\nstate:\n  running:\n    startedAt: "2026-11-21T10:00:00Z"',
          fieldErrors: [
            { path: 'spec.template.spec.containers[0].livenessProbe', message: 'missing' },
            {
              path: 'spec.template.spec.containers[0].ports[0].containerPort',
              message: 'expected 8080, got 80',
            },
          ],
          events: [
            'Normal Scheduled pod/web-1: Successfully assigned',
            'Normal Pulled pod/web-1: Container image "nginx" already present',
            'Normal Created pod/web-1: Created container web',
            'Normal Started pod/web-1: Started container web',
            'Warning Unhealthy pod/web-1: Readiness probe failed: HTTP probe failed with statuscode: 503',
            'Warning BackOff pod/web-1: Back-off restarting failed container',
          ],
          logs: [
            {
              pod: 'web-1',
              container: 'web',
              previous: true,
              text: '\u001b[31mstarting\u001b[0m\nlistening on :80\n',
            },
          ],
        },
      }),
      checkResult({
        spec: probeChecks[0]!,
        status: 'passed',
        durationMs: 5_120,
        message: '3 pods of Deployment web Ready',
        evidence: { notes: ['ready after 4.2s'] },
      }),
      checkResult({
        spec: probeChecks[2]!,
        status: 'error',
        durationMs: 7_000,
        message:
          'the API server refused the request: 503 Service Unavailable; try again when the cluster is healthy',
      }),
      checkResult({
        spec: probeChecks[3]!,
        status: 'skipped',
        durationMs: 0,
        message: 'needs "readiness", which did not pass',
      }),
      checkResult({
        spec: probeChecks[4]!,
        status: 'passed',
        durationMs: 1_200,
        message: 'probe port is 8080',
      }),
    ],
  });
  const secrets = labReport({
    lab: { id: 'secrets-config', title: 'Secrets and ConfigMaps', checks: secretChecks },
    namespace: 'kubelab-secrets-config',
    durationMs: 3_000,
    results: [
      checkResult({
        spec: secretChecks[0]!,
        status: 'passed',
        durationMs: 800,
        message: 'Secret db-credentials has keys username, password',
      }),
      checkResult({
        spec: secretChecks[1]!,
        status: 'passed',
        durationMs: 2_100,
        message: 'PASSWORD matches the Secret',
      }),
    ],
  });
  const storage = labReport({
    lab: {
      id: 'pv-pvc',
      title: 'PV and PVC static binding',
      checks: [
        spec({
          id: 'bound',
          title: 'PVC data is Bound to PV pv-data',
          kind: 'object-matches',
          points: 100,
        }),
      ],
    },
    namespace: 'kubelab-pv-pvc',
    durationMs: 250,
    results: [],
    message: 'PersistentVolume is not allowed in this lab; expected only: StorageClass',
  });
  return report({
    header: {
      tool: 'kubelab 0.1.0',
      context: 'kubelab',
      server: 'https://127.0.0.1:6443',
      serverVersion: 'v1.34.2',
      startedAt: '2026-11-22T01:00:00.000Z',
      student: 'alice',
    },
    labs: [secrets, probes, storage],
    passMark: 150,
  });
}
