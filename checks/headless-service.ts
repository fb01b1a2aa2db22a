import { z } from 'zod';
import { defineCheck, type FieldError, type KubeObject } from '../src/check-api/index.js';
import { getStatefulSet } from './lib/workloads/statefulset.js';

/** Two GETs: ten seconds covers a slow API server. */
const DEFAULT_TIMEOUT_MS = 10_000;

interface Service extends KubeObject {
  spec?: {
    clusterIP?: string;
    selector?: Record<string, string>;
    ports?: { port?: number; name?: string }[];
  };
}

export default defineCheck({
  kind: 'headless-service',
  description:
    "A headless Service (clusterIP: None) selects a StatefulSet's pods, and the StatefulSet names it in serviceName, so every pod gets its own DNS name.",
  params: z.strictObject({
    service: z.string().min(1),
    statefulSet: z.string().min(1),
    port: z.number().int().min(1).max(65535).optional(),
  }),
  defaultTimeoutMs: DEFAULT_TIMEOUT_MS,
  async run(ctx, params) {
    const ns = ctx.scope.namespace;
    const [svc, sts] = await Promise.all([
      ctx.cluster.get<Service>(
        { apiVersion: 'v1', kind: 'Service', namespace: ns, name: params.service },
        ctx.signal,
      ),
      getStatefulSet(ctx, params.statefulSet),
    ]);
    if (svc === undefined) {
      return {
        status: 'failed',
        message: `Service ${params.service} not found in namespace ${ns}: the StatefulSet's pods get DNS names only through it`,
        evidence: { expected: `Service ${params.service} with clusterIP: None` },
      };
    }
    const errors: FieldError[] = [];
    if (svc.spec?.clusterIP !== 'None') {
      errors.push({
        path: 'spec.clusterIP',
        message: `expected None (headless), found ${svc.spec?.clusterIP ?? 'nothing'}; clusterIP cannot be changed in place: delete the Service and apply it again`,
      });
    }
    const selector = svc.spec?.selector ?? {};
    const podLabels = sts?.spec?.template?.metadata?.labels ?? {};
    const unmatched = Object.entries(selector).filter(([k, v]) => podLabels[k] !== v);
    if (Object.keys(selector).length === 0) {
      errors.push({
        path: 'spec.selector',
        message: "missing: select the StatefulSet's pods by their labels",
      });
    } else if (sts !== undefined && unmatched.length > 0) {
      errors.push({
        path: 'spec.selector',
        message: `${unmatched.map(([k, v]) => `${k}=${v}`).join(', ')} not on the pods of StatefulSet ${params.statefulSet} (their labels: ${JSON.stringify(podLabels)})`,
      });
    }
    if (params.port !== undefined && !(svc.spec?.ports ?? []).some((p) => p.port === params.port)) {
      errors.push({ path: 'spec.ports', message: `expected a port ${params.port}` });
    }
    if (sts === undefined) {
      errors.push({ path: `StatefulSet ${params.statefulSet}`, message: 'not found' });
    } else if (sts.spec?.serviceName !== params.service) {
      errors.push({
        path: `StatefulSet ${params.statefulSet} spec.serviceName`,
        message: `expected ${params.service}, found ${sts.spec?.serviceName ?? 'nothing'}`,
      });
    }
    if (errors.length === 0) {
      return {
        status: 'passed',
        message: `Service ${params.service} is headless and governs StatefulSet ${params.statefulSet}`,
      };
    }
    return {
      status: 'failed',
      message: `Service ${params.service} is not the headless Service of StatefulSet ${params.statefulSet}: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`,
      evidence: {
        expected: `clusterIP: None, a selector matching the pods, serviceName: ${params.service}`,
        fieldErrors: errors,
      },
    };
  },
});
