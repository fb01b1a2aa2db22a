import { z } from 'zod';
import {
  CLUSTER_DEFAULT_PROVISIONER,
  clusterName,
  defineCheck,
  type FieldError,
} from '../src/check-api/index.js';
import { STORAGE_CLASS_REF, defaultClasses, type StorageClass } from './lib/storage/storage.js';
import { NoVerdictError } from './lib/no-verdict.js';
import { leftoverAdviceFor } from './lib/leftover-object.js';

/** Two GETs: ten seconds covers a slow API server. */
const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * `provisioner: cluster-default` means "the provisioner behind the cluster's default class", found
 * at check time: the same word a reference solution's class is annotated with for verify.
 */
const CLUSTER_DEFAULT = CLUSTER_DEFAULT_PROVISIONER;

export default defineCheck({
  kind: 'storage-class-spec',
  description:
    "A StorageClass uses the provisioner asked for (by default the one behind the cluster's own default class, found at check time), with the reclaim policy and binding mode asked for.",
  params: z.strictObject({
    name: z.string().min(1),
    provisioner: z.string().min(1).default(CLUSTER_DEFAULT),
    reclaimPolicy: z.enum(['Delete', 'Retain']).optional(),
    volumeBindingMode: z.enum(['Immediate', 'WaitForFirstConsumer']).optional(),
  }),
  defaultTimeoutMs: DEFAULT_TIMEOUT_MS,
  async run(ctx, params) {
    const name = clusterName(ctx.scope, params.name);
    const classes = await ctx.cluster.list<StorageClass>(STORAGE_CLASS_REF, ctx.signal);
    const sc = classes.find((c) => c.metadata.name === name);
    if (sc === undefined) {
      return {
        status: 'failed',
        message: `StorageClass ${name} not found: a StorageClass is cluster-scoped; apply it and check its name`,
        evidence: {
          expected: `StorageClass ${name}`,
          observed: `classes: ${
            classes
              .map((c) => c.metadata.name ?? '?')
              .sort()
              .join(', ') || 'none'
          }`,
        },
      };
    }
    let provisioner = params.provisioner;
    const notes: string[] = [];
    if (provisioner === CLUSTER_DEFAULT) {
      const defaults = defaultClasses(classes, name);
      const first = defaults[0];
      if (first?.provisioner === undefined) {
        throw new NoVerdictError(
          'the cluster has no default StorageClass, so the grader cannot tell which provisioner it runs; expected one class annotated storageclass.kubernetes.io/is-default-class: "true" (minikube: `minikube addons enable default-storageclass storage-provisioner`)',
        );
      }
      provisioner = first.provisioner;
      notes.push(
        `the cluster's default class is ${first.metadata.name ?? '?'}, provisioner ${provisioner}`,
      );
    }
    const errors: FieldError[] = [];
    const expect = (
      path: string,
      wanted: string | undefined,
      found: string | undefined,
      defaulted?: string,
    ): void => {
      if (wanted !== undefined && (found ?? defaulted) !== wanted) {
        errors.push({
          path,
          message: `expected ${wanted}, found ${found ?? `nothing (defaults to ${defaulted ?? 'nothing'})`}`,
        });
      }
    };
    expect('provisioner', provisioner, sc.provisioner);
    expect('reclaimPolicy', params.reclaimPolicy, sc.reclaimPolicy, 'Delete');
    expect('volumeBindingMode', params.volumeBindingMode, sc.volumeBindingMode, 'Immediate');
    if (errors.length === 0) {
      return {
        status: 'passed',
        message: `StorageClass ${name} uses ${provisioner}, reclaimPolicy ${sc.reclaimPolicy ?? 'Delete'}, volumeBindingMode ${sc.volumeBindingMode ?? 'Immediate'}`,
        evidence: { notes },
      };
    }
    const leftover = await leftoverAdviceFor(ctx, { ...sc, kind: 'StorageClass' });
    return {
      status: 'failed',
      message: `StorageClass ${name} differs from what is asked: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}${leftover === undefined ? '' : `. ${leftover}`}`,
      ...(leftover === undefined ? {} : { hint: leftover }),
      evidence: {
        expected: `provisioner ${provisioner}${params.reclaimPolicy ? `, reclaimPolicy ${params.reclaimPolicy}` : ''}${params.volumeBindingMode ? `, volumeBindingMode ${params.volumeBindingMode}` : ''}`,
        fieldErrors: errors,
        notes,
      },
    };
  },
});
