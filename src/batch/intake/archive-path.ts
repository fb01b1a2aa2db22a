/**
 * Archive entry names are untrusted: `../../etc/cron.d/x`, `/etc/passwd`, `C:\x`, `a/../../b`.
 * safeEntryPath returns a relative path that stays inside the extraction directory, or why not.
 */
export type EntryPathVerdict =
  { readonly ok: true; readonly path: string } | { readonly ok: false; readonly reason: string };

/** Deeper than this is no lab submission. */
const MAX_DEPTH = 16;
const MAX_PATH_LENGTH = 512;

export function safeEntryPath(name: string): EntryPathVerdict {
  if (name.includes('\0')) return { ok: false, reason: 'the name contains a NUL byte' };
  if (name.length > MAX_PATH_LENGTH)
    return { ok: false, reason: `the name is longer than ${MAX_PATH_LENGTH} characters` };
  const slashed = name.replace(/\\/g, '/');
  if (slashed.startsWith('/') || /^[a-zA-Z]:/.test(slashed))
    return { ok: false, reason: 'an absolute path' };
  const segments = slashed.split('/').filter((segment) => segment !== '' && segment !== '.');
  if (segments.includes('..')) return { ok: false, reason: 'a path with ".." (zip slip)' };
  if (segments.length === 0) return { ok: false, reason: 'an empty name' };
  if (segments.length > MAX_DEPTH)
    return { ok: false, reason: `nested deeper than ${MAX_DEPTH} folders` };
  return { ok: true, path: segments.join('/') };
}
