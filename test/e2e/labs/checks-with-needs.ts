import type { CheckSpec } from '../../../src/model/lab.js';

/**
 * The checks `ids` of a lab plus every check they need (transitively), in the lab's order, so a
 * negative control that runs one check still runs what gates it (`needs:`) first.
 */
export function checksWithNeeds<C extends Pick<CheckSpec, 'id' | 'needs'>>(
  checks: readonly C[],
  ids: readonly string[],
): C[] {
  const wanted = new Set<string>();
  const add = (id: string): void => {
    if (wanted.has(id)) return;
    wanted.add(id);
    for (const need of checks.find((c) => c.id === id)?.needs ?? []) add(need);
  };
  for (const id of ids) add(id);
  return checks.filter((c) => wanted.has(c.id));
}
