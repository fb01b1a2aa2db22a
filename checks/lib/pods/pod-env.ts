import type { FieldError } from '../../../src/check-api/index.js';
import { containerWords, eachContainer, type PodSpecWords } from './pod-words.js';

export type { ContainerSpec } from './pod-words.js';
/** The parts of a pod spec where a password could be written in clear (see pod-words.ts). */
export type PodSpecEnv = PodSpecWords;

/** Env names that say "this is a credential". */
const CREDENTIAL_NAME = /PASSWORD|PASSWD|PWD$|SECRET|TOKEN/i;

/**
 * A Secret value shorter than this is only found as a whole string (an env value or one command
 * word equal to it): as a substring, `abc` would be "found" in ordinary words.
 */
const MIN_SUBSTRING_LENGTH = 4;

function holds(text: string, candidates: readonly string[]): boolean {
  return candidates.some((c) => (c.length < MIN_SUBSTRING_LENGTH ? text === c : text.includes(c)));
}

/**
 * Every place in the pod spec that holds a password in clear: an env value containing the Secret's
 * value, a credential-named env var with a literal value, or the Secret's value in a command word
 * (command, args, probe and lifecycle-hook exec commands, HTTP header values) of any container,
 * init container or ephemeral container. `base` prefixes the paths (`spec.template.spec`).
 */
export function literalSecretFindings(options: {
  readonly spec: PodSpecEnv;
  /** The Secret's value; undefined when it could not be read (then only env names are judged). */
  readonly secretValue: string | undefined;
  readonly base: string;
}): FieldError[] {
  const { spec, secretValue, base } = options;
  const errors: FieldError[] = [];
  const candidates =
    secretValue === undefined ? [] : [secretValue, secretValue.trim()].filter((v) => v !== '');
  for (const { container, path } of eachContainer(spec, base)) {
    (container.env ?? []).forEach((env, i) => {
      if (env.value === undefined || env.value === '') return;
      if (holds(env.value, candidates)) {
        errors.push({
          path: `${path}.env[${i}].value`,
          message: `${env.name} holds the Secret's password in clear`,
        });
      } else if (CREDENTIAL_NAME.test(env.name)) {
        errors.push({
          path: `${path}.env[${i}].value`,
          message: `${env.name} has a literal value; read it with valueFrom.secretKeyRef`,
        });
      }
    });
    for (const word of containerWords(container, path)) {
      if (holds(word.text, candidates))
        errors.push({ path: word.path, message: "contains the Secret's password in clear" });
    }
  }
  return errors;
}

/** Paths of env vars that read `secret`/`key` through secretKeyRef, e.g. `…containers[0].env[0] (MARIADB_ROOT_PASSWORD)`. */
export function secretKeyRefs(options: {
  readonly spec: PodSpecEnv;
  readonly secret: string;
  readonly key: string;
  readonly base: string;
}): string[] {
  const { spec, secret, key, base } = options;
  const found: string[] = [];
  for (const { container, path } of eachContainer(spec, base)) {
    (container.env ?? []).forEach((env, i) => {
      const ref = env.valueFrom?.secretKeyRef;
      if (ref?.name === secret && ref.key === key) found.push(`${path}.env[${i}] (${env.name})`);
    });
  }
  return found;
}
