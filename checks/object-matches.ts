import { z } from 'zod';
import {
  clusterName,
  defineCheck,
  isClusterScoped,
  PREFIXED_KINDS,
} from '../src/check-api/index.js';
import { stringify } from 'yaml';
import { matchPartial } from './lib/match.js';

/** The expected partial object is shown as YAML, bounded so a large assertion does not flood a report. */
const MAX_EXPECTED_CHARS = 2_000;

function partialYaml(match: unknown): string {
  const text = stringify(match ?? {}).trimEnd();
  return text.length > MAX_EXPECTED_CHARS ? `${text.slice(0, MAX_EXPECTED_CHARS)}\n…` : text;
}

/** Reading one object is a single GET: ten seconds covers a slow API server. */
const DEFAULT_TIMEOUT_MS = 10_000;

export default defineCheck({
  kind: 'object-matches',
  description:
    'An object exists and contains the given partial object (chainsaw-style assertion); lists every field that differs. With absent: true, asserts the object does not exist.',
  params: z
    .strictObject({
      apiVersion: z.string().min(1),
      kind: z.string().min(1),
      /** The name as the student wrote it; cluster-scoped names are mapped through the scope's prefix. */
      name: z.string().min(1),
      /** The partial object every field of which must be present with this value. */
      match: z.record(z.string(), z.unknown()).optional(),
      /** Assert the object does NOT exist. */
      absent: z.boolean().default(false),
    })
    .refine((p) => p.absent || p.match !== undefined, {
      message: 'expected `match` (or `absent: true`)',
    }),
  defaultTimeoutMs: DEFAULT_TIMEOUT_MS,
  async run(ctx, params) {
    const clusterScoped = isClusterScoped(params.kind);
    const name = PREFIXED_KINDS.has(params.kind)
      ? clusterName(ctx.scope, params.name)
      : params.name;
    const where = clusterScoped ? '' : ` in namespace ${ctx.scope.namespace}`;
    const what = `${params.kind} ${name}`;
    ctx.progress(`reading ${what}`);
    const object = await ctx.cluster.get(
      {
        apiVersion: params.apiVersion,
        kind: params.kind,
        name,
        ...(clusterScoped ? {} : { namespace: ctx.scope.namespace }),
      },
      ctx.signal,
    );
    if (params.absent) {
      return object === undefined
        ? { status: 'passed', message: `${what} does not exist${where}, as expected` }
        : {
            status: 'failed',
            message: `${what} still exists${where}; expected it to be gone`,
            evidence: {
              expected: `no ${what}`,
              observed: `${what} (uid ${object.metadata.uid ?? '?'})`,
            },
          };
    }
    if (object === undefined) {
      return {
        status: 'failed',
        message: `${what} not found${where}`,
        evidence: {
          expected: `${what} matching:\n${partialYaml(params.match)}`,
          observed: 'no such object',
          notes: ['apply your manifests and check the kind, name and apiVersion'],
        },
      };
    }
    const fieldErrors = matchPartial(params.match, object);
    if (fieldErrors.length === 0) {
      return { status: 'passed', message: `${what} matches` };
    }
    return {
      status: 'failed',
      message: `${what} differs from what is expected in ${fieldErrors.length} field(s): ${fieldErrors
        .map((e) => `${e.path}: ${e.message}`)
        .join('; ')}`,
      evidence: { expected: `${what} matching:\n${partialYaml(params.match)}`, fieldErrors },
    };
  },
});
