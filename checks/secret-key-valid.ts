import { z } from 'zod';
import { defineCheck } from '../src/check-api/index.js';
import { readSecretKey } from './lib/secrets/secret-read.js';
import { secretValueProblem } from './lib/secrets/secret-value.js';

/** One GET: ten seconds covers a slow API server. */
const DEFAULT_TIMEOUT_MS = 10_000;

export default defineCheck({
  kind: 'secret-key-valid',
  description:
    'A Secret exists with the key asked for, and its value is a usable password: not empty, and without the trailing newline `echo … | base64` adds.',
  params: z.strictObject({ secret: z.string().min(1), key: z.string().min(1) }),
  defaultTimeoutMs: DEFAULT_TIMEOUT_MS,
  async run(ctx, params) {
    const read = await readSecretKey(ctx, params.secret, params.key);
    if (!read.ok) {
      return {
        status: 'failed',
        message: read.reason,
        evidence: { expected: `Secret ${params.secret} with key ${params.key}` },
      };
    }
    const problem = secretValueProblem(read.value);
    if (problem === undefined) {
      return {
        status: 'passed',
        message: `Secret ${params.secret} holds a ${read.value.length}-character ${params.key}`,
      };
    }
    return {
      status: 'failed',
      message: `Secret ${params.secret} key ${params.key}: ${problem}`,
      evidence: {
        expected: `${params.key}: the password alone, no newline`,
        observed: `${read.value.length} characters, ends with ${JSON.stringify(read.value.slice(-1))}`,
      },
    };
  },
});
