import { z } from 'zod';
import { defineCheck } from '../src/check-api/index.js';
import {
  CONTROL_PLANE_TAINT,
  DAEMONSET_REF,
  tolerates,
  type DaemonSet,
} from './lib/workloads/daemonset.js';

/** A single GET. */
const DEFAULT_TIMEOUT_MS = 10_000;

export default defineCheck({
  kind: 'daemonset-tolerates-control-plane',
  description:
    'A DaemonSet’s pod template tolerates the control-plane taint (node-role.kubernetes.io/control-plane:NoSchedule, or the one given), so its pods also run on control-plane nodes, whether or not this cluster taints them.',
  params: z.strictObject({
    name: z.string().min(1),
    taint: z
      .strictObject({
        key: z.string().min(1),
        value: z.string().optional(),
        effect: z.enum(['NoSchedule', 'PreferNoSchedule', 'NoExecute']),
      })
      .default({ key: CONTROL_PLANE_TAINT.key, effect: 'NoSchedule' }),
  }),
  defaultTimeoutMs: DEFAULT_TIMEOUT_MS,
  async run(ctx, params) {
    const ds = await ctx.cluster.get<DaemonSet>(
      { ...DAEMONSET_REF, namespace: ctx.scope.namespace, name: params.name },
      ctx.signal,
    );
    const taint = `${params.taint.key}${params.taint.value ? `=${params.taint.value}` : ''}:${params.taint.effect}`;
    const expected = `a toleration in spec.template.spec.tolerations matching the taint ${taint}`;
    if (ds === undefined)
      return {
        status: 'failed',
        message: `DaemonSet ${params.name} not found in namespace ${ctx.scope.namespace}`,
        evidence: { expected },
      };
    const tolerations = ds.spec?.template?.spec?.tolerations ?? [];
    if (tolerations.some((t) => tolerates(t, params.taint))) {
      return { status: 'passed', message: `DaemonSet ${params.name} tolerates ${taint}` };
    }
    return {
      status: 'failed',
      message: `DaemonSet ${params.name} does not tolerate ${taint}: on a cluster whose control-plane nodes carry it (kubeadm, kind), no monitoring pod would run there`,
      evidence: {
        expected,
        fieldErrors: [
          {
            path: 'spec.template.spec.tolerations',
            message:
              tolerations.length === 0
                ? 'missing'
                : `none matches ${taint}: ${JSON.stringify(tolerations)}`,
          },
        ],
      },
    };
  },
});
