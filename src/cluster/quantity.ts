/**
 * Kubernetes resource quantities (`100m`, `0.5`, `64Mi`, `1G`, `128974848`, `1e3`) as numbers, so
 * `0.1` CPU equals `100m` and `134217728` bytes equals `128Mi`, as the API server itself compares them.
 */
const SUFFIX: Readonly<Record<string, number>> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

const QUANTITY =
  /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?)$/;

/** The quantity's value in base units (cores or bytes), or undefined when it is not a quantity. */
export function parseQuantity(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const match = QUANTITY.exec(value.trim());
  if (match === null) return undefined;
  const base = Number(match[1]);
  if (match[2] !== undefined) return base * 10 ** Number(match[2].slice(1));
  const factor = SUFFIX[match[3] ?? ''];
  return factor === undefined ? undefined : base * factor;
}

/** Two quantities are equal when their values are (within a rounding error of a millionth). */
export function sameQuantity(a: unknown, b: unknown): boolean {
  const x = parseQuantity(a);
  const y = parseQuantity(b);
  if (x === undefined || y === undefined) return false;
  return Math.abs(x - y) <= Math.max(Math.abs(x), Math.abs(y)) * 1e-6;
}

/** Bytes as the largest binary unit that divides them: 67108864 → `64Mi`. */
export function formatBytes(bytes: number): string {
  for (const unit of ['Ei', 'Pi', 'Ti', 'Gi', 'Mi', 'Ki'] as const) {
    const factor = SUFFIX[unit] ?? 1;
    if (bytes >= factor && Number.isInteger(bytes / factor)) return `${bytes / factor}${unit}`;
  }
  return `${Math.round(bytes)}`;
}
