import type { z } from 'zod';
import { ComposeError } from './compose-error.js';
import { ComposeProject } from './compose-schemas.js';

export type ParsedProject = z.output<typeof ComposeProject>;

/** Shows what the caller passed, so `"false"` (a string) reads differently from `false`. */
function shown(value: unknown): string {
  if (typeof value === 'string')
    return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (value !== null && typeof value === 'object') return 'an object';
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

/**
 * Validates `input` with `schema`, or fails with INVALID naming each bad key, what it
 * expected and what it got: `volumes: expected boolean, received "false"`.
 */
export function parseOptions<S extends z.ZodType>(
  schema: S,
  input: unknown,
  what: string,
  data: Record<string, unknown> = {},
): z.output<S> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const key = issue.path.map(String).join('.') || what;
    const got = issue.code === 'unrecognized_keys' ? '' : ` (got ${shown(valueAt(input, issue.path))})`;
    return `${key}: ${issue.message}${got}`;
  });
  throw new ComposeError('INVALID', `Invalid ${what}: ${lines.join('; ')}`, { ...data, issues: lines });
}

export function parseProject(project: unknown, operation: string): ParsedProject {
  return parseOptions(ComposeProject, project, 'project', { operation });
}
