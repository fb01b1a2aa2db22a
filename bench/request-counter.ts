import http from 'node:http';
import https from 'node:https';

/**
 * Counts this process's HTTP requests to one host, by wrapping `http.request` and `https.request`
 * (kubelab's transport, client-node's watches (node-fetch) and exec (ws) all open their requests
 * through them). Only for the benchmark; `stop()` restores both functions.
 */
export class RequestCounter {
  private readonly originals = { http: http.request, https: https.request };
  count = 0;

  constructor(private readonly host: string) {}

  start(): void {
    for (const [name, module] of [
      ['http', http],
      ['https', https],
    ] as const) {
      const original = this.originals[name];
      const matches = (target: unknown): boolean => this.matches(target);
      const count = (): void => {
        this.count += 1;
      };
      const wrapped = function (this: unknown, ...args: Parameters<typeof http.request>) {
        if (matches(args[0])) count();
        return (original as (...a: Parameters<typeof http.request>) => http.ClientRequest).apply(
          this,
          args,
        );
      };
      (module as { request: unknown }).request = wrapped;
    }
  }

  stop(): void {
    (http as { request: unknown }).request = this.originals.http;
    (https as { request: unknown }).request = this.originals.https;
  }

  private matches(target: unknown): boolean {
    if (typeof target === 'string') return new URL(target).host === this.host;
    if (target instanceof URL) return target.host === this.host;
    if (typeof target === 'object' && target !== null) {
      const { host, hostname, port } = target as {
        host?: string;
        hostname?: string;
        port?: unknown;
      };
      const name = hostname ?? host ?? '';
      const [wantName, wantPort] = this.host.split(':');
      return name === wantName && (port === undefined || String(port) === (wantPort ?? '443'));
    }
    return false;
  }
}
