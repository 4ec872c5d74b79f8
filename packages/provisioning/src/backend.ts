import type {
  CallToolResult,
  GetPromptResult,
  Prompt,
  ReadResourceResult,
  Resource,
  Tool,
} from '@modelcontextprotocol/client';

/** How a backend reaches its MCP server. */
export type BackendKind = 'container' | 'remote' | 'static';

/** Which list of a server changed (`notifications/<kind>/list_changed`). */
export type ListChangedKind = 'tools' | 'prompts' | 'resources';

/**
 * Options every backend request takes. `session` is the gateway's client session id:
 * a `longLived` server keeps one instance per (server, session); other servers share
 * warm instances and ignore it. `signal` aborts the request (a started tool call is
 * cancelled on the server with `notifications/cancelled`); `timeoutMs` overrides the
 * server's call timeout from the catalog.
 */
export interface BackendRequestOptions {
  signal?: AbortSignal;
  session?: string;
  timeoutMs?: number;
}

/** Options of a tool call: the request options plus progress from the server. */
export interface BackendCallOptions extends BackendRequestOptions {
  onProgress?: (progress: { progress: number; total?: number; message?: string }) => void;
}

/**
 * One MCP server the gateway serves, whatever runs it. Methods start the server on first
 * use (never at construction), so a gateway answers before any server is up. Lists are
 * already filtered by the catalog's `tools` allowlist; names are the server's own (the
 * aggregation adds `prefix`). Every failure is a BerthError: TIMEOUT (initialize, call or
 * queue deadline), CANCELLED, CLOSED (the server died or the backend was closed; the next
 * call starts a fresh instance), UNREACHABLE, NOT_FOUND (a tool outside the allowlist).
 */
export interface McpBackend {
  /** The server's name in the catalog. */
  readonly name: string;
  readonly kind: BackendKind;
  /** The catalog's `prefix` for this server's tools, if any. */
  readonly prefix: string | undefined;
  /** Starts (or reuses) the instance for `session` and runs the initialize handshake. */
  ensureStarted(options?: BackendRequestOptions): Promise<void>;
  listTools(options?: BackendRequestOptions): Promise<Tool[]>;
  listPrompts(options?: BackendRequestOptions): Promise<Prompt[]>;
  listResources(options?: BackendRequestOptions): Promise<Resource[]>;
  /**
   * Calls a tool on the server. The answer is checked for the outline of a CallToolResult
   * (an object whose content blocks masking can walk), not against the protocol's full
   * schema: an MCP server that passes it on (the gateway's) validates it in full as it answers.
   */
  callTool(
    name: string,
    args: Record<string, unknown>,
    options?: BackendCallOptions,
  ): Promise<CallToolResult>;
  getPrompt(
    name: string,
    args: Record<string, string>,
    options?: BackendRequestOptions,
  ): Promise<GetPromptResult>;
  readResource(uri: string, options?: BackendRequestOptions): Promise<ReadResourceResult>;
  /** Called when any instance of this server says a list changed; returns the unsubscribe. */
  onListChanged(listener: (kind: ListChangedKind, session: string | undefined) => void): () => void;
  /** Ends the instances that belong to `session` (long-lived ones); others stay warm. */
  endSession(session: string): Promise<void>;
  /** Stops every instance (removing its containers) and refuses further calls with CLOSED. */
  close(): Promise<void>;
}

/** What a catalog reload changed, by server name. */
export interface BackendSetChange {
  added: string[];
  removed: string[];
  changed: string[];
}

/**
 * The gateway's one object for its servers: built from a catalog, it hands out the
 * backend of a server by name and swaps backends when the catalog reloads (a changed or
 * removed server's instances are closed; an unchanged one keeps its warm instances).
 */
export interface BackendSet {
  /** The gateway id in `berth.gateway` labels of everything this set starts. */
  readonly gatewayId: string;
  /** Server names in catalog order. */
  names(): string[];
  /** The backend of `server`, or undefined when the catalog has no such server. */
  get(server: string): McpBackend | undefined;
  /** Every backend, in catalog order. */
  all(): McpBackend[];
  /** Ends one client session's long-lived instances on every server. */
  endSession(session: string): Promise<void>;
  /** Called after a catalog reload applied; returns the unsubscribe. */
  onChange(listener: (change: BackendSetChange) => void): () => void;
  /** Closes every backend and removes everything this gateway started (graceful shutdown). */
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}
