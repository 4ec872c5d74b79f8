import type { z } from 'zod';
import { type ConfigIssue, joinPath, shownKey } from './config-issue.js';

/** Keys of the Python peer's hosts.yml and of ssh_config, so a migrating user gets a hint, not just "unknown". */
const KEY_HINTS: Record<string, string> = {
  hostname: 'host',
  HostName: 'host',
  username: 'user',
  identity_file: 'identityFile',
  IdentityFile: 'identityFile',
  compose_path: 'composePaths',
  composePath: 'composePaths',
  appdata_path: 'appdataPath',
  read_only: 'readOnly',
  readonly: 'readOnly',
  host_key_policy: 'hostKeyPolicy',
  known_hosts: 'knownHostsFile',
  proxy_jump: 'proxyJump',
  socket: 'socketPath',
  timeout: 'timeoutMs',
};

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string')
    return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return String(value);
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current = input;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

const TYPE_WORDS: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping',
};

/** Turns one zod issue into messages a person can act on; our own schema messages start with "expected". */
function messagesFor(issue: z.core.$ZodIssue, input: unknown): { path: PropertyKey[]; message: string }[] {
  const path = [...issue.path];
  const got = valueAt(input, path);
  if (issue.message.startsWith('expected ') || issue.message.startsWith('a profile name')) {
    return [
      { path, message: got === undefined ? issue.message : `${issue.message}, got ${describeValue(got)}` },
    ];
  }
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => {
        const hint = KEY_HINTS[key];
        const shown = shownKey(key) ?? '(a key not shown)';
        return { path: [...path, shown], message: `unknown key${hint ? ` (did you mean "${hint}"?)` : ''}` };
      });
    case 'invalid_type':
      if (got === undefined) return [{ path, message: 'required' }];
      return [
        {
          path,
          message: `expected ${TYPE_WORDS[issue.expected] ?? issue.expected}, got ${describeValue(got)}`,
        },
      ];
    case 'invalid_value':
      return [
        {
          path,
          message: `expected one of ${issue.values.map(String).join(', ')}, got ${describeValue(got)}`,
        },
      ];
    case 'invalid_union': {
      const options = (issue as { options?: unknown }).options;
      if (Array.isArray(options)) {
        const list = options.map(String).join(', ');
        const message =
          got === undefined
            ? `required: one of ${list}`
            : `expected one of ${list}, got ${describeValue(got)}`;
        return [{ path, message }];
      }
      return [{ path, message: `${issue.message}, got ${describeValue(got)}` }];
    }
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) === 1)
        return [{ path, message: 'must not be empty' }];
      return [
        {
          path,
          message: `must be at least ${issue.minimum}${issue.origin === 'string' ? ' characters' : ''}`,
        },
      ];
    case 'too_big':
      return [
        {
          path,
          message: `must be at most ${issue.maximum}${issue.origin === 'string' ? ' characters' : ''}`,
        },
      ];
    default:
      return [{ path, message: issue.message }];
  }
}

/**
 * zod issues as dot-path ConfigIssues. `prefix` places a sub-schema's paths in the whole
 * config; `sourceOf` says which file a path's value came from.
 */
export function issuesFromZod(
  error: z.ZodError,
  input: unknown,
  prefix: readonly string[] = [],
  sourceOf: (path: string) => string | undefined = () => undefined,
): ConfigIssue[] {
  return error.issues.flatMap((issue) =>
    messagesFor(issue, input).map(({ path, message }) => {
      const full = joinPath([
        ...prefix,
        ...path.map((p) => (typeof p === 'symbol' ? String(p.description) : p)),
      ]);
      const source = sourceOf(full);
      return source ? { path: full, message, source } : { path: full, message };
    }),
  );
}
