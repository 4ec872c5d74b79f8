/**
 * berth-gateway against a direct stdio client, both talking to the everything server in a
 * container from one image: warm tool-call latency (median) and throughput (calls/s at 8
 * in flight) with the gateway's CPU per call, the gateway's cold first call (its container
 * starts) against a warm call, and 1,000 calls at 50 in flight (against direct at 50) with
 * the gateway's RSS before and after and the containers left once it stopped; then the
 * latency and throughput again after 3,000 more calls each, and the bench client's own CPU
 * per call, which bounds the ratios on a small machine. The catalog lets 64 requests in
 * flight to the server, so the pool's limit (4 by default) throttles neither side.
 * Targets: ≤ 1 ms added at the median, ≥ 0.8x throughput, 0 containers left. Needs a
 * built apps/gateway and the engine.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
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
import { benchClient, startBenchGateway } from './gateway-process.js';
import { measure, ratioLine } from './measure.js';

/** Calls per second for `total` calls with `inFlight` running at once. */
async function throughput(call: () => Promise<unknown>, total: number, inFlight: number): Promise<number> {
  return (await throughputAndCpu(call, total, inFlight)).rate;
}

/** As `throughput`, with this process's CPU per call (ms): the client's own cost. */
async function throughputAndCpu(
  call: () => Promise<unknown>,
  total: number,
  inFlight: number,
): Promise<{ rate: number; clientCpuMs: number }> {
  let next = 0;
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
  return { rate, clientCpuMs: (used.user + used.system) / 1000 / total };
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
      const client = await benchClient(gateway.url);
      try {
        const viaGateway = () => client.callTool({ name: 'echo', arguments: { message: 'bench' } });
        const viaStdio = () => direct.callTool({ name: 'echo', arguments: { message: 'bench' } });
        const cold = await measure('gateway cold first call (container starts)', viaGateway, 1, 0);
        const warmOnce = await measure('gateway warm call', viaGateway, 1, 0);
        lines.push(ratioLine(cold, warmOnce));

        const baseline = await measure('direct stdio call', viaStdio, 200, 20);
        const warm = await measure('gateway warm call', viaGateway, 200, 20);
        lines.push(ratioLine(warm, baseline));
        lines.push(
          `added at the median: ${(warm.medianMs - baseline.medianMs).toFixed(2)} ms  [target ≤ 1 ms]`,
        );

        const direct8 = await throughputAndCpu(viaStdio, 400, 8);
        const directRate = direct8.rate;
        const usageBefore = gateway.usage();
        const gateway8 = await throughputAndCpu(viaGateway, 400, 8);
        const gatewayRate = gateway8.rate;
        const usageAfter = gateway.usage();
        lines.push(
          `throughput at 8 in flight: gateway ${gatewayRate.toFixed(0)}/s, direct ${directRate.toFixed(0)}/s = ${(gatewayRate / directRate).toFixed(2)}x  [target ≥ 0.8x]`,
        );
        // The gateway's own cost per call, which the latency above adds to a loaded machine's waits.
        lines.push(
          `gateway CPU per call: ${((usageAfter.cpuMs - usageBefore.cpuMs) / 400).toFixed(2)} ms; preempted ${((usageAfter.preempted - usageBefore.preempted) / 400).toFixed(2)} times per call`,
        );
        // The client shares the machine with both: its CPU per call bounds the ratio above
        // whatever the gateway costs (an HTTP client does more per call than a stdio one).
        lines.push(
          `bench client CPU per call at 8 in flight: ${gateway8.clientCpuMs.toFixed(2)} ms through the gateway (SDK HTTP client), ${direct8.clientCpuMs.toFixed(2)} ms direct (SDK stdio client)`,
        );

        const directAt50 = await throughput(viaStdio, 1000, 50);
        const rssBefore = gateway.rssMiB();
        const rate = await throughput(viaGateway, 1000, 50);
        const rssAfter = gateway.rssMiB();
        lines.push(
          `1,000 calls at 50 in flight: ${rate.toFixed(0)}/s, direct ${directAt50.toFixed(0)}/s = ${(rate / directAt50).toFixed(2)}x; gateway RSS ${rssBefore.toFixed(1)} MiB before, ${rssAfter.toFixed(1)} MiB after`,
        );

        // The figures above come from the gateway's first ~1,700 calls, while V8 is still
        // compiling its hot paths (on a background thread that takes a share of the same two
        // cores). The same figures again once both sides served 3,000 more calls.
        await throughput(viaStdio, 3000, 8);
        await throughput(viaGateway, 3000, 8);
        const steadyBaseline = await measure('direct stdio call', viaStdio, 200, 20);
        const steady = await measure('gateway warm call', viaGateway, 200, 20);
        const steadyDirect = await throughput(viaStdio, 400, 8);
        const steadyBefore = gateway.usage();
        const steadyRate = await throughput(viaGateway, 400, 8);
        const steadyAfter = gateway.usage();
        lines.push(
          `after 3,000 more calls each: added at the median ${(steady.medianMs - steadyBaseline.medianMs).toFixed(2)} ms (${steady.medianMs.toFixed(1)} against ${steadyBaseline.medianMs.toFixed(1)} ms); at 8 in flight gateway ${steadyRate.toFixed(0)}/s, direct ${steadyDirect.toFixed(0)}/s = ${(steadyRate / steadyDirect).toFixed(2)}x; gateway CPU per call ${((steadyAfter.cpuMs - steadyBefore.cpuMs) / 400).toFixed(2)} ms`,
        );
      } finally {
        await client.close().catch(() => {});
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
