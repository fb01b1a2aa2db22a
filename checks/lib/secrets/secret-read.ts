import type { CheckContext, KubeObject } from '../../../src/check-api/index.js';
import { decodeSecretData } from './secret-value.js';

interface Secret extends KubeObject {
  data?: Record<string, string>;
}

export type SecretRead =
  { readonly ok: true; readonly value: string } | { readonly ok: false; readonly reason: string };

/** The decoded value of `secret`/`key` in the lab namespace, or why it cannot be had. */
export async function readSecretKey(
  ctx: CheckContext,
  secret: string,
  key: string,
): Promise<SecretRead> {
  const object = await ctx.cluster.get<Secret>(
    { apiVersion: 'v1', kind: 'Secret', namespace: ctx.scope.namespace, name: secret },
    ctx.signal,
  );
  if (object === undefined)
    return { ok: false, reason: `Secret ${secret} not found in namespace ${ctx.scope.namespace}` };
  const encoded = object.data?.[key];
  if (encoded === undefined) {
    const keys = Object.keys(object.data ?? {}).sort();
    return {
      ok: false,
      reason: `Secret ${secret} has no key ${key} (its keys: ${keys.join(', ') || 'none'})`,
    };
  }
  const value = decodeSecretData(encoded);
  if (value === undefined)
    return { ok: false, reason: `Secret ${secret} key ${key} is not valid base64` };
  return { ok: true, value };
}
