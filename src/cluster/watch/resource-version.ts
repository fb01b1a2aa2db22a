/**
 * Orders two resourceVersions of objects of the same resource, as KEP-5504 (Comparable Resource
 * Version, stable in Kubernetes 1.35) defines it: a resourceVersion is a decimal integer without
 * leading zeros, so the longer one is newer and equal lengths compare digit by digit. Every
 * etcd-backed API server has always produced them that way; a server that does not (an aggregated
 * API, a non-etcd backend) gets `undefined`, and callers must not order its events.
 */
export function compareResourceVersions(a: string, b: string): -1 | 0 | 1 | undefined {
  if (!COMPARABLE.test(a) || !COMPARABLE.test(b)) return undefined;
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  return a === b ? 0 : a < b ? -1 : 1;
}

const COMPARABLE = /^[1-9][0-9]*$/;
