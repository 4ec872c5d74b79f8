import type Docker from 'dockerode';
import { closestNames } from '../framework/closest-names.js';
import { clip } from '../framework/host-param.js';
import type { HostSummary, ToolBackend } from '../framework/tool-backend.js';
import type { ToolContext } from '../framework/tool-context.js';
import { ToolError } from '../framework/tool-error.js';
import { containerRef } from '../tools/refs.js';

/** The one host a resource URI names, with its client acquired on first use. */
export interface ResourceHost {
  host: HostSummary;
  backend: ToolBackend;
  docker(): Promise<Docker>;
}

/** Resolves `{host}` of a URI to a configured profile, or says which ones are close. */
export async function resourceHost(
  context: ToolContext,
  name: string,
  signal: AbortSignal,
): Promise<ResourceHost> {
  const backend = await context.backend();
  const hosts = backend.hosts();
  const host = hosts.find((h) => h.name === name);
  if (!host) {
    const known = hosts.map((h) => h.name);
    const close = closestNames(name, known);
    const hint = close.length > 0 ? `did you mean ${close.join(', ')}?` : `known hosts: ${known.join(', ')}`;
    throw new ToolError('UNKNOWN_HOST', `Unknown host '${clip(name)}'; ${hint}`, { host: name });
  }
  let client: Promise<Docker> | undefined;
  return {
    host,
    backend,
    docker() {
      client ??= backend.acquire(name, { signal }).then((lease) => lease.docker);
      return client;
    },
  };
}

/** The `{container}` of a URI, checked like a tool's `id` (no flags, no traversal). */
export function containerOf(value: string | string[] | undefined): string {
  const parsed = containerRef.safeParse(Array.isArray(value) ? value[0] : value);
  if (!parsed.success) {
    throw new ToolError('INVALID', `Bad container in URI: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

/** One URI variable as a string (the SDK gives a list for exploded variables). */
export function variable(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value) ?? '';
}
