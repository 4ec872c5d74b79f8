/**
 * A warm `containers list` through MCP (the SDK client over stdio to the built berth-mcp,
 * one connection kept open for every call) against one `docker ps -a` run, spawned each
 * time as an agent shell tool would (argv, no shell). Target: ≤ 0.3x. Also prints the
 * size of the tools/list answer (Docker core target ≤ 7,500 bytes). Needs a built apps/server.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { busyboxImage, ensureImage, startContainer, type TestContainer } from '@berth/testkit';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { measure, ratioLine } from './measure.js';

const bin = fileURLToPath(new URL('../../apps/server/dist/main.js', import.meta.url));
const CONTAINERS = 5;

/** One `docker ps -a` process, to its exit; rejects on a non-zero exit. */
function dockerPs(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('docker', ['ps', '-a', '--no-trunc'], { stdio: ['ignore', 'ignore', 'ignore'] });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`docker ps exited ${code}`))));
  });
}

export const mcpList = {
  name: 'containers list through MCP',
  run: async (): Promise<string[]> => {
    const { tag } = await ensureImage(busyboxImage);
    const started: TestContainer[] = [];
    const env: Record<string, string> = { PATH: process.env.PATH ?? '' };
    if (process.env.DOCKER_HOST) env.DOCKER_HOST = process.env.DOCKER_HOST;
    const client = new Client({ name: 'berth-bench', version: '0' });
    try {
      for (let i = 0; i < CONTAINERS; i++)
        started.push(await startContainer({ image: tag, cmd: ['sleep', '300'] }));
      await client.connect(
        new StdioClientTransport({
          command: process.execPath,
          args: [bin, '--audit-log', 'off', '--log-level', 'silent'],
          env,
          stderr: 'ignore',
        }),
      );
      const listed = await client.listTools();
      const bytes = Buffer.byteLength(JSON.stringify(listed));
      const perTool = listed.tools.map((t) => `${t.name} ${Buffer.byteLength(JSON.stringify(t))}`);
      let rows = 0;
      const call = async () => {
        const result = await client.callTool({ name: 'read', arguments: { action: 'list' } });
        if (result.isError) throw new Error(`containers list failed: ${JSON.stringify(result.content)}`);
        rows = (result.structuredContent as { rows: unknown[] }).rows.length;
      };
      // What a model reads: many clients show it only the text, a compact table; the full
      // rows travel as structuredContent. Both sizes, for the same answer.
      const sample = await client.callTool({ name: 'read', arguments: { action: 'list' } });
      const text = Buffer.byteLength(
        ((sample.content ?? []) as { type: string; text?: string }[]).map((c) => c.text ?? '').join(''),
      );
      const structured = Buffer.byteLength(JSON.stringify(sample.structuredContent ?? {}));
      const baseline = await measure('docker ps -a (one process)', dockerPs);
      const mcp = await measure('containers list via MCP (warm)', call, 30, 5);
      return [
        ratioLine(mcp, baseline, '≤ 0.3x'),
        `rows per call: ${rows}; text ${text} bytes vs structuredContent ${structured} bytes (${(text / structured).toFixed(2)}x)`,
        `tools/list result: ${bytes} bytes for ${listed.tools.length} tools  [target ≤ 7500]`,
        `per tool (bytes): ${perTool.join(', ')}`,
      ];
    } finally {
      await client.close().catch(() => {});
      await Promise.all(started.map((c) => c[Symbol.asyncDispose]()));
    }
  },
};
