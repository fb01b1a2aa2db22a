import { realpathSync } from 'node:fs';
import type { CommandFactory } from '../command.js';
import { defineCommand } from '../command.js';
import type { CompletionShell } from '../completion-script.js';
import { COMPLETION_SHELLS, completionScript, shellFromEnv } from '../completion-script.js';
import { ExitCode } from '../exit-codes.js';
import type { RawGlobals } from '../global-options.js';
import { commandHeads } from './heads.js';

export interface CompletionOptions {
  readonly shell: CompletionShell;
  /** What the script runs: this node and this kubelab, by absolute path. */
  readonly program: readonly string[];
}

interface CompletionArgs extends RawGlobals {
  shell?: CompletionShell;
}

/** The running kubelab as absolute paths, so its script works whatever PATH holds. */
function runningProgram(): string[] {
  const script = process.argv[1];
  if (script === undefined) return ['kubelab'];
  try {
    return [process.execPath, realpathSync(script)];
  } catch {
    return [process.execPath, script];
  }
}

const completion: CommandFactory = (ctx) =>
  defineCommand<CompletionArgs>({
    ...commandHeads.completion,
    builder: (cli) =>
      cli
        .positional('shell', {
          choices: COMPLETION_SHELLS,
          describe: 'The shell (default: from $SHELL, else bash)',
        })
        .example('source <(kubelab completion bash)', 'bash: in ~/.bashrc')
        .example('source <(kubelab completion zsh)', 'zsh: in ~/.zshrc')
        .example('kubelab completion fish > ~/.config/fish/completions/kubelab.fish', 'fish: once'),
    handler: (args) => {
      const options: CompletionOptions = {
        shell: args.shell ?? shellFromEnv(ctx.io.env),
        program: runningProgram(),
      };
      ctx.dispatch({
        command: 'completion',
        options,
        run: () => {
          ctx.io.stdout.write(completionScript(options));
          return Promise.resolve(ExitCode.ok);
        },
      });
    },
  });

export default completion;
