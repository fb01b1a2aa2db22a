/**
 * Every place a pod template holds a command word or a literal value, with its path: what a check
 * for a password written in clear must read. Containers, init containers and ephemeral containers;
 * command, args and env values; the exec command and HTTP header values of the liveness, readiness
 * and startup probes and of the postStart / preStop lifecycle hooks.
 */

interface ExecHandler {
  exec?: { command?: string[] };
  httpGet?: { httpHeaders?: { name?: string; value?: string }[] };
}

export interface EnvVarSpec {
  name: string;
  value?: string;
  valueFrom?: {
    secretKeyRef?: { name?: string; key?: string };
    configMapKeyRef?: { name?: string; key?: string };
  };
}

export interface ContainerSpec {
  name: string;
  env?: EnvVarSpec[];
  command?: string[];
  args?: string[];
  livenessProbe?: ExecHandler;
  readinessProbe?: ExecHandler;
  startupProbe?: ExecHandler;
  lifecycle?: { postStart?: ExecHandler; preStop?: ExecHandler };
}

export interface PodSpecWords {
  containers?: ContainerSpec[];
  initContainers?: ContainerSpec[];
  ephemeralContainers?: ContainerSpec[];
}

/** One literal string of the spec: `path` is where it is (`…containers[0].livenessProbe.exec.command[3]`). */
export interface PodWord {
  readonly path: string;
  readonly text: string;
}

const CONTAINER_LISTS = ['initContainers', 'containers', 'ephemeralContainers'] as const;
const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
const HOOKS = ['postStart', 'preStop'] as const;

/** Every container of the spec with its path, init containers first (the order they run). */
export function eachContainer(
  spec: PodSpecWords,
  base: string,
): { container: ContainerSpec; path: string }[] {
  return CONTAINER_LISTS.flatMap((list) =>
    (spec[list] ?? []).map((container, i) => ({ container, path: `${base}.${list}[${i}]` })),
  );
}

function handlerWords(handler: ExecHandler | undefined, path: string): PodWord[] {
  return [
    ...(handler?.exec?.command ?? []).map((text, i) => ({
      path: `${path}.exec.command[${i}]`,
      text,
    })),
    ...(handler?.httpGet?.httpHeaders ?? []).map((header, i) => ({
      path: `${path}.httpGet.httpHeaders[${i}].value`,
      text: header.value ?? '',
    })),
  ];
}

/**
 * The command words and header values of one container (env values are left to the caller, which
 * also judges them by their name). Empty strings are left out.
 */
export function containerWords(container: ContainerSpec, path: string): PodWord[] {
  const words: PodWord[] = [];
  for (const field of ['command', 'args'] as const) {
    (container[field] ?? []).forEach((text, i) =>
      words.push({ path: `${path}.${field}[${i}]`, text }),
    );
  }
  for (const probe of PROBES) words.push(...handlerWords(container[probe], `${path}.${probe}`));
  for (const hook of HOOKS) {
    words.push(...handlerWords(container.lifecycle?.[hook], `${path}.lifecycle.${hook}`));
  }
  return words.filter((w) => typeof w.text === 'string' && w.text !== '');
}
