/**
 * The one narrow door to Kubernetes. Everything kubelab does to a cluster goes through this
 * contract; src/cluster/connect/client.ts implements it over @kubernetes/client-node.
 *
 * Objects are plain JSON as the API server returns them (KubeObject). client-node's V1* types may be
 * used as structural hints (`as V1Pod`), but their Date fields are ISO strings at runtime here:
 * read times with `timeOf()` from ./time.ts, never with `.getTime()` on the field.
 */

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: {
    apiVersion: string;
    kind: string;
    name: string;
    uid: string;
    controller?: boolean;
  }[];
  [key: string]: unknown;
}

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [key: string]: unknown;
}

/** Names one object, or (without name) a collection. `namespace` is ignored for cluster-scoped kinds. */
export interface ObjectRef {
  readonly apiVersion: string;
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
}

export interface ListRef {
  readonly apiVersion: string;
  readonly kind: string;
  readonly namespace?: string;
  readonly labelSelector?: string;
  readonly fieldSelector?: string;
}

export interface ApplyOptions {
  /** Namespace for namespaced documents that name none. Documents naming another one are refused by the caller's policy, not here. */
  readonly namespace?: string;
  /** Server-side apply field manager. Default: 'kubelab'. */
  readonly fieldManager?: string;
  /** Server-side dry run: validates (strict field validation included) without persisting. */
  readonly dryRun?: boolean;
  /** Take ownership of fields another manager set. Default: true (the lab owns its namespace). */
  readonly force?: boolean;
  readonly signal?: AbortSignal;
}

/** One document's outcome: applied, or refused with the API server's own words. */
export type ApplyResult =
  | {
      readonly ok: true;
      readonly ref: ObjectRef;
      readonly object: KubeObject;
      readonly source: string;
    }
  | {
      readonly ok: false;
      readonly ref: Partial<ObjectRef>;
      readonly error: string;
      readonly source: string;
    };

export interface ExecOptions {
  readonly namespace: string;
  readonly pod: string;
  readonly container?: string;
  /** argv, never a shell string built from untrusted data. */
  readonly command: readonly string[];
  readonly stdin?: string;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
}

export interface ExecResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface LogsOptions {
  readonly namespace: string;
  readonly pod: string;
  readonly container?: string;
  readonly previous?: boolean;
  readonly tailLines?: number;
}

export interface EventSummary {
  readonly type: string; // Normal | Warning
  readonly reason: string;
  readonly object: string; // "pod/web-1", or "pod/web-1 container web" for a container's event
  readonly message: string;
  readonly count: number;
  readonly lastSeen: string; // ISO time
}

/** A wait's verdict on the objects it currently sees (chainsaw/e2e style). */
export type ConditionState<R> =
  | { readonly state: 'met'; readonly value: R }
  /** Not yet; `errors` say what is still missing, and are reported if the deadline passes. */
  | { readonly state: 'pending'; readonly errors: readonly string[] }
  /** Can no longer succeed (e.g. the pod reached a final phase): the wait ends at once. */
  | { readonly state: 'impossible'; readonly reason: string };

export interface WaitCondition<T extends KubeObject, R> {
  /** Named condition: "pod web-0 to be Ready". */
  readonly description: string;
  check(objects: readonly T[]): ConditionState<R>;
}

export interface WaitOptions {
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  /** Called on every change with a short status, for the progress display. */
  readonly onProgress?: (status: string) => void;
}

export interface ServerInfo {
  readonly context: string;
  readonly server: string;
  readonly gitVersion: string;
}

export interface Cluster {
  readonly context: string;
  readonly server: string;

  /** Fails with ClusterUnreachableError naming context and server when nothing answers. */
  serverInfo(signal?: AbortSignal): Promise<ServerInfo>;

  /**
   * Server-side apply of multi-document YAML text, faithfully: the text is parsed to JSON and sent
   * as is (strict field validation), never through a typed serializer that drops unknown fields.
   * `source` names the file for messages. Each document succeeds or fails on its own.
   */
  applyYaml(text: string, source: string, options?: ApplyOptions): Promise<ApplyResult[]>;
  /** Server-side apply of objects already parsed (same guarantees). */
  apply(
    objects: readonly KubeObject[],
    source: string,
    options?: ApplyOptions,
  ): Promise<ApplyResult[]>;

  get<T extends KubeObject = KubeObject>(
    ref: ObjectRef,
    signal?: AbortSignal,
  ): Promise<T | undefined>;
  list<T extends KubeObject = KubeObject>(ref: ListRef, signal?: AbortSignal): Promise<T[]>;
  /** Creates (POST) an object; fails if it exists. */
  create<T extends KubeObject = KubeObject>(object: KubeObject, signal?: AbortSignal): Promise<T>;
  /** JSON merge patch. */
  patch<T extends KubeObject = KubeObject>(
    ref: ObjectRef,
    patch: object,
    signal?: AbortSignal,
  ): Promise<T>;
  /** Deletes; resolves when the API server accepted the deletion (not when the object is gone: wait for that). Missing objects are not an error. */
  delete(
    ref: ObjectRef,
    options?: {
      gracePeriodSeconds?: number;
      propagationPolicy?: 'Foreground' | 'Background' | 'Orphan';
      /** Delete only this version of the object: 409 Conflict when it changed since. */
      preconditions?: { uid?: string | undefined; resourceVersion?: string | undefined };
      signal?: AbortSignal;
    },
  ): Promise<void>;

  exec(options: ExecOptions): Promise<ExecResult>;
  logs(options: LogsOptions): Promise<string>;
  /** Events in a namespace, optionally about one object, oldest first. */
  events(namespace: string, about?: { kind: string; name: string }): Promise<EventSummary[]>;

  /**
   * List+watch the collection from the list's resourceVersion until `condition` is met, is
   * impossible, or the deadline passes. Transient errors (429, 5xx, dropped watch) reconnect with
   * backoff; 410 Gone relists. On timeout throws WaitTimeoutError carrying the description, the
   * condition's last errors and the last observed objects.
   */
  waitFor<T extends KubeObject, R>(
    ref: ListRef,
    condition: WaitCondition<T, R>,
    options: WaitOptions,
  ): Promise<R>;

  /** Waits until the named object no longer exists (uid changes count as gone when `uid` is given). */
  waitForDeletion(ref: ObjectRef, options: WaitOptions & { uid?: string }): Promise<void>;
}
