import type { FieldError } from '../../src/model/result.js';

/** The parts of a pod spec where a password could be written in clear. */
export interface EnvVarSpec {
  name: string;
  value?: string;
  valueFrom?: {
    secretKeyRef?: { name?: string; key?: string };
    configMapKeyRef?: { name?: string; key?: string };
  };
}

export interface ContainerEnvSpec {
  name: string;
  env?: EnvVarSpec[];
  command?: string[];
  args?: string[];
}

export interface PodSpecEnv {
  containers?: ContainerEnvSpec[];
  initContainers?: ContainerEnvSpec[];
}

/** Env names that say "this is a credential". */
const CREDENTIAL_NAME = /PASSWORD|PASSWD|PWD$|SECRET|TOKEN/i;

function eachContainer(
  spec: PodSpecEnv,
  base: string,
): { container: ContainerEnvSpec; path: string }[] {
  return [
    ...(spec.initContainers ?? []).map((container, i) => ({
      container,
      path: `${base}.initContainers[${i}]`,
    })),
    ...(spec.containers ?? []).map((container, i) => ({
      container,
      path: `${base}.containers[${i}]`,
    })),
  ];
}

/**
 * Every place in the pod spec that holds a password in clear: an env var whose literal value is
 * the Secret's value, a credential-named env var with a literal value, or the value in command/args.
 * `base` prefixes the paths (`spec.template.spec`).
 */
export function literalSecretFindings(
  spec: PodSpecEnv,
  secretValue: string | undefined,
  base: string,
): FieldError[] {
  const errors: FieldError[] = [];
  const candidates =
    secretValue === undefined ? [] : [secretValue, secretValue.trim()].filter((v) => v !== '');
  for (const { container, path } of eachContainer(spec, base)) {
    (container.env ?? []).forEach((env, i) => {
      if (env.value === undefined || env.value === '') return;
      if (candidates.includes(env.value)) {
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
    for (const field of ['command', 'args'] as const) {
      (container[field] ?? []).forEach((word, i) => {
        if (candidates.some((c) => word.includes(c))) {
          errors.push({
            path: `${path}.${field}[${i}]`,
            message: "contains the Secret's password in clear",
          });
        }
      });
    }
  }
  return errors;
}

/** Paths of env vars that read `secret`/`key` through secretKeyRef, e.g. `…containers[0].env[0] (MARIADB_ROOT_PASSWORD)`. */
export function secretKeyRefs(
  spec: PodSpecEnv,
  secret: string,
  key: string,
  base: string,
): string[] {
  const found: string[] = [];
  for (const { container, path } of eachContainer(spec, base)) {
    (container.env ?? []).forEach((env, i) => {
      const ref = env.valueFrom?.secretKeyRef;
      if (ref?.name === secret && ref.key === key) found.push(`${path}.env[${i}] (${env.name})`);
    });
  }
  return found;
}
