import type { McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';
import type { ToolContext } from '../framework/tool-context.js';
import { stackParam } from '../tools/compose-stack.js';
import { cleanupHostPrompt } from './cleanup-host-prompt.js';
import { deployStackPrompt } from './deploy-stack-prompt.js';
import { diagnoseContainerPrompt } from './diagnose-container-prompt.js';
import { containerArg, hostArg } from './prompt-args.js';
import { ToolRefs } from './tool-refs.js';

/**
 * Registers berth's prompts. Their text names only the tools the context serves
 * (`context.tools`: toolsets and read-only mode applied), so a prompt never points at a
 * tool that is not there.
 */
export function registerPrompts(server: McpServer, context: ToolContext): void {
  const refs = new ToolRefs(context.tools);
  // A prompt is offered only when the tools its steps need are served (`--tools hosts`
  // serves none of them): never a prompt with no steps, or one that stops at a missing one.
  if (refs.call('logs', ['info'])) registerDiagnose(server, context, refs);
  if (refs.call('cleanup') && refs.call('df')) registerCleanup(server, context, refs);
  if (refs.mutatingWith(['deploy']) && refs.call('ps', ['logs'])) registerDeploy(server, context, refs);
}

function registerDiagnose(server: McpServer, context: ToolContext, refs: ToolRefs): void {
  server.registerPrompt(
    'diagnose_container',
    {
      title: 'Diagnose a container',
      description: 'Find out why a container fails: state, logs, stats, config',
      argsSchema: z.object({ container: containerArg(context), host: hostArg(context) }),
    },
    ({ container, host }) => diagnoseContainerPrompt(refs, container, host),
  );
}

function registerCleanup(server: McpServer, context: ToolContext, refs: ToolRefs): void {
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

function registerDeploy(server: McpServer, context: ToolContext, refs: ToolRefs): void {
  server.registerPrompt(
    'deploy_stack',
    {
      title: 'Deploy a compose stack',
      description: 'Write, deploy and verify a compose stack, secrets in .env',
      argsSchema: z.object({ stack: stackParam.clone(), host: hostArg(context) }),
    },
    ({ stack, host }) => deployStackPrompt(refs, stack, host),
  );
}
