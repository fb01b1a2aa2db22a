import { z } from 'zod';
import type { FieldError } from '../../../src/check-api/index.js';

/** An inclusive range a probe timing must fall in: `{ min: 1, max: 5 }`. */
export const Range = z.strictObject({
  min: z.number().int().min(0).optional(),
  max: z.number().int().min(0).optional(),
});
export type Range = z.infer<typeof Range>;

/** What the exercise asks of one probe. */
export const ProbeExpectation = z.strictObject({
  /** httpGet.path. */
  path: z.string().min(1),
  /** httpGet.port: a number, or a named container port. */
  port: z.union([z.number().int().min(1).max(65535), z.string().min(1)]).optional(),
  initialDelaySeconds: Range.optional(),
  periodSeconds: Range.optional(),
  failureThreshold: Range.optional(),
});
export type ProbeExpectation = z.infer<typeof ProbeExpectation>;

export const ProbeType = z.enum(['liveness', 'readiness', 'startup']);
export type ProbeType = z.infer<typeof ProbeType>;

export interface Probe {
  httpGet?: { path?: string; port?: number | string };
  tcpSocket?: { port?: number | string };
  exec?: { command?: string[] };
  initialDelaySeconds?: number;
  periodSeconds?: number;
  failureThreshold?: number;
}

export interface ProbedContainer {
  name: string;
  ports?: { name?: string; containerPort?: number }[];
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  startupProbe?: Probe;
}

/** The API server's defaults for fields a manifest leaves out. */
const DEFAULTS = { initialDelaySeconds: 0, periodSeconds: 10, failureThreshold: 3 } as const;

function inRange(value: number, range: Range): boolean {
  return (
    (range.min === undefined || value >= range.min) &&
    (range.max === undefined || value <= range.max)
  );
}

function describeRange(range: Range): string {
  if (range.min !== undefined && range.max !== undefined)
    return `between ${range.min} and ${range.max}`;
  if (range.min !== undefined) return `at least ${range.min}`;
  return `at most ${range.max ?? '?'}`;
}

function portNumber(
  container: ProbedContainer,
  port: number | string | undefined,
): number | undefined {
  if (typeof port === 'number') return port;
  return container.ports?.find((p) => p.name === port)?.containerPort;
}

/** Every way `container`'s probe of `type` differs from `expected`, with paths under `base`. */
export function probeErrors(options: {
  container: ProbedContainer;
  type: ProbeType;
  expected: ProbeExpectation;
  base: string;
}): FieldError[] {
  const field = `${options.type}Probe` as const;
  const path = `${options.base}.${field}`;
  const probe = options.container[field];
  const { expected } = options;
  if (probe === undefined)
    return [{ path, message: `missing: add an httpGet ${options.type} probe on ${expected.path}` }];
  if (probe.httpGet === undefined) {
    const used = probe.tcpSocket ? 'tcpSocket' : probe.exec ? 'exec' : 'another method';
    return [
      {
        path: `${path}.httpGet`,
        message: `missing: the probe uses ${used}; the exercise asks for httpGet on ${expected.path}`,
      },
    ];
  }
  const errors: FieldError[] = [];
  if (probe.httpGet.path !== expected.path) {
    errors.push({
      path: `${path}.httpGet.path`,
      message: `expected ${expected.path}, found ${probe.httpGet.path ?? 'nothing'}`,
    });
  }
  if (expected.port !== undefined) {
    const want = portNumber(options.container, expected.port) ?? expected.port;
    const got = portNumber(options.container, probe.httpGet.port) ?? probe.httpGet.port;
    if (want !== got)
      errors.push({
        path: `${path}.httpGet.port`,
        message: `expected ${String(expected.port)}, found ${String(probe.httpGet.port)}`,
      });
  }
  for (const key of ['initialDelaySeconds', 'periodSeconds', 'failureThreshold'] as const) {
    const range = expected[key];
    if (range === undefined) continue;
    const value = probe[key] ?? DEFAULTS[key];
    if (!inRange(value, range)) {
      errors.push({
        path: `${path}.${key}`,
        message: `expected ${describeRange(range)}, found ${value}${probe[key] === undefined ? ' (the default)' : ''}`,
      });
    }
  }
  return errors;
}
