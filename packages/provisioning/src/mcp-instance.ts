import { Deadline } from '@berth/errors';
import { Client, ProtocolError, type RequestOptions, type Transport } from '@modelcontextprotocol/client';
import type { Logger } from 'pino';
import type { ListChangedKind } from './backend.js';
import { ProvisioningError, type ProvisioningErrorCode } from './provisioning-error.js';

const PASSED_THROUGH = new Set<string>(['TIMEOUT', 'CANCELLED', 'NOT_FOUND', 'UNREACHABLE', 'CONFIG']);
const CATALOG_FAULTS = new Set<string>([
  'INVALID',
  'INVALID_ARGUMENT',
  'LOOKS_LIKE_FLAG',
  'CONTROL_CHARACTER',
  'INVALID_IMAGE_REF',
]);

/** What a launcher hands back: a transport to the server and how to stop what runs it. */
export interface LaunchedServer {
  transport: Transport;
  /** Stops the process or connection (removing a container); safe to call twice. */
  stop(): Promise<void>;
  /** For logs and errors: `container 1a2b3c`, `http://...`, `tcp 127.0.0.1:4444`. */
  describe: string;
}

export type Launcher = (signal: AbortSignal) => Promise<LaunchedServer>;

export interface InstanceOptions {
  server: string;
  session: string | undefined;
  initializeTimeoutMs: number;
  logger: Logger;
  onListChanged: (kind: ListChangedKind) => void;
  /** Called once when the instance dies or is closed, so its pool forgets it. */
  onGone: (instance: McpInstance) => void;
}

const CLIENT_INFO = { name: 'berth-gateway', version: '0.0.0' };

/**
 * One running MCP server and the SDK client connected to it. It dies when its transport
 * closes (the container exited, the socket dropped): requests in flight then fail with
 * CLOSED and the pool starts a fresh instance for the next call.
 */
export class McpInstance {
  #dead: string | undefined;
  #inFlight = 0;
  lastUsed = Date.now();

  private constructor(
    readonly client: Client,
    private readonly launched: LaunchedServer,
    private readonly options: InstanceOptions,
  ) {}

  /** Launches the server and runs the initialize handshake within `initializeTimeoutMs`. */
  static async start(launch: Launcher, options: InstanceOptions, signal?: AbortSignal): Promise<McpInstance> {
    const what = `start MCP server ${options.server}`;
    const deadline = new Deadline(what, options.initializeTimeoutMs, signal);
    const combined = deadline.signal;
    let launched: LaunchedServer | undefined;
    try {
      launched = await launch(combined);
      const notify = (kind: ListChangedKind) => ({
        autoRefresh: false,
        debounceMs: 100,
        onChanged: () => instance.#listChanged(kind),
      });
      const client = new Client(CLIENT_INFO, {
        capabilities: {},
        listChanged: { tools: notify('tools'), prompts: notify('prompts'), resources: notify('resources') },
      });
      const instance = new McpInstance(client, launched, options);
      client.onclose = () => instance.#die('the connection to the server closed');
      client.onerror = (error) =>
        options.logger.debug({ err: error.message, server: options.server }, 'MCP transport error');
      await client.connect(launched.transport, {
        signal: combined,
        timeout: options.initializeTimeoutMs + 1_000,
      });
      options.logger.info(
        { server: options.server, session: options.session, at: launched.describe },
        'MCP server started',
      );
      return instance;
    } catch (error) {
      await launched?.stop().catch(() => {});
      throw toProvisioningError(error, what, options.server, deadline);
    } finally {
      deadline.dispose();
    }
  }

  get dead(): boolean {
    return this.#dead !== undefined;
  }

  get inFlight(): number {
    return this.#inFlight;
  }

  /** Runs one request with the caller's signal and a deadline; maps every failure to a ProvisioningError. */
  async request<T>(
    what: string,
    timeoutMs: number,
    signal: AbortSignal | undefined,
    work: (options: RequestOptions) => Promise<T>,
  ): Promise<T> {
    if (this.#dead) throw this.#closedError(what);
    const deadline = new Deadline(what, timeoutMs, signal);
    this.#inFlight++;
    this.lastUsed = Date.now();
    try {
      // The SDK's own timeout is a backstop; the deadline fires first and sends notifications/cancelled.
      return await work({ signal: deadline.signal, timeout: timeoutMs + 1_000 });
    } catch (error) {
      if (this.#dead && !deadline.signal.aborted) throw this.#closedError(what, error);
      throw toProvisioningError(error, what, this.options.server, deadline);
    } finally {
      deadline.dispose();
      this.#inFlight--;
      this.lastUsed = Date.now();
    }
  }

  #closedError(what: string, cause?: unknown): ProvisioningError {
    return new ProvisioningError(
      'CLOSED',
      `${what}: server ${this.options.server} stopped (${this.#dead}); the next call starts a fresh one`,
      { server: this.options.server },
      { cause },
    );
  }

  #listChanged(kind: ListChangedKind): void {
    if (!this.#dead) this.options.onListChanged(kind);
  }

  #die(reason: string): void {
    if (this.#dead) return;
    this.#dead = reason;
    this.options.logger.info(
      { server: this.options.server, session: this.options.session, reason },
      'MCP server instance gone',
    );
    this.options.onGone(this);
    void this.launched
      .stop()
      .catch((error: unknown) =>
        this.options.logger.warn(
          { err: error, server: this.options.server },
          'stopping a dead MCP server failed',
        ),
      );
  }

  /** Closes the client and stops the server. */
  async close(): Promise<void> {
    if (!this.#dead) this.#die('closed by the gateway');
    await this.client.close().catch(() => {});
    await this.launched.stop();
  }
}

export function toProvisioningError(
  error: unknown,
  what: string,
  server: string,
  deadline: Deadline,
): ProvisioningError {
  if (error instanceof ProvisioningError) return error;
  const { timeoutMs } = deadline;
  if (deadline.timedOut)
    return new ProvisioningError(
      'TIMEOUT',
      `${what} timed out after ${timeoutMs} ms`,
      { server, timeoutMs },
      { cause: error },
    );
  if (deadline.signal.aborted)
    return new ProvisioningError('CANCELLED', `${what} was cancelled`, { server }, { cause: error });
  if (error instanceof ProtocolError) {
    return new ProvisioningError(
      'FAILED',
      `${what}: the server answered error ${error.code}: ${error.message}`,
      { server, rpcCode: error.code },
      { cause: error },
    );
  }
  const code = (error as { code?: unknown }).code;
  if (code === 'CONNECTION_CLOSED' || code === 'NOT_CONNECTED') {
    return new ProvisioningError(
      'CLOSED',
      `${what}: the server closed the connection`,
      { server },
      { cause: error },
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  // A catalog value the guards refused (a flag-like template value, a bad image) is the catalog's fault.
  if (typeof code === 'string' && CATALOG_FAULTS.has(code)) {
    return new ProvisioningError('CONFIG', `${what}: ${message}`, { server }, { cause: error });
  }
  // A berth error from below (the engine, the pool) keeps its meaning.
  if (typeof code === 'string' && PASSED_THROUGH.has(code)) {
    return new ProvisioningError(
      code as ProvisioningErrorCode,
      `${what}: ${message}`,
      { server },
      { cause: error },
    );
  }
  return new ProvisioningError('UNREACHABLE', `${what}: ${message}`, { server }, { cause: error });
}
