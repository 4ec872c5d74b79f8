import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BERTH_TOOLS, createToolContext } from '@berth/tools';
import { Client, SSEClientTransport, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';

/** berth's own tool names as the gateway serves them by default, from the tool core itself. */
export const BERTH_TOOL_NAMES = createToolContext({ tools: BERTH_TOOLS, auditLog: false, env: {} }).tools.map(
  (t) => t.name,
);

export const bin = fileURLToPath(new URL('../dist/main.js', import.meta.url));

/** The token tests give the gateway (BERTH_GATEWAY_TOKEN). */
export const TEST_TOKEN = 'gateway-test-token-0123456789abcdef';

/** The name the test client gives; the audit log records it after the principal. */
export const CLIENT_NAME = 'gateway-test';

export interface GatewayProcess extends AsyncDisposable {
  /** `http://127.0.0.1:<port>/mcp` */
  url: string;
  /** `http://127.0.0.1:<port>` */
  origin: string;
  child: ChildProcess;
  /** Everything the gateway wrote on stderr so far. */
  stderr(): string;
  /** Its private state folder (audit log, tool cache). */
  stateDir: string;
  stop(): Promise<number | null>;
}

export interface GatewayProcessOptions {
  args?: string[];
  /** Unset: the test token; null: none (the gateway generates one or runs unauthenticated). */
  token?: string | null;
  env?: Record<string, string>;
  /** Share a state folder (tool cache) between processes. */
  stateDir?: string;
}

/** The built bin on 127.0.0.1, a free port, its own state folder, as a user starts it. */
export async function startGatewayProcess(options: GatewayProcessOptions = {}): Promise<GatewayProcess> {
  const home = await mkdtemp(join(tmpdir(), 'berth-gateway-test-'));
  const stateDir = options.stateDir ?? join(home, 'state');
  // An allowlisted environment: the gateway sees no variable of the test runner's.
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: home,
    XDG_STATE_HOME: stateDir,
    XDG_CONFIG_HOME: join(home, 'config'),
    ...(process.env.DOCKER_HOST ? { DOCKER_HOST: process.env.DOCKER_HOST } : {}),
    ...(options.token === null ? {} : { BERTH_GATEWAY_TOKEN: options.token ?? TEST_TOKEN }),
    ...options.env,
  };
  const child = spawn(process.execPath, [bin, '--listen', '127.0.0.1:0', ...(options.args ?? [])], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    err += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const check = () => {
      const line = err.split('\n').find((l) => l.includes('berth-gateway listening'));
      if (line) resolve((JSON.parse(line) as { url: string }).url);
    };
    child.stderr?.on('data', check);
    void exited.then((code) => reject(new Error(`berth-gateway exited with ${code}: ${err}`)));
  });
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    const code = await exited;
    await rm(home, { recursive: true, force: true });
    return code;
  };
  return {
    url,
    origin: new URL(url).origin,
    child,
    stateDir: join(stateDir, 'berth'),
    stderr: () => err,
    stop,
    [Symbol.asyncDispose]: async () => {
      await stop();
    },
  };
}

export type Era = 'modern' | 'legacy' | 'sse';

/** An SDK v2 client on `url`: the 2026-07-28 era (pinned), the 2025 handshake, or legacy SSE. */
export async function gatewayClient(
  url: string,
  era: Era,
  token: string | undefined = TEST_TOKEN,
  options: { onToolsChanged?: () => void; elicit?: (message: string) => 'accept' | 'decline' } = {},
): Promise<Client & AsyncDisposable> {
  const { onToolsChanged, elicit } = options;
  const client = new Client(
    { name: CLIENT_NAME, version: '0.0.0' },
    {
      ...(era === 'modern' ? { versionNegotiation: { mode: { pin: '2026-07-28' } } } : {}),
      ...(onToolsChanged
        ? { listChanged: { tools: { autoRefresh: false, onChanged: () => onToolsChanged() } } }
        : {}),
      ...(elicit ? { capabilities: { elicitation: { form: {} } } } : {}),
    },
  );
  if (elicit) {
    client.setRequestHandler('elicitation/create', async (request) =>
      elicit(request.params.message) === 'accept'
        ? { action: 'accept', content: { confirm: true } }
        : { action: 'decline' },
    );
  }
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const transport =
    era === 'sse'
      ? new SSEClientTransport(new URL(url.replace(/\/mcp$/, '/sse')), {
          requestInit: { headers },
          eventSourceInit: {
            fetch: (input, init) => fetch(input, { ...init, headers: { ...init?.headers, ...headers } }),
          },
        })
      : new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } });
  await client.connect(transport);
  return Object.assign(client, { [Symbol.asyncDispose]: () => client.close() });
}

type Rows = { rows: Record<string, unknown>[] };
export const rowsOf = (result: { structuredContent?: unknown }) => (result.structuredContent as Rows).rows;
