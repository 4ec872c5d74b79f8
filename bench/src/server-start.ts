/**
 * berth-mcp cold start: spawn the built bin, initialize, and wait for the tools/list
 * answer, against `node -e 0` measured in the same run; plus the size of that answer
 * (targets: ≤ 3x node start; the Docker core's tools/list ≤ 7,500 bytes). Raw JSON-RPC over stdio: no SDK
 * client start-up cost in the figure. No engine is needed (the server touches none).
 */
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { measure, ratioLine } from './measure.js';

const bin = fileURLToPath(new URL('../../apps/server/dist/main.js', import.meta.url));

function rpc(id: number, method: string, params: Record<string, unknown> = {}): string {
  return `${JSON.stringify({ jsonrpc: '2.0', id, method, params })}\n`;
}

/** Starts the bin, asks for tools/list, resolves with that answer's byte count. */
function toolsListOnce(): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, '--audit-log', 'off', '--log-level', 'silent'], {
      stdio: ['pipe', 'pipe', 'ignore'],
      env: { PATH: process.env.PATH ?? '', DOCKER_HOST: 'unix:///nonexistent.sock' },
    });
    let buffer = '';
    child.on('error', reject);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      buffer += chunk;
      for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        const message = JSON.parse(line) as { id?: number; result?: unknown };
        if (message.id === 1) {
          child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' })}\n`);
          child.stdin.write(rpc(2, 'tools/list'));
        } else if (message.id === 2) {
          child.kill();
          resolve(Buffer.byteLength(JSON.stringify(message.result)));
        }
      }
    });
    child.stdin.write(
      rpc(1, 'initialize', {
        protocolVersion: '2025-11-25',
        capabilities: {},
        clientInfo: { name: 'berth-bench', version: '0' },
      }),
    );
  });
}

export const serverStart = {
  name: 'server start',
  run: async (): Promise<string[]> => {
    const node = await measure('node -e 0', async () => spawnSync(process.execPath, ['-e', '0']));
    let bytes = 0;
    const start = await measure('berth-mcp start to tools/list', async () => {
      bytes = await toolsListOnce();
    });
    return [ratioLine(start, node, '≤ 3x'), `tools/list result: ${bytes} bytes  [target ≤ 7500]`];
  },
};
