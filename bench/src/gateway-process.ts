/** The built berth-gateway bin for benchmarks: spawned on a free loopback port with a catalog. */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
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

/** A 2026-07-28 (stateless) client of the gateway. */
export async function benchClient(url: string): Promise<Client> {
  const client = new Client(
    { name: 'berth-bench', version: '0' },
    { versionNegotiation: { mode: { pin: '2026-07-28' } } },
  );
  await client.connect(
    new StreamableHTTPClientTransport(new URL(url), {
      requestInit: { headers: { authorization: `Bearer ${BENCH_TOKEN}` } },
    }),
  );
  return client;
}
