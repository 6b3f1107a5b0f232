import type { Command } from 'commander';

interface Spec {
  name: string;
  about: string;
  subcommands: string[];
  options: string[];
}

function specs(p: Command): Spec[] {
  return p.commands.map((c) => ({
    name: c.name(),
    about: c.description().split('\n')[0]!.replace(/'/g, ''),
    subcommands: c.commands.map((s) => s.name()),
    options: c.options.map((o) => o.long!).filter(Boolean),
  }));
}

const globalsOf = (p: Command) => p.options.map((o) => o.long!).filter(Boolean).join(' ');

/** A bash completion script generated from the command tree, so it never drifts from it. */
export function bashCompletion(p: Command, templates: readonly string[]): string {
  const all = specs(p);
  const cases = all.map((s) => `    ${s.name}) words="${[...s.subcommands, ...s.options].join(' ')}";;`).join('\n');
  return `# bash completion for orders: source it, or save it as ~/.local/share/bash-completion/completions/orders
_orders() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" words
  if [[ $COMP_CWORD -eq 1 ]]; then
    COMPREPLY=( $(compgen -W "${all.map((s) => s.name).join(' ')} ${globalsOf(p)}" -- "$cur") )
    return
  fi
  case "\${COMP_WORDS[1]}" in
${cases}
  esac
  if [[ "\${COMP_WORDS[1]}" == message && $COMP_CWORD -eq 3 ]] || [[ "\${COMP_WORDS[1]}" == templates && $COMP_CWORD -eq 3 ]]; then
    words="${templates.join(' ')}"
  fi
  COMPREPLY=( $(compgen -W "$words ${globalsOf(p)}" -- "$cur") )
}
complete -F _orders orders
`;
}

/** The same for zsh (save as _orders somewhere on $fpath). */
export function zshCompletion(p: Command, templates: readonly string[]): string {
  const all = specs(p);
  const cases = all.map((s) => `    ${s.name}) compadd -- ${[...s.subcommands, ...s.options].join(' ')} ${globalsOf(p)};;`).join('\n');
  return `#compdef orders
# zsh completion for orders: save as _orders in a directory on $fpath, then run compinit
_orders() {
  local -a commands
  commands=(
${all.map((s) => `    '${s.name}:${s.about.replace(/:/g, ' -')}'`).join('\n')}
  )
  if (( CURRENT == 2 )); then
    _describe 'command' commands
    return
  fi
  if [[ ( $words[2] == message || $words[2] == templates ) && CURRENT -eq 4 ]]; then
    compadd -- ${templates.join(' ')}
    return
  fi
  case $words[2] in
${cases}
  esac
}
_orders "$@"
`;
}
