import {
  acceptedContent,
  CLIENT_CAPABILITIES_META_KEY,
  type ClientCapabilities,
  inputRequired,
  inputResponse,
  type McpServer,
  type ServerContext,
} from '@modelcontextprotocol/server';
import { z } from 'zod';
import type { ConfirmAnswer, ConfirmFn, ConfirmRequest } from '../framework/confirm-plan.js';

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

/**
 * The runner's confirmation through MCP elicitation. The question goes out as
 * `inputRequired`, which the SDK turns into `elicitation/create` for 2025-era clients and
 * a multi-round-trip result for 2026-era ones; the retried request carries the answer.
 * A client that cannot elicit gets the plan-bound token instead (`available: false`).
 */
export function elicitConfirm(server: McpServer, ctx: ServerContext): ConfirmFn {
  const answered = inputResponse(ctx.mcpReq.inputResponses, CONFIRM_KEY).kind === 'elicit';
  const ask = async (request: ConfirmRequest): Promise<ConfirmAnswer> => {
    if (answered) {
      const content = acceptedContent(ctx.mcpReq.inputResponses, CONFIRM_KEY, confirmation);
      return content?.confirm === true ? { state: 'yes' } : { state: 'no' };
    }
    return {
      state: 'pending',
      value: inputRequired({
        inputRequests: {
          [CONFIRM_KEY]: inputRequired.elicit({ message: request.message, requestedSchema: confirmation }),
        },
      }),
    };
  };
  return Object.assign(ask, { available: answered || clientCanElicit(server, ctx) });
}
