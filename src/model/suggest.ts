import { distance } from 'fastest-levenshtein';

/**
 * Names close to `input`: prefix matches first (`probe` → `probes`), then those within a small edit
 * distance, nearest first, ties by name. At most `limit` (default 3).
 */
export function suggest(input: string, candidates: readonly string[], limit = 3): string[] {
  const wanted = input.toLowerCase();
  if (wanted === '') return [];
  const maxDistance = Math.max(2, Math.floor(wanted.length / 3));
  const scored = [...new Set(candidates)]
    .map((name) => {
      const lower = name.toLowerCase();
      const prefix = lower.startsWith(wanted) || wanted.startsWith(lower);
      return { name, prefix, distance: distance(wanted, lower) };
    })
    .filter((c) => c.prefix || c.distance <= maxDistance)
    .sort(
      (a, b) =>
        Number(b.prefix) - Number(a.prefix) ||
        a.distance - b.distance ||
        (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
    );
  return scored.slice(0, limit).map((c) => c.name);
}

/** `; did you mean "probes"?` or `; did you mean "a" or "b"?`, or '' when nothing is close. */
export function didYouMean(input: string, candidates: readonly string[]): string {
  const names = suggest(input, candidates).map((name) => JSON.stringify(name));
  if (names.length === 0) return '';
  const last = names.pop() as string;
  return `; did you mean ${names.length > 0 ? `${names.join(', ')} or ${last}` : last}?`;
}
