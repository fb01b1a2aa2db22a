import { execa } from 'execa';

/**
 * The container engine holding a kind cluster's node containers. kind itself picks it from
 * `KIND_EXPERIMENTAL_PROVIDER` (docker, podman or nerdctl) and otherwise tries docker first, so
 * kubelab does the same, and then asks each candidate whether it really has the node container:
 * a machine can have a `docker` client and no Docker engine (kind on podman), or podman's
 * `docker` shim (podman-docker), and either way the engine that answers is the one to use.
 */
export const KindEngine = { docker: 'docker', podman: 'podman', nerdctl: 'nerdctl' } as const;
export type KindEngine = (typeof KindEngine)[keyof typeof KindEngine];

/** The env variable kind reads to choose its node provider. */
export const KIND_PROVIDER_ENV = 'KIND_EXPERIMENTAL_PROVIDER';

/** How long one `<engine> container inspect` may take before the engine counts as absent. */
const ENGINE_PROBE_TIMEOUT_MS = 10_000;

const ENGINES: readonly KindEngine[] = [KindEngine.docker, KindEngine.podman, KindEngine.nerdctl];

/** An unknown provider name, with what kind accepts. */
export class KindProviderError extends Error {
  override readonly name = 'KindProviderError';
  constructor(readonly value: string) {
    super(
      `${KIND_PROVIDER_ENV}=${value} is not a kind provider; expected one of ${ENGINES.join(', ')} ` +
        `(or unset, to try docker, then podman, then nerdctl)`,
    );
  }
}

/** The engines to try, in order: the provider kind was told to use, else kind's own order. */
export function kindEngineCandidates(
  env: Readonly<Record<string, string | undefined>>,
): KindEngine[] {
  const provider = env[KIND_PROVIDER_ENV]?.trim();
  if (provider === undefined || provider === '') return [...ENGINES];
  const engine = ENGINES.find((name) => name === provider);
  if (engine === undefined) throw new KindProviderError(provider);
  return [engine];
}

/** Whether `engine` runs a container named `container` (false when the engine is absent or down). */
export type ContainerProbe = (engine: KindEngine, container: string) => Promise<boolean>;

/** Asks the engine itself: `<engine> container inspect <container>` exits 0. */
export const inspectContainer: ContainerProbe = async (engine, container) => {
  const result = await execa(
    engine,
    ['container', 'inspect', '--format', '{{.State.Running}}', container],
    {
      reject: false,
      timeout: ENGINE_PROBE_TIMEOUT_MS,
    },
  );
  return result.exitCode === 0 && String(result.stdout).trim() === 'true';
};

/**
 * The first candidate engine running the node container; when none answers, the first candidate
 * (so the error the user sees comes from the engine kind would use).
 */
export async function detectKindEngine(options: {
  container: string;
  env?: Readonly<Record<string, string | undefined>>;
  probe?: ContainerProbe;
}): Promise<KindEngine> {
  const candidates = kindEngineCandidates(options.env ?? process.env);
  const probe = options.probe ?? inspectContainer;
  for (const engine of candidates) {
    if (await probe(engine, options.container)) return engine;
  }
  return candidates[0] ?? KindEngine.docker;
}
