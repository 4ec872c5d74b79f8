import { ZodError } from 'zod';
import { clip } from './host-param.js';

/** A failure as the agent reads it: a code and one line saying what was wrong and what to do. */
export interface ErrorLine {
  code: string;
  message: string;
}

/** An error already mapped to its line (with the host it happened on). */
export class MappedError extends Error {
  override readonly name = 'MappedError';
  constructor(
    readonly line: ErrorLine,
    options: { cause?: unknown } = {},
  ) {
    super(line.message, options);
  }
}

interface CodedError {
  name: string;
  code: string;
  message: string;
  data?: Record<string, unknown>;
}

function isCoded(error: unknown): error is CodedError {
  return (
    error instanceof Error && typeof (error as { code?: unknown }).code === 'string' && error.name !== 'Error'
  );
}

const HINTS: Record<string, string> = {
  NOT_FOUND: 'list the resources on that host to find the right name',
  UNREACHABLE: 'check that the engine runs and the profile is right (system action hosts)',
  TIMEOUT: "retry, or raise the profile's timeoutMs",
  DENIED: 'check permissions and credentials of the profile',
};

/** Raw dockerode / socket errors, met until every call goes through @berth/engine. */
function fromRawDocker(error: Error & { statusCode?: number; code?: string; json?: unknown }): ErrorLine {
  const json = error.json as { message?: string } | undefined;
  const message = json?.message ?? error.message;
  if (error.statusCode === 404) return { code: 'NOT_FOUND', message };
  if (error.statusCode === 409 || error.statusCode === 304) return { code: 'CONFLICT', message };
  if (error.statusCode === 400) return { code: 'INVALID', message };
  if (error.code === 'ENOENT' || error.code === 'ECONNREFUSED' || error.code === 'ECONNRESET') {
    return { code: 'UNREACHABLE', message: `engine unreachable (${error.code}: ${message})` };
  }
  if (error.name === 'AbortError') return { code: 'CANCELLED', message: 'cancelled' };
  return { code: 'ENGINE', message };
}

function zodLine(error: ZodError): string {
  const parts = error.issues.slice(0, 2).map((issue) => {
    const path = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    return `${path}${issue.message}`;
  });
  return `Invalid arguments: ${parts.join('; ')}`;
}

/**
 * The one place that maps every package's errors (EngineError, ClientPoolError,
 * ConfigError, SecurityError, ToolError, zod) to one line for an `isError` result.
 * Never a stack trace; user input is clipped and secrets masked by the caller.
 */
export function errorLine(error: unknown, host?: string): ErrorLine {
  const where = host ? `${host}: ` : '';
  if (error instanceof MappedError) return error.line;
  let line: ErrorLine;
  if (error instanceof ZodError) line = { code: 'INVALID', message: zodLine(error) };
  else if (error instanceof Error && error.name === 'ToolError' && isCoded(error)) {
    line = { code: error.code, message: error.message };
  } else if (isCoded(error) && /^(Engine|ClientPool|Config|Security)Error$/.test(error.name)) {
    const hint = HINTS[error.code];
    line = { code: error.code, message: `${where}${error.message}${hint ? `; ${hint}` : ''}` };
  } else if (
    error instanceof Error &&
    ('statusCode' in error || 'code' in error || error.name === 'AbortError')
  ) {
    const raw = fromRawDocker(error);
    const hint = HINTS[raw.code];
    line = { code: raw.code, message: `${where}${raw.message}${hint ? `; ${hint}` : ''}` };
  } else {
    const message = error instanceof Error ? error.message : String(error);
    line = { code: 'INTERNAL', message: `${where}internal error: ${message}` };
  }
  return { code: line.code, message: clip(line.message, 400) };
}
