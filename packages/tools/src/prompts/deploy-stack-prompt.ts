import type { GetPromptResult } from '@modelcontextprotocol/server';
import { hostPart } from './prompt-args.js';
import { steps, type ToolRefs } from './tool-refs.js';

/** How an agent should deploy a stack: look first, keep secrets in `.env`, deploy, verify. */
export function deployStackText(refs: ToolRefs, stack: string, host: string | undefined): string {
  const where = host ? `on host "${host}"` : 'on the default host';
  const hostArg = hostPart(host);
  const ls = refs.call('ls', ['ps', 'config']);
  const ps = refs.call('ps', ['logs']);
  const logs = refs.call('logs', ['ps']);
  const config = refs.call('config', ['ps']);
  const ops = refs.mutatingWith(['deploy']);
  const deploy = ops ? `\`${ops.name}\` action \`deploy\`` : undefined;
  return [
    `Deploy compose stack "${stack}" ${where} with berth's tools.`,
    '',
    steps([
      ls &&
        `Look first: ${ls}${host ? ` (host: "${host}")` : ''}. If "${stack}" exists, read it with ${config} (stack: "${stack}"${hostArg}) and tell me what the deploy would change before going on.`,
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the text shows compose's own ${VAR} syntax.
      'Write the compose file: pin image tags, publish ports on 127.0.0.1 unless I ask for more, named volumes for data. Put every password and token in `env` as a ${VAR}, never in the file itself.',
      deploy &&
        `Deploy: ${deploy} (stack: "${stack}", compose: <the file>, env: {…}${hostArg}). It validates, pulls, starts and waits for healthy containers; it reports progress and can be cancelled.`,
      ps &&
        `Verify: ${ps} (stack: "${stack}"${hostArg}): every container running, healthy where it has a healthcheck.`,
      logs &&
        `If a container is not healthy: ${logs} (stack: "${stack}", services: [<it>]${hostArg}) and find the first error.`,
    ]),
    '',
    'Then report what runs, on which ports, and anything that failed with its evidence. Do not take anything down without my go-ahead.',
  ].join('\n');
}

export function deployStackPrompt(refs: ToolRefs, stack: string, host?: string): GetPromptResult {
  return {
    description: `Deploy stack ${stack}`,
    messages: [{ role: 'user', content: { type: 'text', text: deployStackText(refs, stack, host) } }],
  };
}
