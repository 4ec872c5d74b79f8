/** The built berth-gateway bin for benchmarks: spawned on a free loopback port with a catalog. */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { ownSignalFetch } from '@berth/provisioning';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';

// BERTH_BENCH_GATEWAY_BIN: another build of the bin (an unminified one reads better in a profile).
const bin =
  process.env.BERTH_BENCH_GATEWAY_BIN ??
  fileURLToPath(new URL('../../apps/gateway/dist/main.js', import.meta.url));
export const BENCH_TOKEN = 'berth-bench-gateway-token-0123456789';

export interface BenchGateway {
  url: string;
  child: ChildProcess;
  /** Resident set size of the gateway process, in MiB. */
  rssMiB(): number;
  /**
   * CPU time the gateway process used so far (user + system, ms) and the times its main
   * thread was preempted: figures of its own cost that a loaded machine blurs less than
   * latency does.
   */
  usage(): { cpuMs: number; preempted: number };
  stop(): Promise<void>;
}

export async function startBenchGateway(args: string[], env: Record<string, string>): Promise<BenchGateway> {
  // BERTH_BENCH_GATEWAY_NODE_ARGS (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`) profiles the gateway under load.
  const nodeArgs = (process.env.BERTH_BENCH_GATEWAY_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(
    process.execPath,
    [...nodeArgs, bin, '--listen', '127.0.0.1:0', '--log-level', 'info', ...args],
    {
      env: { PATH: process.env.PATH ?? '', BERTH_GATEWAY_TOKEN: BENCH_TOKEN, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let err = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    err += chunk;
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr?.on('data', () => {
      const line = err.split('\n').find((l) => l.includes('berth-gateway listening'));
      if (line) resolve((JSON.parse(line) as { url: string }).url);
    });
    void exited.then(() => reject(new Error(`berth-gateway exited: ${err}`)));
  });
  return {
    url,
    child,
    rssMiB() {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
      return kb / 1024;
    },
    usage() {
      // Fields 14 and 15 of /proc/<pid>/stat, counted after the `comm) ` field; clock ticks of 10 ms.
      const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      const ticks = Number(fields[11]) + Number(fields[12]);
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const preempted = Number(/nonvoluntary_ctxt_switches:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
      return { cpuMs: ticks * 10, preempted };
    },
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * The SDK's client of the gateway: in the 2026-07-28 (stateless) era, or with `session`
 * the 2025 handshake (an `Mcp-Session-Id` session), as most clients still speak. Its
 * fetch gives each request a signal of its own, as the gateway's own remote client does:
 * with the transport's shared signal, thousands of calls pile listeners on it and the
 * bench's output fills with MaxListenersExceeded warnings.
 */
export async function benchClient(url: string, options: { session?: boolean } = {}): Promise<Client> {
  const client = new Client(
    { name: 'berth-bench', version: '0' },
    options.session ? {} : { versionNegotiation: { mode: { pin: '2026-07-28' } } },
  );
  await client.connect(
    new StreamableHTTPClientTransport(new URL(url), {
      requestInit: { headers: { authorization: `Bearer ${BENCH_TOKEN}` } },
      fetch: ownSignalFetch(fetch),
    }),
  );
  return client;
}

/** A tool caller: the SDK's client, or the minimal one below. */
export interface ToolCaller {
  callTool(params: { name: string; arguments: Record<string, unknown> }): Promise<unknown>;
  close(): Promise<void>;
}

/**
 * The least an MCP client of the stateless (2026-07-28) era does for a tool call: one POST
 * of the JSON-RPC request, with the envelope and standard headers the SDK's client sends,
 * over a kept-alive HTTP/1.1 connection, and the JSON answer parsed. The SDK's client does
 * the same exchange through fetch, web streams and schema checks, which cost several times
 * the gateway's own work per call; this one shows what the gateway adds.
 */
export function minimalClient(url: string, token: string): ToolCaller {
  const target = new URL(url);
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const meta = {
    'io.modelcontextprotocol/protocolVersion': '2026-07-28',
    'io.modelcontextprotocol/clientInfo': { name: 'berth-bench-minimal', version: '0' },
    'io.modelcontextprotocol/clientCapabilities': {},
  };
  let nextId = 0;
  return {
    callTool({ name, arguments: args }) {
      const body = JSON.stringify({
        jsonrpc: '2.0',
        id: nextId++,
        method: 'tools/call',
        params: { name, arguments: args, _meta: meta },
      });
      return new Promise((resolve, reject) => {
        const sent = request(
          {
            host: target.hostname,
            port: target.port,
            path: target.pathname,
            method: 'POST',
            agent,
            headers: {
              accept: 'application/json, text/event-stream',
              authorization: `Bearer ${token}`,
              'content-type': 'application/json',
              'content-length': Buffer.byteLength(body),
              'mcp-protocol-version': '2026-07-28',
              'mcp-method': 'tools/call',
              'mcp-name': name,
            },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('end', () => {
              const text = Buffer.concat(chunks).toString('utf8');
              if (res.statusCode !== 200 || !res.headers['content-type']?.startsWith('application/json'))
                return reject(new Error(`gateway answered ${res.statusCode}: ${text.slice(0, 200)}`));
              const answer = JSON.parse(text) as { result?: unknown; error?: { message: string } };
              if (answer.error) reject(new Error(`tools/call failed: ${answer.error.message}`));
              else resolve(answer.result);
            });
            res.on('error', reject);
          },
        );
        sent.on('error', reject);
        sent.end(body);
      });
    },
    async close() {
      agent.destroy();
    },
  };
}

/** The bare proxy (bare-proxy.ts) in a process of its own, in front of a fresh container of `image`. */
export async function startBareProxy(
  image: string,
  command: readonly string[],
  labels: Record<string, string>,
): Promise<{ url: string; stop(): Promise<void> }> {
  const script = fileURLToPath(new URL('./bare-proxy.ts', import.meta.url));
  // execArgv carries tsx's loader, which runs this file too.
  const child = spawn(
    process.execPath,
    [...process.execArgv, script, JSON.stringify({ image, command, labels })],
    {
      env: {
        PATH: process.env.PATH ?? '',
        ...(process.env.DOCKER_HOST ? { DOCKER_HOST: process.env.DOCKER_HOST } : {}),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  let err = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    err += chunk;
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      if (out.includes('\n')) resolve((JSON.parse(out.split('\n')[0] ?? '') as { url: string }).url);
    });
    void exited.then(() => reject(new Error(`the bare proxy exited: ${err}`)));
  });
  return {
    url,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
