import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../model/labs-dir.js';

/** kubelab's version, from its package.json (`kubelab --version`, report headers). */
export function kubelabVersion(): string {
  const parsed = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as {
    version?: unknown;
  };
  return typeof parsed.version === 'string' ? parsed.version : '0.0.0';
}
