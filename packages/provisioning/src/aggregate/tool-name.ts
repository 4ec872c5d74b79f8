import { createHash } from 'node:crypto';

/** MCP's rule for a tool name: 1 to 128 of ASCII letters, digits, `_`, `-` and `.`. */
export const MCP_TOOL_NAME = /^[A-Za-z0-9_.-]{1,128}$/;

/** The separator between a server (or prefix) and its tool: `server__tool`. */
export const NAMESPACE_SEPARATOR = '__';

const MAX = 128;

function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 8);
}

/**
 * `name` within MCP's rules, the same for the same input: characters outside the
 * allowed set become `_`, and a name too long (or changed by that) keeps its head and
 * gains a hash of the original, so two different inputs do not end as one name.
 */
export function toMcpToolName(name: string): string {
  if (MCP_TOOL_NAME.test(name)) return name;
  const cleaned = name.replace(/[^A-Za-z0-9_.-]/g, '_');
  const suffix = `_${shortHash(name)}`;
  const head = (cleaned.length > 0 ? cleaned : 'tool').slice(0, MAX - suffix.length);
  return `${head}${suffix}`;
}

/** `server__tool` within MCP's rules. */
export function namespacedToolName(namespace: string, tool: string): string {
  return toMcpToolName(`${namespace}${NAMESPACE_SEPARATOR}${tool}`);
}

/** A name already taken: the same name plus a hash of what it routes to, within the rules. */
export function disambiguatedToolName(name: string, routeKey: string): string {
  const suffix = `_${shortHash(routeKey)}`;
  return `${name.slice(0, MAX - suffix.length)}${suffix}`;
}
