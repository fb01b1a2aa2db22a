import type {
  ApplyOptions,
  ApplyResult,
  Cluster,
  EventSummary,
  ExecOptions,
  ExecResult,
  KubeObject,
  ListRef,
  LogsOptions,
  ObjectRef,
  ServerInfo,
  WaitCondition,
  WaitOptions,
} from '../cluster.js';
import { applyObjects, applyYaml } from '../apply.js';
import { Discovery } from './discovery.js';
import { listEvents } from '../events.js';
import { execInPod } from '../exec.js';
import { podLogs } from '../logs.js';
import {
  createObject,
  deleteObject,
  getObject,
  listObjects,
  mergePatch,
  type DeleteOptions,
  type RestContext,
} from './rest.js';
import type { Transport } from './transport.js';
import { waitFor, waitForDeletion } from '../watch/wait.js';
import { directWaitSources, type WaitSources } from '../watch/watch-cache.js';

/**
 * The Cluster contract over one context's authenticated transport (see connect.ts to build one).
 * Waits open a list+watch each, unless `waitSources` says otherwise (batch grading shares one
 * watch per kind: see watch-cache.ts and `withWaitSources`).
 */
export class ClusterClient implements Cluster {
  readonly context: string;
  readonly server: string;
  /** The generic REST layer, for modules in src/cluster that need more than the contract. */
  readonly rest: RestContext;
  private readonly waits: WaitSources;

  constructor(
    readonly transport: Transport,
    options: { rest?: RestContext; waitSources?: (rest: RestContext) => WaitSources } = {},
  ) {
    this.context = transport.context;
    this.server = transport.server;
    this.rest = options.rest ?? { transport, discovery: new Discovery(transport) };
    this.waits = (options.waitSources ?? directWaitSources)(this.rest);
  }

  /** The same connection (and discovery cache) with waits served by `waitSources`. */
  withWaitSources(waitSources: (rest: RestContext) => WaitSources): ClusterClient {
    return new ClusterClient(this.transport, { rest: this.rest, waitSources });
  }

  async serverInfo(signal?: AbortSignal): Promise<ServerInfo> {
    const version = await this.transport.json<{ gitVersion?: string }>({
      method: 'GET',
      path: '/version',
      signal,
    });
    return {
      context: this.context,
      server: this.server,
      gitVersion: version.gitVersion ?? 'unknown',
    };
  }

  applyYaml(text: string, source: string, options?: ApplyOptions): Promise<ApplyResult[]> {
    return applyYaml(this.rest, text, source, options);
  }

  apply(
    objects: readonly KubeObject[],
    source: string,
    options?: ApplyOptions,
  ): Promise<ApplyResult[]> {
    return applyObjects(
      this.rest,
      objects.map((object) => ({ object, source })),
      options,
    );
  }

  get<T extends KubeObject = KubeObject>(
    ref: ObjectRef,
    signal?: AbortSignal,
  ): Promise<T | undefined> {
    return getObject<T>(this.rest, ref, signal);
  }

  async list<T extends KubeObject = KubeObject>(ref: ListRef, signal?: AbortSignal): Promise<T[]> {
    return (await listObjects<T>(this.rest, ref, signal)).items;
  }

  create<T extends KubeObject = KubeObject>(object: KubeObject, signal?: AbortSignal): Promise<T> {
    return createObject<T>(this.rest, object, signal);
  }

  patch<T extends KubeObject = KubeObject>(
    ref: ObjectRef,
    patch: object,
    signal?: AbortSignal,
  ): Promise<T> {
    return mergePatch<T>(this.rest, ref, patch, signal);
  }

  delete(ref: ObjectRef, options?: DeleteOptions): Promise<void> {
    return deleteObject(this.rest, ref, options);
  }

  exec(options: ExecOptions): Promise<ExecResult> {
    return execInPod(this.rest, options);
  }

  logs(options: LogsOptions): Promise<string> {
    return podLogs(this.rest, options);
  }

  events(namespace: string, about?: { kind: string; name: string }): Promise<EventSummary[]> {
    return listEvents(this.rest, namespace, about);
  }

  waitFor<T extends KubeObject, R>(
    ref: ListRef,
    condition: WaitCondition<T, R>,
    options: WaitOptions,
  ): Promise<R> {
    return waitFor(this.rest, ref, condition, {
      ...options,
      source: this.waits.sourceFor<T>(ref),
    });
  }

  waitForDeletion(ref: ObjectRef, options: WaitOptions & { uid?: string }): Promise<void> {
    return waitForDeletion(this.rest, ref, {
      ...options,
      sourceFor: (list) => this.waits.sourceFor(list),
    });
  }
}
