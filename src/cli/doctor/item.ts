import type { Cluster } from '../../cluster/cluster.js';
import type { NodeAccessKind } from '../../cluster/node-access/node-access.js';

/** What every doctor item may use. */
export interface DoctorEnv {
  readonly cluster: Cluster;
  readonly signal: AbortSignal;
  /** labs/images.yaml: the images the labs need on the node. */
  readonly imagesFile: string;
  /** --node-access, when given. */
  readonly nodeAccess: NodeAccessKind | undefined;
}

export type DoctorVerdict =
  | { readonly ok: true; readonly detail: string }
  | { readonly ok: false; readonly detail: string; readonly tryLine: string };

/** One line of `kubelab doctor`: a named check of the environment. */
export interface DoctorItem {
  readonly title: string;
  /** A failed required item makes doctor exit 1; an optional one is a warning. */
  readonly required: boolean;
  run(env: DoctorEnv): Promise<DoctorVerdict>;
}

export function ok(detail: string): DoctorVerdict {
  return { ok: true, detail };
}

export function notOk(detail: string, tryLine: string): DoctorVerdict {
  return { ok: false, detail, tryLine };
}
