import type {
  CallToolResult,
  GetPromptResult,
  Prompt,
  ReadResourceResult,
  Resource,
  Tool,
} from '@modelcontextprotocol/client';
import type { ListChangedKind, McpBackend } from '../backend.js';

/** Options of a list, prompt or resource request to a source. */
export interface SourceRequestOptions {
  signal?: AbortSignal;
  session?: string;
}

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
  /**
   * The app's way to ask its user before a data-losing action (the tool core's `ConfirmFn`,
   * MCP elicitation in the gateway). Passed through untouched to sources that ask; a source
   * that asks may then answer with the question instead of a result.
   */
  confirm?: unknown;
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
  /**
   * Identifies the source's definition (a hash of its catalog entry): a list cached under
   * another version is not served, so an edited server is listed afresh.
   */
  readonly version?: string;
  /** True when listing costs nothing (no server to start): never served from the disk cache. */
  readonly cheapList?: boolean;
  listTools(options?: SourceRequestOptions): Promise<Tool[]>;
  callTool(name: string, args: Record<string, unknown>, options: SourceCallOptions): Promise<CallToolResult>;
  /** Prompts and resources, for sources that offer them (berth's own are served apart). */
  listPrompts?(options?: SourceRequestOptions): Promise<Prompt[]>;
  getPrompt?(
    name: string,
    args: Record<string, string>,
    options?: SourceRequestOptions,
  ): Promise<GetPromptResult>;
  listResources?(options?: SourceRequestOptions): Promise<Resource[]>;
  readResource?(uri: string, options?: SourceRequestOptions): Promise<ReadResourceResult>;
  /** Called when one of the source's lists changed; returns the unsubscribe. */
  onListChanged?(listener: (kind: ListChangedKind) => void): () => void;
}

/** An MCP backend as a tool source: its allowlist and prefix are the catalog's; `version` see ToolSource. */
export function backendToolSource(backend: McpBackend, version?: string): ToolSource {
  return {
    name: backend.name,
    prefix: backend.prefix,
    ...(version !== undefined ? { version } : {}),
    listTools: (options) => backend.listTools(options),
    callTool: (name, args, options) =>
      backend.callTool(name, args, {
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.session ? { session: options.session } : {}),
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      }),
    listPrompts: (options) => backend.listPrompts(options),
    getPrompt: (name, args, options) => backend.getPrompt(name, args, options),
    listResources: (options) => backend.listResources(options),
    readResource: (uri, options) => backend.readResource(uri, options),
    onListChanged: (listener) => backend.onListChanged((kind) => listener(kind)),
  };
}
