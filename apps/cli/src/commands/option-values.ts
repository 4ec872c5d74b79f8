import { CliError } from '../cli-error.js';

/** `KEY=VALUE` words (`-e`, `-l`) as a map; a word without `=` is a usage error. */
export function keyValues(words: unknown, what: string): Record<string, string> | undefined {
  const list = strings(words);
  if (list.length === 0) return undefined;
  const map: Record<string, string> = {};
  for (const word of list) {
    const eq = word.indexOf('=');
    if (eq < 1) throw new CliError('INVALID', `${what} '${word.slice(0, 60)}' must be KEY=VALUE`);
    map[word.slice(0, eq)] = word.slice(eq + 1);
  }
  return map;
}

/** A repeatable option's words (commander gives a list, or nothing). */
export function strings(value: unknown): string[] {
  if (value === undefined || value === false) return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}

/** `--filter name=x --filter label=k=v` as the list action's `name` and `label`. */
export function listFilters(words: unknown): { name?: string; label?: string[] } {
  const out: { name?: string; label?: string[] } = {};
  for (const word of strings(words)) {
    const [key, ...rest] = word.split('=');
    const value = rest.join('=');
    if (key === 'name' && value) out.name = value;
    else if (key === 'label' && value) out.label = [...(out.label ?? []), value];
    else
      throw new CliError(
        'INVALID',
        `--filter '${word.slice(0, 60)}': use name=<part> or label=<key>[=<value>]`,
      );
  }
  return out;
}

/** Copies the options that were given, under the param names the action takes. */
export function given(
  options: Record<string, unknown>,
  names: Record<string, string>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [option, param] of Object.entries(names)) {
    if (options[option] !== undefined) out[param] = options[option];
  }
  return out;
}
