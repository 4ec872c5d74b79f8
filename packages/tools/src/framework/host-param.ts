import { z } from 'zod';
import { didYouMean } from './closest-names.js';
import type { HostSummary } from './host-summary.js';
import { ToolError } from './tool-error.js';

// Described briefly here and once in full in the server instructions (tools/list budget).
const hostName = z.string().min(1).max(253);

/**
 * `host` of read tools: one profile, several ("a,b", or a list), or "*" for all. The
 * comma form keeps the advertised schema one short string (profile names have no commas).
 */
export const readHostParam = z
  .union([z.string().min(1).max(2_048), z.array(hostName).min(1).max(64)])
  .optional();

/** `host` of mutating tools: exactly one profile (never a list or "*": a write acts on one engine). */
export const writeHostParam = hostName.regex(/^[^,*]+$/).optional();

export interface ResolvedHosts {
  hosts: string[];
  /** True when the caller asked for several hosts (rows then carry `host`). */
  fanOut: boolean;
}

/** Turns the `host` argument into profile names, or says which name is unknown and what is close. */
export function resolveHosts(
  host: string | string[] | undefined,
  hosts: readonly HostSummary[],
  defaultHost: () => string,
): ResolvedHosts {
  const known = hosts.map((h) => h.name);
  if (host === undefined) return { hosts: [defaultHost()], fanOut: false };
  if (host === '*') return { hosts: known, fanOut: true };
  const list = Array.isArray(host) ? host : host.split(',').map((name) => name.trim());
  const wanted = [...new Set(list.filter((name) => name.length > 0))];
  if (wanted.length === 0 || wanted.length > 64) {
    throw new ToolError('INVALID', 'host must name 1 to 64 profiles, or "*"');
  }
  for (const name of wanted) if (!known.includes(name)) throw unknownHost(name, known);
  return { hosts: wanted, fanOut: Array.isArray(host) || host.includes(',') };
}

/** UNKNOWN_HOST naming the profiles closest to `name` (tools, resources and prompts share it). */
export function unknownHost(name: string, known: readonly string[]): ToolError {
  const hint = didYouMean(name, known, `known hosts: ${known.join(', ') || 'none'}`);
  return new ToolError('UNKNOWN_HOST', `Unknown host '${clip(name)}'; ${hint}`, { host: name, hinted: true });
}

/** Echoes user input into messages without letting it grow them. */
export function clip(text: string, max = 60): string {
  const oneLine = text.replace(/\s+/g, ' ');
  return oneLine.length > max ? `${oneLine.slice(0, max)}…` : oneLine;
}
