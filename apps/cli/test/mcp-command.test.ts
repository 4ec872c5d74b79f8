import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { bin } from './run-bin.js';

const rpc = (id: number, method: string, params: Record<string, unknown> = {}) =>
  `${JSON.stringify({ jsonrpc: '2.0', id, method, params })}\n`;

it("berth mcp serves berth-mcp on stdio with the CLI's flags passed on, and exits when stdin ends", async () => {
  const home = await mkdtemp(join(tmpdir(), 'berth-cli-mcp-'));
  try {
    const child = spawn(
      process.execPath,
      [bin, '--audit-log', 'off', 'mcp', '--read-only', '--log-level', 'silent'],
      {
        env: { PATH: process.env.PATH ?? '', HOME: home },
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    const answers: {
      id?: number;
      result?: { tools?: { name: string; annotations?: { readOnlyHint?: boolean } }[] };
    }[] = [];
    let buffer = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      buffer += chunk;
      for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
        answers.push(JSON.parse(buffer.slice(0, nl)));
        buffer = buffer.slice(nl + 1);
        if (answers.length === 2) child.stdin.end();
      }
    });
    // A server that dies early shows in its exit code below, not as an EPIPE in the worker.
    child.stdin.on('error', () => undefined);
    child.stdin.write(
      rpc(1, 'initialize', {
        protocolVersion: '2025-11-25',
        capabilities: {},
        clientInfo: { name: 'berth-cli-test', version: '0' },
      }),
    );
    child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' })}\n`);
    child.stdin.write(rpc(2, 'tools/list'));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    expect(answers[0]?.id).toBe(1);
    // --read-only reached the server: only the read-only tools of each toolset are served.
    const tools = answers[1]?.result?.tools ?? [];
    expect(tools.map((t) => t.name)).toContain('read');
    expect(tools.filter((t) => t.annotations?.readOnlyHint !== true)).toEqual([]);
  } finally {
    await rm(home, { recursive: true, force: true });
  }
});
