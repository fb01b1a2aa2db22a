/** The shells `kubelab completion` writes a script for. */
export const COMPLETION_SHELLS = ['bash', 'zsh', 'fish'] as const;
export type CompletionShell = (typeof COMPLETION_SHELLS)[number];

/** The flag the scripts call kubelab with, followed by every word of the line, program first. */
export const COMPLETION_FLAG = '--get-yargs-completions';

export interface CompletionScriptOptions {
  readonly shell: CompletionShell;
  /**
   * The command the script runs to ask for completions, as argv: the absolute node and kubelab
   * paths of the process that printed it, so completion works when `kubelab` is not on PATH
   * (`source <(npx kubelab completion)`).
   */
  readonly program: readonly string[];
}

/** The shell's default when `kubelab completion` is given none: from $SHELL, else bash. */
export function shellFromEnv(env: NodeJS.ProcessEnv): CompletionShell {
  const name = (env['SHELL'] ?? '').split('/').pop() ?? '';
  return name === 'zsh' || name === 'fish' ? name : 'bash';
}

/**
 * The completion script for `shell`. Each script sets SHELL for the request: yargs formats the
 * candidates for the shell it reads there (fish and zsh take descriptions), whatever the login
 * shell is.
 */
export function completionScript(options: CompletionScriptOptions): string {
  const { shell } = options;
  const program = options.program.map((word) => quote(word, shell)).join(' ');
  return `${TEMPLATES[shell].replaceAll('{{program}}', program).trim()}\n`;
}

/** A word quoted for the shell: single quotes, with the shell's own escape for a quote inside. */
function quote(word: string, shell: CompletionShell): string {
  if (shell === 'fish') return `'${word.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

const TEMPLATES: Record<CompletionShell, string> = {
  bash: `
###-begin-kubelab-completions-###
# kubelab completion for bash: source <(kubelab completion bash), or add that line to ~/.bashrc.
_kubelab_completions()
{
    local cur_word type_list
    cur_word="\${COMP_WORDS[COMP_CWORD]}"
    mapfile -t type_list < <(SHELL=bash {{program}} ${COMPLETION_FLAG} "\${COMP_WORDS[@]:0:COMP_CWORD+1}")
    mapfile -t COMPREPLY < <(compgen -W "$( printf '%q ' "\${type_list[@]}" )" -- "\${cur_word}")
    return 0
}
complete -o bashdefault -o default -F _kubelab_completions kubelab
###-end-kubelab-completions-###
`,
  zsh: `
#compdef kubelab
###-begin-kubelab-completions-###
# kubelab completion for zsh: source <(kubelab completion zsh), or add that line to ~/.zshrc.
_kubelab_completions()
{
  local reply
  local si=$IFS
  IFS=$'\\n' reply=($(SHELL=zsh {{program}} ${COMPLETION_FLAG} "\${(@)words[1,CURRENT]}"))
  IFS=$si
  if [[ \${#reply} -gt 0 ]]; then
    _describe 'values' reply
  else
    _default
  fi
}
compdef _kubelab_completions kubelab
###-end-kubelab-completions-###
`,
  fish: `
###-begin-kubelab-completions-###
# kubelab completion for fish: kubelab completion fish > ~/.config/fish/completions/kubelab.fish
function __kubelab_completions
    set -l words (commandline -opc)
    set -l current (commandline -ct)
    env SHELL=fish {{program}} ${COMPLETION_FLAG} $words "$current"
end
complete -c kubelab -f -a '(__kubelab_completions)'
###-end-kubelab-completions-###
`,
};
