import {
  acceptedContent,
  CLIENT_CAPABILITIES_META_KEY,
  type ClientCapabilities,
  type InputRequiredResult,
  inputRequired,
  inputResponse,
  type McpServer,
  type ServerContext,
} from '@modelcontextprotocol/server';
import { z } from 'zod';

const CONFIRM_KEY = 'berth_confirm';
const confirmation = z.object({ confirm: z.boolean().describe('Go ahead') });

/** Whether this request's client can answer a form elicitation (either protocol era). */
export function clientCanElicit(server: McpServer, ctx: ServerContext): boolean {
  const envelope = ctx.mcpReq.envelope as Record<string, unknown> | undefined;
  const fromEnvelope = envelope?.[CLIENT_CAPABILITIES_META_KEY] as ClientCapabilities | undefined;
  const elicitation = (fromEnvelope ?? server.server.getClientCapabilities())?.elicitation;
  // An empty elicitation capability means form mode (the spec's backward-compatible reading).
  return elicitation !== undefined && (Object.keys(elicitation).length === 0 || 'form' in elicitation);
}

export type Confirmation =
  | { state: 'confirmed' }
  | { state: 'declined' }
  | { state: 'ask'; result: InputRequiredResult };

/**
 * Reads the user's answer from a retried request, or builds the question. The question
 * is asked through `inputRequired`, which the SDK turns into `elicitation/create` for
 * 2025-era clients, so one code path serves both eras.
 */
export async function askConfirmation(
  ctx: ServerContext,
  message: () => Promise<string>,
): Promise<Confirmation> {
  const answer = inputResponse(ctx.mcpReq.inputResponses, CONFIRM_KEY);
  if (answer.kind === 'elicit') {
    const content = acceptedContent(ctx.mcpReq.inputResponses, CONFIRM_KEY, confirmation);
    return content?.confirm === true ? { state: 'confirmed' } : { state: 'declined' };
  }
  return {
    state: 'ask',
    result: inputRequired({
      inputRequests: {
        [CONFIRM_KEY]: inputRequired.elicit({ message: await message(), requestedSchema: confirmation }),
      },
    }),
  };
}
