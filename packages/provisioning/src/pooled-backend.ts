import { raceSignal } from '@berth/errors';
import type {
  CallToolResult,
  GetPromptResult,
  Prompt,
  ReadResourceResult,
  RequestOptions,
  Resource,
  Tool,
} from '@modelcontextprotocol/client';
import type { Logger } from 'pino';
import type {
  BackendCallOptions,
  BackendKind,
  BackendRequestOptions,
  ListChangedKind,
  McpBackend,
} from './backend.js';
import type { CatalogServer } from './catalog-schema.js';
import { ConcurrencyLimit } from './concurrency-limit.js';
import { type Launcher, McpInstance } from './mcp-instance.js';
import { ProvisioningError } from './provisioning-error.js';
import { toolResultShape } from './tool-result-shape.js';

export interface PooledBackendOptions {
  name: string;
  kind: BackendKind;
  server: CatalogServer;
  logger: Logger;
  /** How to start one instance; `session` is set for long-lived servers. */
  launcher: (session: string | undefined) => Launcher;
  /** Runs after every instance stopped at close (removing an egress network). */
  afterClose?: () => Promise<void>;
  now?: () => number;
}

const WARM = 'warm';

/**
 * A backend whose instances are kept in a pool: one per client session for `longLived`
 * servers, one shared warm instance for the others (never a process per call). Instances
 * start on first use; one unused for `idleTimeoutMs` is stopped; one that died is replaced
 * by the next call. Requests pass a per-server FIFO limit of `maxConcurrency`.
 */
export class PooledBackend implements McpBackend {
  readonly name: string;
  readonly kind: BackendKind;
  readonly prefix: string | undefined;
  readonly #server: CatalogServer;
  readonly #logger: Logger;
  readonly #starting = new Map<string, Promise<McpInstance>>();
  readonly #running = new Map<string, McpInstance>();
  readonly #listeners = new Set<(kind: ListChangedKind, session: string | undefined) => void>();
  readonly #limit: ConcurrencyLimit;
  readonly #closing = new AbortController();
  readonly #idleTimer: NodeJS.Timeout;
  readonly #now: () => number;

  constructor(private readonly options: PooledBackendOptions) {
    this.name = options.name;
    this.kind = options.kind;
    this.#server = options.server;
    this.prefix = options.server.prefix;
    this.#logger = options.logger;
    this.#now = options.now ?? Date.now;
    this.#limit = new ConcurrencyLimit(
      options.server.maxConcurrency,
      options.server.queueTimeoutMs,
      `a request to server ${options.name}`,
    );
    const every = Math.max(250, Math.min(options.server.idleTimeoutMs / 2, 30_000));
    this.#idleTimer = setInterval(() => void this.reapIdle(), every).unref();
  }

  #key(session: string | undefined): string {
    return this.#server.longLived ? `session:${session ?? ''}` : WARM;
  }

  /** The live instance for `session`, started when there is none; startup is shared by concurrent callers. */
  async #instance(session: string | undefined, signal: AbortSignal | undefined): Promise<McpInstance> {
    if (this.#closing.signal.aborted) throw this.#closedError();
    const key = this.#key(session);
    const running = this.#running.get(key);
    if (running && !running.dead) return running;
    let starting = this.#starting.get(key);
    if (!starting) {
      const owner = this.#server.longLived ? session : undefined;
      // Not the caller's signal: a caller that gives up must not abort a start others wait for.
      starting = McpInstance.start(
        this.options.launcher(owner),
        {
          server: this.name,
          session: owner,
          initializeTimeoutMs: this.#server.initializeTimeoutMs,
          logger: this.#logger,
          onListChanged: (kind) => this.#emit(kind, owner),
          onGone: (instance) => {
            if (this.#running.get(key) === instance) this.#running.delete(key);
          },
        },
        this.#closing.signal,
      ).then(
        (instance) => {
          this.#starting.delete(key);
          if (this.#closing.signal.aborted) {
            void instance.close();
            throw this.#closedError();
          }
          this.#running.set(key, instance);
          return instance;
        },
        (error: unknown) => {
          this.#starting.delete(key);
          throw error;
        },
      );
      this.#starting.set(key, starting);
    }
    const cancelled = () =>
      new ProvisioningError(
        'CANCELLED',
        `start server ${this.name} was cancelled`,
        { server: this.name },
        { cause: signal?.reason },
      );
    return raceSignal(starting, signal, cancelled);
  }

  #closedError(): ProvisioningError {
    return new ProvisioningError('CLOSED', `server ${this.name} was closed`, { server: this.name });
  }

  #emit(kind: ListChangedKind, session: string | undefined): void {
    for (const listener of this.#listeners) {
      try {
        listener(kind, session);
      } catch (error) {
        this.#logger.error({ err: error, server: this.name }, 'list-changed listener threw');
      }
    }
  }

  async #request<T>(
    what: string,
    options: BackendRequestOptions,
    work: (instance: McpInstance, request: RequestOptions) => Promise<T>,
  ): Promise<T> {
    const timeoutMs = options.timeoutMs ?? this.#server.callTimeoutMs;
    return this.#limit.run(async () => {
      const instance = await this.#instance(options.session, options.signal);
      return instance.request(what, timeoutMs, options.signal, (request) => work(instance, request));
    }, options.signal);
  }

  #allowed(tool: string): boolean {
    return this.#server.tools === undefined || this.#server.tools.includes(tool);
  }

  async ensureStarted(options: BackendRequestOptions = {}): Promise<void> {
    await this.#instance(options.session, options.signal);
  }

  async listTools(options: BackendRequestOptions = {}): Promise<Tool[]> {
    const { tools } = await this.#request(`list the tools of ${this.name}`, options, (i, r) =>
      i.client.listTools(undefined, { ...r, cacheMode: 'bypass' }),
    );
    return tools.filter((tool) => this.#allowed(tool.name));
  }

  async listPrompts(options: BackendRequestOptions = {}): Promise<Prompt[]> {
    const { prompts } = await this.#request(`list the prompts of ${this.name}`, options, (i, r) =>
      i.client.listPrompts(undefined, { ...r, cacheMode: 'bypass' }),
    );
    return prompts;
  }

  async listResources(options: BackendRequestOptions = {}): Promise<Resource[]> {
    const { resources } = await this.#request(`list the resources of ${this.name}`, options, (i, r) =>
      i.client.listResources(undefined, { ...r, cacheMode: 'bypass' }),
    );
    return resources;
  }

  async callTool(
    name: string,
    args: Record<string, unknown>,
    options: BackendCallOptions = {},
  ): Promise<CallToolResult> {
    if (!this.#allowed(name)) {
      throw new ProvisioningError('NOT_FOUND', `server ${this.name} serves no tool ${JSON.stringify(name)}`, {
        server: this.name,
        tool: name,
      });
    }
    const { onProgress } = options;
    // A plain request with the result's outline, not `callTool`: the gateway validates
    // every result in full as it answers, after masking (the SDK's server, or the fast
    // path, which answers only results of plain text blocks itself), and callTool's other
    // steps (output schemas and header mirroring from a cached tools/list) have nothing to
    // work on here, since lists are fetched past the client's cache.
    return this.#request(`call ${this.name}/${name}`, options, (i, r) =>
      i.client.request({ method: 'tools/call', params: { name, arguments: args } }, toolResultShape, {
        ...r,
        ...(onProgress ? { onprogress: onProgress, resetTimeoutOnProgress: false } : {}),
      }),
    );
  }

  getPrompt(
    name: string,
    args: Record<string, string>,
    options: BackendRequestOptions = {},
  ): Promise<GetPromptResult> {
    return this.#request(`get prompt ${this.name}/${name}`, options, (i, r) =>
      i.client.getPrompt({ name, arguments: args }, r),
    );
  }

  readResource(uri: string, options: BackendRequestOptions = {}): Promise<ReadResourceResult> {
    return this.#request(`read ${uri} from ${this.name}`, options, (i, r) =>
      i.client.readResource({ uri }, { ...r, cacheMode: 'bypass' }),
    );
  }

  onListChanged(listener: (kind: ListChangedKind, session: string | undefined) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Instances (started ones, not starting) by key, for tests and status. */
  instances(): Array<{ key: string; inFlight: number; lastUsed: number }> {
    return [...this.#running].map(([key, i]) => ({ key, inFlight: i.inFlight, lastUsed: i.lastUsed }));
  }

  /** Stops instances with nothing in flight that were unused for `idleTimeoutMs`. */
  async reapIdle(): Promise<number> {
    const cutoff = this.#now() - this.#server.idleTimeoutMs;
    const idle = [...this.#running].filter(([, i]) => i.inFlight === 0 && i.lastUsed <= cutoff);
    for (const [key] of idle) {
      this.#running.delete(key);
      this.#logger.info({ server: this.name, key }, 'stopping an idle MCP server');
    }
    await Promise.allSettled(idle.map(([, instance]) => instance.close()));
    return idle.length;
  }

  async endSession(session: string): Promise<void> {
    if (!this.#server.longLived) return;
    const key = this.#key(session);
    const instance = this.#running.get(key) ?? (await this.#starting.get(key)?.catch(() => undefined));
    this.#running.delete(key);
    await instance?.close();
  }

  async close(): Promise<void> {
    if (this.#closing.signal.aborted) return;
    this.#closing.abort(this.#closedError());
    clearInterval(this.#idleTimer);
    this.#limit.rejectAll(this.#closedError());
    const starting = await Promise.allSettled([...this.#starting.values()]);
    const instances = [...this.#running.values()];
    for (const result of starting) if (result.status === 'fulfilled') instances.push(result.value);
    this.#running.clear();
    await Promise.allSettled(instances.map((instance) => instance.close()));
    await this.options.afterClose?.();
  }
}
