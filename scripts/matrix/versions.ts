/**
 * The Kubernetes versions kubelab supports, as the newest patch of each minor the Go module proxy
 * served on 2026-12-06 (`go list -m -versions k8s.io/kubernetes`). 1.34 reached end of life on
 * 2026-10-27. The matrix also tries the next minor's beta.
 */
export const SUPPORTED_VERSIONS = ['v1.35.4', 'v1.36.3', 'v1.37.2'] as const;
const NEXT_BETA = 'v1.38.0-beta.0';
export const MATRIX_VERSIONS: readonly string[] = [...SUPPORTED_VERSIONS, NEXT_BETA];
