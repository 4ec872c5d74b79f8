import type { Masker } from '@berth/security';
import type { Logger } from 'pino';
import type { AuditLog } from './audit-log.js';
import type { Limits } from './shape-rows.js';
import type { ToolBackend } from './tool-backend.js';

/** Everything the tools share, built once by the app and handed to `registerBerthTools`. */
export interface ToolContext {
  /** Built on the first tool call (config, client pool), never at start. */
  backend: () => Promise<ToolBackend>;
  /** Server-wide read-only mode (`--read-only`): mutating tools are not even listed. */
  readOnly?: boolean;
  audit?: AuditLog;
  logger: Logger;
  /** Masks secrets (known values, secret-looking keys) in everything the agent reads. */
  masker: Masker;
  limits?: Limits;
}
