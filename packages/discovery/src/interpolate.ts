import { DiscoveryError } from './discovery-error.js';

/** Looks a variable up; undefined when it is unset (an empty string is set). */
export type Lookup = (name: string) => string | undefined;

/** Where a value sits, for messages: the file and the dot path (`services.web.ports[1]`). */
export interface ValueLocation {
  file: string;
  path: string;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

/**
 * Compose's interpolation of one string: `$$` is a literal `$`; `$VAR` and `${VAR}` are
 * replaced (unset: empty, reported through `onUnset`); `${VAR:-d}` / `${VAR-d}` default when
 * unset-or-empty / unset; `${VAR:?e}` / `${VAR?e}` fail; `${VAR:+r}` / `${VAR+r}` replace when
 * set. Defaults and replacements are interpolated themselves, as compose does.
 */
export function interpolateString(
  value: string,
  lookup: Lookup,
  where: ValueLocation,
  onUnset: (name: string) => void = () => {},
): string {
  let out = '';
  let i = 0;
  while (i < value.length) {
    const dollar = value.indexOf('$', i);
    if (dollar < 0) {
      out += value.slice(i);
      break;
    }
    out += value.slice(i, dollar);
    const next = value[dollar + 1];
    if (next === '$') {
      out += '$';
      i = dollar + 2;
    } else if (next === '{') {
      const end = closingBrace(value, dollar + 2);
      if (end < 0) throw invalid(`unclosed \${ in "${value}"`, where);
      out += substitute(value.slice(dollar + 2, end), lookup, where, onUnset);
      i = end + 1;
    } else {
      const name = NAME.exec(value.slice(dollar + 1))?.[0];
      if (name === undefined) {
        // A lone `$` before a non-name character stays as it is, as compose leaves it.
        out += '$';
        i = dollar + 1;
      } else {
        out += resolve(name, lookup, onUnset);
        i = dollar + 1 + name.length;
      }
    }
  }
  return out;
}

/** The index of the `}` closing a `${` whose body starts at `from`, counting nested `${`. */
function closingBrace(value: string, from: number): number {
  let depth = 1;
  for (let i = from; i < value.length; i++) {
    if (value[i] === '$' && value[i + 1] === '{') {
      depth++;
      i++;
    } else if (value[i] === '$' && value[i + 1] === '$') {
      i++;
    } else if (value[i] === '}' && --depth === 0) {
      return i;
    }
  }
  return -1;
}

function resolve(name: string, lookup: Lookup, onUnset: (name: string) => void): string {
  const found = lookup(name);
  if (found === undefined) onUnset(name);
  return found ?? '';
}

function substitute(
  body: string,
  lookup: Lookup,
  where: ValueLocation,
  onUnset: (name: string) => void,
): string {
  const name = NAME.exec(body)?.[0];
  if (name === undefined) throw invalid(`invalid interpolation format "\${${body}}"`, where);
  const rest = body.slice(name.length);
  if (rest === '') return resolve(name, lookup, onUnset);
  const op = /^(:?[-?+])/.exec(rest)?.[1];
  if (op === undefined) throw invalid(`invalid interpolation format "\${${body}}"`, where);
  const arg = () => interpolateString(rest.slice(op.length), lookup, where, onUnset);
  const found = lookup(name);
  const unsetOrEmpty = found === undefined || found === '';
  const absent = op.startsWith(':') ? unsetOrEmpty : found === undefined;
  switch (op.at(-1)) {
    case '-':
      return absent ? arg() : (found ?? '');
    case '+':
      return absent ? '' : arg();
    default: {
      if (!absent) return found ?? '';
      const reason = arg();
      const message = `required variable ${name} is missing a value${reason ? `: ${reason}` : ''} (at ${where.path} in ${where.file})`;
      throw new DiscoveryError('INVALID_CONFIG', message, {
        file: where.file,
        path: where.path,
        variable: name,
      });
    }
  }
}

function invalid(what: string, where: ValueLocation): DiscoveryError {
  return new DiscoveryError('INVALID_CONFIG', `${where.path}: ${what} (in ${where.file})`, {
    file: where.file,
    path: where.path,
  });
}

/** Dot path of a child: `services.web` + `ports` + 1 → `services.web.ports[1]`. */
export function childPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return parent === '' ? key : `${parent}.${key}`;
}

/** Interpolates every string value of a parsed YAML tree (never keys, as compose does). */
export function interpolateTree(
  node: unknown,
  lookup: Lookup,
  file: string,
  path = '',
  onUnset?: (name: string, path: string) => void,
): unknown {
  if (typeof node === 'string') {
    return interpolateString(node, lookup, { file, path }, (name) => onUnset?.(name, path));
  }
  if (Array.isArray(node))
    return node.map((item, i) => interpolateTree(item, lookup, file, childPath(path, i), onUnset));
  if (node !== null && typeof node === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      out[key] = interpolateTree(value, lookup, file, childPath(path, key), onUnset);
    }
    return out;
  }
  return node;
}
