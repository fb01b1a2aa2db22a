import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { ExitCode } from '../../../src/cli/exit-codes.js';

const bin = fileURLToPath(new URL('../../../bin/kubelab.js', import.meta.url));

interface Closed {
  readonly code: number | null;
  /** What the process wrote on the stream that stayed open. */
  readonly other: string;
}

/** Runs kubelab with the read end of its stdout (or stderr) closed before it writes anything. */
function runWithClosed(stream: 'stdout' | 'stderr', argv: readonly string[]): Promise<Closed> {
  const child = spawn(process.execPath, [bin, ...argv], { stdio: ['ignore', 'pipe', 'pipe'] });
  child[stream].destroy();
  const open = stream === 'stdout' ? child.stderr : child.stdout;
  let other = '';
  open.on('data', (chunk: Buffer) => (other += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, other }));
  });
}

describe('a closed pipe', function () {
  this.timeout(60_000);

  it('ends `kubelab list | head -1` quietly, exit 0, no stack trace', async function () {
    expect(await runWithClosed('stdout', ['list'])).to.deep.equal({ code: 0, other: '' });
  });

  it('ends `kubelab --help | head -1` quietly', async function () {
    expect(await runWithClosed('stdout', ['--help'])).to.deep.equal({ code: 0, other: '' });
  });

  it('keeps the exit code of a failure whose message finds stderr closed', async function () {
    const { code } = await runWithClosed('stderr', ['lsit']);
    expect(code).to.equal(ExitCode.error);
  });
});
