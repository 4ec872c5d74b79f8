/**
 * berth-gateway against a direct stdio client, both talking to the everything server in a
 * container from one image: the gateway's cold first call (its container starts) against a
 * warm call; warm tool-call latency (median) and throughput (calls/s at 8 in flight) with
 * the gateway's CPU per call and each client's; 1,000 calls at 50 in flight with the
 * gateway's RSS before and after; the same figures again once every side served 3,000
 * more calls; and the containers left once the gateway stopped.
 *
 * Three clients call through the gateway: the SDK's (what most agents use) in the
 * stateless era and in a 2025-era session, and a minimal stateless client (one POST per
 * call over a kept-alive connection). The SDK's HTTP client costs several times what its
 * stdio client does per call, on the same two cores the gateway and the server use, so
 * its ratios show that cost as much as the gateway's; the minimal client's show what the
 * gateway adds. A floor line runs the minimal client through a bare proxy
 * (bare-proxy.ts) to a container of the same image: what one HTTP exchange per call costs
 * here before any gateway work. The catalog lets 64 requests in flight to the server, so
 * the pool's limit (4 by default) throttles neither side.
 * Targets: ≤ 1 ms added at the median, ≥ 0.8x throughput, 0 containers left. Needs a
 * built apps/gateway and the engine.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  dockerClient,
  EVERYTHING_SERVER_ARGV,
  ensureImage,
  everythingServerImage,
  testLabels,
} from '@berth/testkit';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import {
  BENCH_TOKEN,
  benchClient,
  minimalClient,
  startBareProxy,
  startBenchGateway,
} from './gateway-process.js';
import { measure, ratioLine, type Sample } from './measure.js';

/**
 * Calls of each throughput run at 8 in flight: CPU time is read in 10 ms ticks, so a run
 * needs a few seconds of it for per-call figures that hold from one run to the next.
 */
const AT_8 = 2000;

/** Calls per second for `total` calls with `inFlight` running at once. */
async function throughput(call: () => Promise<unknown>, total: number, inFlight: number): Promise<number> {
  return (await throughputAndCpu(call, total, inFlight)).rate;
}

/** CPU time every process on the machine used so far (ms): the busy fields of /proc/stat's `cpu` line. */
function machineBusyMs(): number {
  const fields = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '')
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  // user nice system idle iowait irq softirq steal: everything but idle and iowait, in 10 ms ticks.
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = fields;
  return (user + nice + system + irq + softirq + steal) * 10;
}

/**
 * As `throughput`, with this process's CPU per call (ms), the client's own cost, and the
 * whole machine's (client, gateway, engine, shim and server together): when the cores
 * are saturated, throughput is their count over the machine's CPU per call.
 */
async function throughputAndCpu(
  call: () => Promise<unknown>,
  total: number,
  inFlight: number,
): Promise<{ rate: number; clientCpuMs: number; machineCpuMs: number }> {
  let next = 0;
  const busy = machineBusyMs();
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < total) {
        next += 1;
        await call();
      }
    }),
  );
  const rate = total / (Number(process.hrtime.bigint() - started) / 1e9);
  const used = process.cpuUsage(cpu);
  return {
    rate,
    clientCpuMs: (used.user + used.system) / 1000 / total,
    machineCpuMs: (machineBusyMs() - busy) / total,
  };
}

export const gatewayLatency = {
  name: 'gateway',
  run: async (): Promise<string[]> => {
    const { tag } = await ensureImage(everythingServerImage);
    const labels = testLabels({ 'berth.bench': 'gateway' });
    const dir = await mkdtemp(join(tmpdir(), 'berth-bench-gateway-'));
    const direct = new Client({ name: 'berth-bench', version: '0' });
    const lines: string[] = [];
    try {
      // The baseline: a stdio client straight to `docker run -i` of the same image.
      const labelFlags = Object.entries(labels).flatMap(([k, v]) => ['--label', `${k}=${v}`]);
      await direct.connect(
        new StdioClientTransport({
          command: 'docker',
          args: ['run', '-i', '--rm', '--network', 'none', ...labelFlags, tag, ...EVERYTHING_SERVER_ARGV],
          env: {
            PATH: process.env.PATH ?? '',
            ...(process.env.DOCKER_HOST ? { DOCKER_HOST: process.env.DOCKER_HOST } : {}),
          },
          stderr: 'ignore',
        }),
      );
      await writeFile(
        join(dir, 'catalog.yaml'),
        `servers:\n  ev:\n    image: ${tag}\n    command: ${JSON.stringify(EVERYTHING_SERVER_ARGV)}\n    maxConcurrency: 64\n    initializeTimeoutMs: 60000\n`,
      );
      const env = { HOME: dir, XDG_STATE_HOME: join(dir, 'state'), XDG_CONFIG_HOME: join(dir, 'config') };
      const gateway = await startBenchGateway(
        ['--catalog', join(dir, 'catalog.yaml'), '--audit-log', 'off', ...labelFlags],
        env,
      );
      const sdk = await benchClient(gateway.url);
      const sdkSession = await benchClient(gateway.url, { session: true });
      const minimal = minimalClient(gateway.url, BENCH_TOKEN);
      const bare = await startBareProxy(tag, EVERYTHING_SERVER_ARGV, labels);
      const viaBare = minimalClient(bare.url, BENCH_TOKEN);
      try {
        const echo = { name: 'echo', arguments: { message: 'bench' } };
        const viaStdio = () => direct.callTool(echo);
        const viaSdk = () => sdk.callTool(echo);
        const clients = [
          { label: 'SDK HTTP client', call: viaSdk },
          { label: 'SDK HTTP client, 2025 session', call: () => sdkSession.callTool(echo) },
          { label: 'minimal client', call: () => minimal.callTool(echo) },
        ];
        const bareCall = () => viaBare.callTool(echo);
        const cold = await measure('gateway cold first call (container starts)', viaSdk, 1, 0);
        const warmOnce = await measure('gateway warm call', viaSdk, 1, 0);
        lines.push(ratioLine(cold, warmOnce));

        /** Latency and throughput of each gateway client against the direct stdio client. */
        const compare = async (when: string) => {
          const baseline = await measure('direct stdio call', viaStdio, 200, 20);
          const direct8 = await throughputAndCpu(viaStdio, AT_8, 8);
          const direct50 = await throughputAndCpu(viaStdio, 1000, 50);
          lines.push(
            `${when}: direct stdio call ${baseline.medianMs.toFixed(2)} ms (median of 200); at 8 in flight ${direct8.rate.toFixed(0)}/s, client CPU ${direct8.clientCpuMs.toFixed(2)} ms and machine CPU ${direct8.machineCpuMs.toFixed(2)} ms per call; 1,000 calls at 50 in flight ${direct50.rate.toFixed(0)}/s`,
          );
          const bareWarm = await measure('bare proxy call', bareCall, 200, 20);
          const bare8 = await throughputAndCpu(bareCall, AT_8, 8);
          const bare50 = await throughputAndCpu(bareCall, 1000, 50);
          lines.push(
            `  floor, the minimal client through a bare proxy (no auth, MCP, audit or masking): ${bareWarm.medianMs.toFixed(2)} ms, added at the median ${(bareWarm.medianMs - baseline.medianMs).toFixed(2)} ms; at 8 in flight ${bare8.rate.toFixed(0)}/s = ${(bare8.rate / direct8.rate).toFixed(2)}x direct, machine CPU ${bare8.machineCpuMs.toFixed(2)} ms per call; 1,000 calls at 50 in flight ${bare50.rate.toFixed(0)}/s = ${(bare50.rate / direct50.rate).toFixed(2)}x direct`,
          );
          for (const { label, call } of clients) {
            const warm: Sample = await measure(`gateway warm call (${label})`, call, 200, 20);
            const before = gateway.usage();
            const at8 = await throughputAndCpu(call, AT_8, 8);
            const after = gateway.usage();
            const rssBefore = gateway.rssMiB();
            const at50 = await throughputAndCpu(call, 1000, 50);
            const rssAfter = gateway.rssMiB();
            // What the rest of this path (client, engine, shim, server) costs without the
            // gateway's own CPU bounds its rate on these cores, however cheap the gateway.
            const gatewayCpuMs = (after.cpuMs - before.cpuMs) / AT_8;
            const restMs = at8.machineCpuMs - gatewayCpuMs;
            const bound = (availableParallelism() / restMs) * 1000;
            lines.push(
              `  ${label}: ${warm.medianMs.toFixed(2)} ms, added at the median ${(warm.medianMs - baseline.medianMs).toFixed(2)} ms [target ≤ 1 ms]; at 8 in flight ${at8.rate.toFixed(0)}/s = ${(at8.rate / direct8.rate).toFixed(2)}x direct [target ≥ 0.8x], per call gateway CPU ${gatewayCpuMs.toFixed(2)} ms, client ${at8.clientCpuMs.toFixed(2)} ms, machine ${at8.machineCpuMs.toFixed(2)} ms (without the gateway's ${restMs.toFixed(2)} ms: at most ${bound.toFixed(0)}/s on ${availableParallelism()} cores = ${(bound / direct8.rate).toFixed(2)}x direct even from a gateway that cost nothing); 1,000 calls at 50 in flight ${at50.rate.toFixed(0)}/s = ${(at50.rate / direct50.rate).toFixed(2)}x direct, gateway RSS ${rssBefore.toFixed(1)} MiB before, ${rssAfter.toFixed(1)} MiB after`,
            );
          }
        };
        await compare('first calls');

        // The figures above come from the gateway's first few thousand calls, while V8 is
        // still compiling its hot paths (on a background thread that takes a share of the
        // same two cores). The same figures again once every side served 3,000 more calls.
        await throughput(viaStdio, 3000, 8);
        await throughput(bareCall, 3000, 8);
        for (const { call } of clients) await throughput(call, 3000, 8);
        await compare('after 3,000 more calls each');
      } finally {
        await sdk.close().catch(() => {});
        await sdkSession.close().catch(() => {});
        await minimal.close();
        await viaBare.close();
        await bare.stop();
        await gateway.stop();
      }
      const left = async () =>
        (
          await dockerClient().listContainers({
            all: true,
            filters: { label: ['berth.bench=gateway', 'berth.server'] },
          })
        ).filter((c) => c.State !== 'removing').length;
      lines.push(`containers left after the gateway stopped: ${await left()}  [target 0]`);
      return lines;
    } finally {
      await direct.close().catch(() => {});
      await rm(dir, { recursive: true, force: true });
    }
  },
};
