import { z } from 'zod';
import { closestNames } from './closest-names.js';
import type { ToolBackend } from './tool-backend.js';
import { ToolError } from './tool-error.js';

// Described briefly here and once in full in the server instructions (tools/list budget).
const hostName = z.string().min(1).max(253);

/** `host` of read tools: one profile, several, or "*" for all. */
export const readHostParam = z
  .union([hostName, z.array(hostName).min(1).max(64)])
  .optional()
  .describe('Profile(s) or "*"');

/** `host` of mutating tools: exactly one profile. */
export const writeHostParam = hostName.optional().describe('Profile');

export interface ResolvedHosts {
  hosts: string[];
  /** True when the caller asked for several hosts (rows then carry `host`). */
  fanOut: boolean;
}

/** Turns the `host` argument into profile names, or says which name is unknown and what is close. */
export function resolveHosts(host: string | string[] | undefined, backend: ToolBackend): ResolvedHosts {
  const known = backend.hosts().map((h) => h.name);
  if (host === undefined) return { hosts: [backend.defaultHost()], fanOut: false };
  if (host === '*') return { hosts: known, fanOut: true };
  const wanted = Array.isArray(host) ? [...new Set(host)] : [host];
  for (const name of wanted) {
    if (known.includes(name)) continue;
    const close = closestNames(name, known);
    const hint = close.length > 0 ? `did you mean ${close.join(', ')}?` : `known hosts: ${known.join(', ')}`;
    throw new ToolError('UNKNOWN_HOST', `Unknown host '${clip(name)}'; ${hint}`, { host: name });
  }
  return { hosts: wanted, fanOut: Array.isArray(host) };
}

/** Echoes user input into messages without letting it grow them. */
export function clip(text: string, max = 60): string {
  const oneLine = text.replace(/\s+/g, ' ');
  return oneLine.length > max ? `${oneLine.slice(0, max)}…` : oneLine;
}
