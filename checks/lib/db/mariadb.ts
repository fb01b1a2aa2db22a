import type { CheckContext, ExecResult } from '../../../src/check-api/index.js';
import { execIn } from '../pods/exec.js';

/** Runs one SQL statement as root with the `mariadb` client inside the pod (local socket); the password is its own argv word. */
export function mariadbQuery(
  ctx: CheckContext,
  options: { pod: string; container?: string | undefined; password: string; sql: string },
): Promise<ExecResult> {
  return execIn(ctx, {
    pod: options.pod,
    container: options.container,
    command: [
      'mariadb',
      '--user=root',
      `--password=${options.password}`,
      '--batch',
      '--skip-column-names',
      '--execute',
      options.sql,
    ],
  });
}

export function isAccessDenied(result: ExecResult): boolean {
  return result.exitCode !== 0 && /Access denied/i.test(result.stderr);
}

export function cannotConnect(result: ExecResult): boolean {
  return (
    result.exitCode !== 0 &&
    /Can't connect|Lost connection|ERROR 2002|ERROR 2013/i.test(result.stderr)
  );
}

/**
 * The value an option file gives `variable` (`max_connections = 50` under [mysqld], [mariadbd],
 * [server] or [mariadb]); `-` and `_` are the same in option names. The last one wins, as for the server.
 */
export function optionValue(cnf: string, variable: string): string | undefined {
  const wanted = variable.replace(/-/g, '_').toLowerCase();
  const serverGroups = new Set(['mysqld', 'mariadbd', 'server', 'mariadb', 'mariadb-10.11']);
  let group = '';
  let value: string | undefined;
  for (const raw of cnf.split('\n')) {
    const line = raw.replace(/[#;].*$/, '').trim();
    const header = /^\[([^\]]+)\]$/.exec(line);
    if (header?.[1] !== undefined) {
      group = header[1].trim().toLowerCase();
      continue;
    }
    const pair = /^([A-Za-z0-9_-]+)\s*=\s*(.*)$/.exec(line);
    if (pair?.[1] === undefined || !serverGroups.has(group)) continue;
    if (pair[1].replace(/-/g, '_').toLowerCase() === wanted)
      value = (pair[2] ?? '').trim().replace(/^["']|["']$/g, '');
  }
  return value;
}

/**
 * The password to try for a Secret value, in order: the value as stored, then (when it differs) the
 * value without trailing whitespace. A Secret made with `echo … | base64` ends with "\n"; the
 * official entrypoint keeps that newline in root's password, a shell `$(…)` would drop it, so the
 * grader accepts either — secret-key-valid reports the newline itself.
 */
export function passwordCandidates(value: string): string[] {
  const trimmed = value.replace(/\s+$/, '');
  return trimmed === value || trimmed === '' ? [value] : [value, trimmed];
}

/**
 * Runs `sql` with each candidate password until one is not refused; returns the last result and
 * the candidate that was accepted (undefined when every one was refused).
 */
export async function mariadbQueryWithSecret(
  ctx: CheckContext,
  options: { pod: string; container?: string | undefined; secretValue: string; sql: string },
): Promise<{ result: ExecResult; accepted: string | undefined }> {
  let result: ExecResult | undefined;
  for (const password of passwordCandidates(options.secretValue)) {
    result = await mariadbQuery(ctx, { ...options, password });
    if (!isAccessDenied(result))
      return { result, accepted: result.exitCode === 0 ? password : undefined };
  }
  return { result: result as ExecResult, accepted: undefined };
}
