import type { McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';
import { BERTH_TOOLS } from '../berth-tools.js';
import { exposedTools } from '../framework/register-tools.js';
import type { ToolContext } from '../framework/tool-context.js';
import type { ToolSpec } from '../framework/tool-spec.js';
import { cleanupHostPrompt } from './cleanup-host-prompt.js';
import { diagnoseContainerPrompt } from './diagnose-container-prompt.js';
import { containerArg, hostArg } from './prompt-args.js';
import { ToolRefs } from './tool-refs.js';

/**
 * Registers berth's prompts. Their text names the tools in `exposed` (what this server
 * lists), so in read-only mode a prompt never points at a tool that is not there.
 */
export function registerPrompts(server: McpServer, exposed: readonly ToolSpec[], context: ToolContext): void {
  const refs = new ToolRefs(exposed);
  server.registerPrompt(
    'diagnose_container',
    {
      title: 'Diagnose a container',
      description: 'Find out why a container fails: state, logs, stats, config',
      argsSchema: z.object({ container: containerArg(context), host: hostArg(context) }),
    },
    ({ container, host }) => diagnoseContainerPrompt(refs, container, host),
  );
  server.registerPrompt(
    'cleanup_host',
    {
      title: 'Clean up a host',
      description: 'Free disk safely: measure, preview, dry run, confirm',
      argsSchema: z.object({ host: hostArg(context) }),
    },
    ({ host }) => cleanupHostPrompt(refs, host),
  );
}

/** Registers berth's prompts against the tools this server lists (`context.readOnly` applies). */
export function registerBerthPrompts(server: McpServer, context: ToolContext): void {
  registerPrompts(server, exposedTools(BERTH_TOOLS, context.readOnly === true), context);
}
