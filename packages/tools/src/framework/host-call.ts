import type { ServerContext } from '@modelcontextprotocol/server';
import type Docker from 'dockerode';
import type { ToolBackend } from './tool-backend.js';
import type { ToolContext } from './tool-context.js';
import { ToolError } from './tool-error.js';
import type { HostCall } from './tool-spec.js';

/** Builds the per-host view an action runs with: lazy client, cancellation, progress. */
export function hostCall(
  name: string,
  backend: ToolBackend,
  context: ToolContext,
  ctx: ServerContext,
  tool: string,
): HostCall {
  const summary = backend.hosts().find((h) => h.name === name);
  if (!summary) throw new ToolError('UNKNOWN_HOST', `Unknown host '${name}'`);
  const { signal } = ctx.mcpReq;
  let client: Promise<Docker> | undefined;
  const token = ctx.mcpReq._meta?.progressToken;
  return {
    host: summary,
    signal,
    docker() {
      client ??= backend.acquire(name, { signal }).then((lease) => lease.docker);
      return client;
    },
    async progress(done, total, message) {
      if (token === undefined) return;
      await ctx.mcpReq
        .notify({
          method: 'notifications/progress',
          params: { progressToken: token, progress: done, total, message },
        })
        .catch(() => {});
    },
    logger: context.logger.child({ tool, host: name }),
    masker: context.masker,
  };
}
