import { z } from 'zod';
import { clusterName, defineCheck, type FieldError } from '../src/check-api/index.js';
import { DEFAULT_HOSTPATH_ROOTS, resolveNodePath } from './lib/node/node-path.js';
import { PV_REF, describeVolume, type PersistentVolume } from './lib/storage/storage.js';

/** One GET: ten seconds covers a slow API server. */
const DEFAULT_TIMEOUT_MS = 10_000;

export default defineCheck({
  kind: 'persistent-volume-spec',
  description:
    'A PersistentVolume written by hand has the capacity, access modes and hostPath asked for (the path inside the directories the grader may read on the node).',
  params: z.strictObject({
    /** The PV's name as the student wrote it (prefixed per student in batch grading). */
    name: z.string().min(1),
    capacity: z.string().min(1),
    accessModes: z.array(z.string().min(1)).min(1),
    /** Require a hostPath source under one of these node directories. */
    hostPathRoots: z.array(z.string().startsWith('/')).default([...DEFAULT_HOSTPATH_ROOTS]),
    /** Expected storageClassName ('' for a PV meant for static binding). Unchecked when absent. */
    storageClassName: z.string().optional(),
  }),
  defaultTimeoutMs: DEFAULT_TIMEOUT_MS,
  async run(ctx, params) {
    const name = clusterName(ctx.scope, params.name);
    ctx.progress(`reading PersistentVolume ${name}`);
    const pv = await ctx.cluster.get<PersistentVolume>({ ...PV_REF, name }, ctx.signal);
    if (pv === undefined) {
      return {
        status: 'failed',
        message: `PersistentVolume ${name} not found: a PV is cluster-scoped; apply it (kubectl apply -f pv.yaml) and check its name`,
        evidence: { expected: `PersistentVolume ${name}`, observed: 'no such object' },
      };
    }
    const errors: FieldError[] = [];
    const capacity = pv.spec?.capacity?.storage;
    if (capacity !== params.capacity) {
      errors.push({
        path: 'spec.capacity.storage',
        message: `expected ${params.capacity}, found ${capacity ?? 'nothing'}`,
      });
    }
    const modes = [...(pv.spec?.accessModes ?? [])].sort();
    const wanted = [...params.accessModes].sort();
    if (modes.join(',') !== wanted.join(',')) {
      errors.push({
        path: 'spec.accessModes',
        message: `expected [${wanted.join(', ')}], found [${modes.join(', ')}]`,
      });
    }
    const hostPath = pv.spec?.hostPath?.path;
    if (hostPath === undefined) {
      errors.push({
        path: 'spec.hostPath.path',
        message: 'missing: this lab asks for a hostPath volume',
      });
    } else {
      const verdict = resolveNodePath(hostPath, params.hostPathRoots);
      if (!verdict.ok) errors.push({ path: 'spec.hostPath.path', message: verdict.reason });
    }
    if (
      params.storageClassName !== undefined &&
      (pv.spec?.storageClassName ?? '') !== params.storageClassName
    ) {
      errors.push({
        path: 'spec.storageClassName',
        message: `expected ${JSON.stringify(params.storageClassName)}, found ${JSON.stringify(pv.spec?.storageClassName ?? '')}`,
      });
    }
    if (errors.length === 0) {
      return {
        status: 'passed',
        message: `PersistentVolume ${name} is ${capacity}, ${modes.join(',')}, hostPath ${hostPath}`,
      };
    }
    return {
      status: 'failed',
      message: `PersistentVolume ${name} differs from what is asked: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`,
      evidence: {
        expected: `${params.capacity}, [${wanted.join(', ')}], hostPath under ${params.hostPathRoots.join(' or ')}`,
        observed: describeVolume(pv),
        fieldErrors: errors,
      },
    };
  },
});
