import { completable } from '@modelcontextprotocol/server';
import { z } from 'zod';
import type { ToolContext } from '../framework/tool-context.js';
import { containerCompleter, hostCompleter } from '../resources/name-completions.js';
import { containerRef } from '../tools/refs.js';

/** `host` of a prompt: one profile name, completed from the config. */
export function hostArg(context: ToolContext) {
  return completable(
    z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/, 'host must be a profile name')
      .describe('Profile (default host if omitted)'),
    hostCompleter(context),
  ).optional();
}

/** `container` of a prompt: a name or id on that host, completed from its containers. */
export function containerArg(context: ToolContext) {
  // A copy: `completable` marks the schema it gets, and a gateway registers the prompts
  // on a new server per request, so marking the shared `containerRef` twice would throw.
  return completable(containerRef.clone(), containerCompleter(context));
}

/** How prompt text names a call's `host` argument. */
export function hostPart(host: string | undefined): string {
  return host ? `, host: "${host}"` : '';
}
