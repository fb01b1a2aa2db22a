import { stableHash } from '../stable-hash.js';

/**
 * Student ids must fit in namespace names `kubelab-<lab>-<id>` (at most 63 characters, DNS label)
 * and in label values. Lab ids are at most 30 characters, so ids get 63 - 30 - 9 = 24.
 */
export const MAX_STUDENT_ID_LENGTH = 24;
const HASH_SUFFIX_LENGTH = 6;

/**
 * A DNS-label-safe form of a directory or roster name: lowercase, [a-z0-9-], no leading or
 * trailing dash, at most `maxLength` characters. Accents are dropped (é → e); anything else becomes
 * a dash. A name with nothing usable left becomes `s-<hash>`, so every input maps to a valid id.
 */
export function sanitizeStudentId(raw: string, maxLength = MAX_STUDENT_ID_LENGTH): string {
  const ascii = raw.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  let id = ascii
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (id === '') id = `s-${stableHash(raw).slice(0, HASH_SUFFIX_LENGTH)}`;
  return id.length > maxLength ? id.slice(0, maxLength).replace(/-+$/g, '') : id;
}

/**
 * Sanitised ids for a set of raw names, unique: when two names sanitise to the same id (`Alice` and
 * `alice`, or two long names cut alike), each colliding one gets `-<hash of the raw name>` so the
 * mapping stays stable whatever the order or the other names. A suffixed id that is already taken
 * (a folder literally named `alice-3f2a1c`, or another suffix) is hashed again with a counter until
 * it is free, so no two names ever share an id and nobody is dropped. Returns raw name → id.
 */
export function assignStudentIds(
  rawNames: readonly string[],
  maxLength = MAX_STUDENT_ID_LENGTH,
): Map<string, string> {
  const unique = [...new Set(rawNames)].sort();
  const byId = new Map<string, string[]>();
  for (const raw of unique) {
    const id = sanitizeStudentId(raw, maxLength);
    byId.set(id, [...(byId.get(id) ?? []), raw]);
  }
  const result = new Map<string, string>();
  const taken = new Set<string>();
  for (const [id, raws] of byId) {
    if (raws.length !== 1) continue;
    result.set(raws[0] as string, id);
    taken.add(id);
  }
  for (const [id, raws] of [...byId].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (raws.length === 1) continue;
    for (const raw of raws) {
      let suffixed = withSuffix(id, raw, maxLength);
      for (let attempt = 1; taken.has(suffixed); attempt += 1)
        suffixed = withSuffix(id, `${raw}\u0000${attempt}`, maxLength);
      result.set(raw, suffixed);
      taken.add(suffixed);
    }
  }
  return result;
}
function withSuffix(id: string, raw: string, maxLength: number): string {
  const suffix = stableHash(raw).slice(0, HASH_SUFFIX_LENGTH);
  const head = id.slice(0, maxLength - HASH_SUFFIX_LENGTH - 1).replace(/-+$/g, '');
  return head === '' ? `s-${suffix}` : `${head}-${suffix}`;
}
