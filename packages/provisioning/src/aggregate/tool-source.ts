import type { CallToolResult, Tool } from '@modelcontextprotocol/client';
import type { McpBackend } from '../backend.js';

/** Who made a call: the authenticated principal and the MCP client's own name. */
export interface CallerIdentity {
  via: 'mcp' | 'gateway' | 'cli' | 'library';
  name: string;
  session?: string;
}

/** Options of one call through a source. */
export interface SourceCallOptions {
  caller: CallerIdentity;
  signal?: AbortSignal;
  /** The gateway's client session (long-lived backends keep one instance per session). */
  session?: string;
  onProgress?: (progress: { progress: number; total?: number; message?: string }) => void;
}

/**
 * One place tools come from: an MCP backend (see `backendToolSource`) or berth's own tool
 * runner. The aggregator only lists and calls; starting, pooling and reaping stay with the
 * source.
 */
export interface ToolSource {
  /** The server's name in the catalog; `berth` for berth's own tools. */
  readonly name: string;
  /** The catalog's prefix for this source's tools, if any. */
  readonly prefix?: string | undefined;
  /** True for berth's own tools: their names are never namespaced. */
  readonly reserved?: boolean;
  /** True when the source writes its own audit lines (berth's runner does). */
  readonly audited?: boolean;
  /** True when listing costs nothing (no server to start): never served from the disk cache. */
  readonly cheapList?: boolean;
  listTools(options?: { signal?: AbortSignal; session?: string }): Promise<Tool[]>;
  callTool(name: string, args: Record<string, unknown>, options: SourceCallOptions): Promise<CallToolResult>;
  /** Called when the source's tool list changed; returns the unsubscribe. */
  onToolsChanged?(listener: () => void): () => void;
}

/** An MCP backend as a tool source: its allowlist and prefix are the catalog's. */
export function backendToolSource(backend: McpBackend): ToolSource {
  return {
    name: backend.name,
    prefix: backend.prefix,
    listTools: (options) => backend.listTools(options),
    callTool: (name, args, options) =>
      backend.callTool(name, args, {
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.session ? { session: options.session } : {}),
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      }),
    onToolsChanged: (listener) =>
      backend.onListChanged((kind) => {
        if (kind === 'tools') listener();
      }),
  };
}
