/**
 * What can be wrong with a password stored in a Secret, in words a student can act on. The course's
 * own example (`bXlzZWNyZXRwYXNzCg==`) is `echo mysecretpass | base64`: "mysecretpass\n", with the
 * newline `echo` adds. The database then expects the newline as part of the password.
 */
export function secretValueProblem(value: string): string | undefined {
  if (value.length === 0) return 'the value is empty';
  if (value.endsWith('\n')) {
    return (
      `the value ends with a newline (${JSON.stringify(value)}): it was encoded with \`echo … | base64\`, ` +
      'which adds "\\n"; encode it with `echo -n … | base64`, or use stringData, or `kubectl create secret generic --from-literal`'
    );
  }
  if (value.trim() !== value) {
    return `the value has leading or trailing spaces (${JSON.stringify(value)}); remove them`;
  }
  return undefined;
}

/** Decodes a Secret's `data` entry; undefined when it is not valid base64. */
export function decodeSecretData(encoded: string): string | undefined {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(encoded) || encoded.length % 4 !== 0) return undefined;
  return Buffer.from(encoded, 'base64').toString('utf8');
}
