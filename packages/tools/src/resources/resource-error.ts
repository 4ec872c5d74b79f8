import { type Masker, sanitizeText } from '@berth/security';
import { ProtocolError, ProtocolErrorCode, ResourceNotFoundError } from '@modelcontextprotocol/server';
import type { Logger } from 'pino';
import { errorLine } from '../framework/error-message.js';

/**
 * A failed resource read as the client sees it: one masked line saying what was wrong and
 * what to do (the same line a tool would give), as a protocol error, never a stack trace.
 * `masker` is the read's own, so secrets it learned are masked in the error too.
 */
export function resourceError(uri: string, error: unknown, masker: Masker, logger: Logger): ProtocolError {
  const line = errorLine(error);
  const message = masker.maskText(sanitizeText(line.message));
  logger.debug({ uri, code: line.code, err: error }, 'resource read failed');
  if (line.code === 'NOT_FOUND' || line.code === 'UNKNOWN_HOST')
    return new ResourceNotFoundError(uri, message);
  if (line.code === 'INVALID') return new ProtocolError(ProtocolErrorCode.InvalidParams, message);
  return new ProtocolError(ProtocolErrorCode.InternalError, message);
}
