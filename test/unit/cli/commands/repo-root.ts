import { fileURLToPath } from 'node:url';

/** The repository root: fixture paths in these tests are relative to it. */
export const REPO_ROOT = fileURLToPath(new URL('../../../..', import.meta.url)).replace(/\/$/, '');
