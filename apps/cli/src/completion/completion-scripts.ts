/**
 * The completion scripts: each shell hands the words typed so far to `berth __complete`
 * (as argv, after `--`) and offers what it prints, one candidate a line; the shell filters
 * by the word being typed. The command table lives in berth, not in three scripts.
 */
export const COMPLETION_SCRIPTS: Record<'bash' | 'zsh' | 'fish', string> = {
  bash: `# berth completion for bash. Load it with: source <(berth completion bash)
_berth_complete() {
  local IFS=$'\\n'
  local cur="\${COMP_WORDS[COMP_CWORD]}"
  COMPREPLY=($(compgen -W "$(berth __complete -- "\${COMP_WORDS[@]:1:COMP_CWORD-1}" 2>/dev/null)" -- "$cur"))
}
complete -o default -F _berth_complete berth
`,
  zsh: `#compdef berth
# berth completion for zsh. Load it with: source <(berth completion zsh) (after compinit)
_berth() {
  local -a candidates
  candidates=("\${(@f)$(berth __complete -- "\${(@)words[2,CURRENT-1]}" 2>/dev/null)}")
  compadd -a candidates
}
if (( $+functions[compdef] )); then compdef _berth berth; fi
`,
  fish: `# berth completion for fish. Load it with: berth completion fish | source
function __berth_complete
    set -l words (commandline -opc)
    set -e words[1]
    berth __complete -- $words 2>/dev/null
end
complete -c berth -f -a '(__berth_complete)'
`,
};

export const SHELLS = Object.keys(COMPLETION_SCRIPTS) as (keyof typeof COMPLETION_SCRIPTS)[];
