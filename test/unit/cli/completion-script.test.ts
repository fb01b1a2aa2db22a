import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect } from 'chai';
import type { CompletionOptions } from '../../../src/cli/commands/completion.js';
import type { CompletionShell } from '../../../src/cli/completion-script.js';
import { completionScript, shellFromEnv } from '../../../src/cli/completion-script.js';
import { optionsOf } from './parse.js';

const bin = fileURLToPath(new URL('../../../bin/kubelab.js', import.meta.url));
const labsDir = fileURLToPath(new URL('../../../labs', import.meta.url));

/** How each shell is made to complete `kubelab check pr` from a sourced script, non-interactively. */
const COMPLETE_CHECK_PR: Record<CompletionShell, (script: string) => string[]> = {
  bash: (script) => [
    'bash',
    '-c',
    `source ${script}; COMP_WORDS=(kubelab check pr); COMP_CWORD=2; _kubelab_completions; printf '%s\\n' "\${COMPREPLY[@]}"`,
  ],
  // zsh's completion system needs a terminal: stand in for the two builtins the script calls.
  zsh: (script) => [
    'zsh',
    '-fc',
    `compdef() { :; }; _describe() { print -l -- "\${(@P)2}"; }; _default() { :; }; source ${script}; words=(kubelab check pr); CURRENT=3; _kubelab_completions`,
  ],
  fish: (script) => ['fish', '-c', `source ${script}; complete -C 'kubelab check pr'`],
};

/** Sources the script in `shell` with a PATH that holds no kubelab; returns the candidates. */
async function candidates(shell: CompletionShell, program: readonly string[]): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), 'kubelab-completion-'));
  try {
    const script = join(dir, `kubelab.${shell}`);
    await writeFile(script, completionScript({ shell, program }));
    const [command, ...args] = COMPLETE_CHECK_PR[shell](script) as [string, ...string[]];
    const { stdout } = await promisify(execFile)(command, args, {
      cwd: dir,
      env: { PATH: '/usr/bin:/bin', HOME: dir, KUBELAB_LABS_DIR: labsDir },
    });
    return stdout
      .split('\n')
      .map((line) => line.split(/[\t:]/)[0] ?? '')
      .filter((word) => word !== '')
      .sort();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('completion scripts', function () {
  this.timeout(60_000);

  for (const shell of ['bash', 'zsh', 'fish'] as const) {
    describe(shell, function () {
      before(function () {
        if (!existsSync(`/usr/bin/${shell}`)) this.skip(); // no such shell on this machine
      });

      it('completes lab ids through the absolute kubelab path, with kubelab not on PATH', async function () {
        expect(await candidates(shell, [process.execPath, bin])).to.deep.equal([
          'priority-preemption',
          'probes',
        ]);
      });

      it('completes nothing when the script calls a bare `kubelab` that PATH lacks (control)', async function () {
        expect(await candidates(shell, ['kubelab'])).to.deep.equal([]);
      });
    });
  }

  it('starts the zsh script with #compdef, as zsh autoloading requires', function () {
    expect(completionScript({ shell: 'zsh', program: ['k'] }).split('\n')[0]).to.equal(
      '#compdef kubelab',
    );
  });

  it("quotes a path with a quote in it in each shell's way", function () {
    const program = ["/opt/it's/kubelab.js"];
    expect(completionScript({ shell: 'bash', program })).to.include(`'/opt/it'\\''s/kubelab.js'`);
    expect(completionScript({ shell: 'fish', program })).to.include(`'/opt/it\\'s/kubelab.js'`);
  });

  it('takes the shell from the argument, else from $SHELL, else bash', async function () {
    expect((await optionsOf<CompletionOptions>(['completion', 'fish'])).shell).to.equal('fish');
    expect(
      (await optionsOf<CompletionOptions>(['completion'], { SHELL: '/usr/bin/zsh' })).shell,
    ).to.equal('zsh');
    expect(shellFromEnv({})).to.equal('bash');
    expect(shellFromEnv({ SHELL: '/bin/sh' })).to.equal('bash');
  });
});
