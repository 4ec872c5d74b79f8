import type { CommandSpec, Completes } from '../command-spec.js';

/** What to offer after the words typed so far: fixed words, or names of a kind. */
export type Offer = { words: string[] } | { names: Completes };

/** Options whose value has names to complete. */
const VALUE_NAMES: Record<string, Completes> = { '--host': 'profile' };

function takesValue(flags: string): boolean {
  return /[<[]/.test(flags);
}

/**
 * The completion of a command line (the words before the one being typed): a command
 * name, a subcommand, the name a positional argument holds, or a flag's value.
 */
export function completeWords(specs: readonly CommandSpec[], typed: readonly string[]): Offer {
  const path: string[] = [];
  let positional = 0;
  let spec: CommandSpec | undefined;
  const valueOptions = new Set(['--host', '--config', '--audit-log']);
  for (let i = 0; i < typed.length; i++) {
    const word = typed[i] as string;
    if (word.startsWith('-')) {
      const long = word.split('=')[0] as string;
      if (!word.includes('=') && valueOptions.has(long)) i++;
      continue;
    }
    const deeper = [...path, word];
    const next = specs.find(
      (s) => s.path.length === deeper.length && s.path.every((p, j) => p === deeper[j]),
    );
    const group = specs.some(
      (s) => s.path.length > deeper.length && s.path.every((p, j) => j >= deeper.length || p === deeper[j]),
    );
    if (!spec && (next || group)) {
      path.push(word);
      spec = next;
      for (const o of spec?.options ?? []) {
        if (takesValue(o.flags))
          for (const f of o.flags.split(/[ ,]+/).filter((f) => f.startsWith('-'))) valueOptions.add(f);
      }
      continue;
    }
    positional++;
  }
  const last = typed.at(-1);
  if (last && VALUE_NAMES[last]) return { names: VALUE_NAMES[last] };
  const option = spec?.options?.find((o) => last !== undefined && o.flags.split(/[ ,]+/).includes(last));
  if (option?.completes) return { names: option.completes };
  if (!spec) {
    const below = specs.filter((s) => s.path.length > path.length && path.every((p, j) => s.path[j] === p));
    return {
      words: [...new Set(below.map((s) => s.path[path.length] as string))].filter((w) => !w.startsWith('_')),
    };
  }
  const args = spec.args ?? [];
  const arg = args[positional] ?? (args.at(-1)?.variadic ? args.at(-1) : undefined);
  if (arg?.completes) return { names: arg.completes };
  if (spec.path.join(' ') === 'completion') return { words: ['bash', 'zsh', 'fish'] };
  return { words: [] };
}
