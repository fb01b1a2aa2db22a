import { expect } from 'chai';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REQUEST_TIMEOUT_MS } from '../../../src/cluster/connect/transport.js';
import { kubelab, transcript } from './run-kubelab.js';

/**
 * After the CLI's connection reaches the listener, it has this long past the timeout it states to
 * print its error and exit. Less than the 30 s by which Node's socket idle timer overshot (a 30 s
 * timeout fired after 60 s), so the old behaviour is cancelled here and fails the exit-code check.
 */
const EXIT_ALLOWANCE_MS = 15_000;

/** A real TCP listener that accepts every connection and never sends a byte (no TLS, no HTTP). */
async function silentListener(): Promise<{ server: Server; port: number; sockets: Set<Socket> }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => socket.destroy());
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port, sockets };
}

describe('kubelab against a server that accepts TCP and never answers', function () {
  let dir: string;
  let kubeconfig: string;
  let listener: Awaited<ReturnType<typeof silentListener>>;

  before(async function () {
    dir = await mkdtemp(join(tmpdir(), 'kubelab-silent-'));
    listener = await silentListener();
    kubeconfig = join(dir, 'config');
    await writeFile(
      kubeconfig,
      [
        'apiVersion: v1',
        'kind: Config',
        'clusters:',
        '- name: silent',
        `  cluster: {server: "https://127.0.0.1:${listener.port}", insecure-skip-tls-verify: true}`,
        'users:',
        '- name: nobody',
        '  user: {token: not-a-token}',
        'contexts:',
        '- name: silent',
        '  context: {cluster: silent, user: nobody}',
        'current-context: silent',
        '',
      ].join('\n'),
    );
  });

  after(async function () {
    for (const socket of listener?.sockets ?? []) socket.destroy();
    await new Promise((resolve) => listener?.server.close(resolve));
    await rm(dir, { recursive: true, force: true });
  });

  it('check fails at the timeout its message states, naming the context', async function () {
    this.timeout(300_000);
    const stated = `no answer within ${REQUEST_TIMEOUT_MS / 1000}s`;
    // The clock starts when the CLI's connection arrives, so a slow start on a loaded machine
    // does not count; past the stated timeout plus the allowance, the run is cancelled.
    const watchdog = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    listener.server.once('connection', () => {
      timer = setTimeout(() => watchdog.abort(), REQUEST_TIMEOUT_MS + EXIT_ALLOWANCE_MS);
    });
    try {
      const run = await kubelab(
        ['check', 'crash-recovery', '--kubeconfig', kubeconfig, '--context', 'silent'],
        {
          cwd: dir,
          cancelSignal: watchdog.signal,
        },
      );
      expect(
        watchdog.signal.aborted,
        `cancelled: no exit within the stated timeout\n${transcript(run)}`,
      ).to.equal(false);
      expect(run.exitCode, transcript(run)).to.equal(2);
      expect(run.stderr).to.match(/^kubelab: cluster unreachable: context "silent"/);
      expect(run.stderr).to.include(`timed out: ${stated}`);
      expect(run.stderr).not.to.include('    at ');
    } finally {
      clearTimeout(timer);
    }
  });
});
