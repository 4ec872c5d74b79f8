import type { BerthPaths } from '@berth/config';
import type { Masker } from '@berth/security';
import type { Logger } from 'pino';
import type { AuditLog } from './audit-log.js';
import type { ConfirmTokens } from './confirm-tokens.js';
import type { HostDirectory } from './host-directory.js';
import type { Limits } from './shape-rows.js';
import type { ToolSpec } from './tool-spec.js';

/**
 * Everything a call needs, built once by an app (`createToolContext`) and shared by every
 * way in: the MCP binding, the gateway and the CLI all hand calls to the same runner.
 */
export interface ToolContext {
  /**
   * The tools this app serves (toolsets and read-only mode already applied), for listing.
   * A context built from catalog entries has no list of specs: reading this throws.
   */
  readonly tools: readonly ToolSpec[];
  /** The names of the tools served, in listing order. */
  readonly toolNames: readonly string[];
  /** The spec of a served tool, loaded on first use; undefined when no such tool is served. */
  tool(name: string): Promise<ToolSpec | undefined>;
  /** Server-wide read-only mode: mutating tools are not served at all. */
  readonly readOnly: boolean;
  /** False when a flag turned confirmation of data-losing actions off (automation). */
  readonly confirm: boolean;
  readonly logger: Logger;
  /** Knows berth's own secrets; each call works with a fork of it. */
  readonly masker: Masker;
  readonly audit: AuditLog;
  readonly tokens: ConfirmTokens;
  readonly paths: BerthPaths;
  readonly limits: Limits;
  /** Config and client pool, built on first use (initialize and tools/list need neither). */
  hosts(): Promise<HostDirectory>;
  /** Closes the config watcher and every engine connection. */
  dispose(): Promise<void>;
}
