import { ProtocolError, ProtocolErrorCode, ResourceNotFoundError } from '@modelcontextprotocol/server';
import { errorLine } from '../framework/error-message.js';
import type { ToolContext } from '../framework/tool-context.js';

/**
 * A failed resource read as the client sees it: one masked line saying what was wrong and
 * what to do (the same line a tool would give), as a protocol error, never a stack trace.
 */
export function resourceError(uri: string, error: unknown, context: ToolContext): ProtocolError {
  const line = errorLine(error);
  const message = context.masker.maskText(line.message);
  context.logger.debug({ uri, code: line.code, err: error }, 'resource read failed');
  if (line.code === 'NOT_FOUND' || line.code === 'UNKNOWN_HOST')
    return new ResourceNotFoundError(uri, message);
  if (line.code === 'INVALID') return new ProtocolError(ProtocolErrorCode.InvalidParams, message);
  return new ProtocolError(ProtocolErrorCode.InternalError, message);
}
