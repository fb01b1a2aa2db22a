import { z } from 'zod';
import { Duration } from './duration.js';
import { LAB_ID_MESSAGE, LAB_ID_PATTERN } from './lab-id.js';
import { labRuleIssues } from './lab-rules.js';

/** Lab and check ids: lowercase DNS-label-like, so they fit in namespace names. */
export const Id = z.string().regex(LAB_ID_PATTERN, LAB_ID_MESSAGE);

/** Cluster-scoped kinds a lab may create (name-prefixed and cleaned up per student in batch). */
export const ClusterScopedKind = z.enum(['PersistentVolume', 'StorageClass', 'PriorityClass']);
export type ClusterScopedKind = z.infer<typeof ClusterScopedKind>;

export const CheckSpec = z.strictObject({
  id: Id,
  title: z.string().min(1),
  /** A check kind registered under checks/. */
  kind: z.string().min(1),
  points: z.number().int().min(0),
  /** Shown under the check when it does not pass. Every check has one. */
  hint: z.string().min(1),
  /** Kind-specific parameters, validated by the kind's own schema. */
  params: z.record(z.string(), z.unknown()).default({}),
  visibility: z.enum(['visible', 'hidden']).default('visible'),
  timeout: Duration.optional(),
  /** Ids of checks that must pass first; if one did not, this one is skipped (0 points, says which). */
  needs: z.array(Id).default([]),
});
export type CheckSpec = z.infer<typeof CheckSpec>;

export const Lab = z
  .strictObject({
    id: Id,
    title: z.string().min(1),
    summary: z.string().min(1),
    /** Where in the course this comes from, e.g. "CM3 §2.2–2.4". */
    course: z.string().optional(),
    /** Timeouts: `default` for every check, or per check kind (`workload-ready: 2m`). */
    timeouts: z.record(z.string(), Duration).default({}),
    /** Cluster-scoped kinds the student's manifests may contain. */
    clusterScoped: z.array(ClusterScopedKind).default([]),
    /** The lab writes to a node (static pods, hostPath): needs a node-access adapter. */
    nodeAccess: z.boolean().default(false),
    /** Pod Security level enforced on the lab namespace (default baseline). */
    podSecurity: z.enum(['privileged', 'baseline', 'restricted']).default('baseline'),
    /** Files the student hands in besides manifests (e.g. answers.yaml, static/). */
    extraFiles: z.array(z.string()).default([]),
    checks: z.array(CheckSpec).min(1),
    verify: z
      .strictObject({
        /** Check ids the starter must fail (and only those) in `kubelab verify`. */
        starterFails: z.array(Id).min(1),
      })
      .optional(),
  })
  /** Cross-field rules (points sum to 100, unique ids, needs, starterFails): see lab-rules.ts. */
  .superRefine((lab, ctx) => {
    for (const issue of labRuleIssues(lab)) {
      ctx.addIssue({ code: 'custom', path: [...issue.path], message: issue.message });
    }
  });
export type Lab = z.infer<typeof Lab>;
/** The lab.yaml text as written (before defaults and duration parsing). */
export type LabInput = z.input<typeof Lab>;
