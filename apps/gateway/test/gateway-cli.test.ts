import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { describe, expect, it } from 'vitest';
import { BERTH_TOOL_NAMES, bin, gatewayClient, startGatewayProcess } from './gateway-process.js';

describe('berth-gateway flags and token, as a user starts it', () => {
  it('refuses --allow-unauthenticated on an address other than loopback, before listening', () => {
    const run = spawnSync(process.execPath, [bin, '--listen', '0.0.0.0:0', '--allow-unauthenticated'], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '' },
      timeout: 20_000,
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--allow-unauthenticated is refused on 0.0.0.0');
    const bad = spawnSync(process.execPath, [bin, '--listen', 'nowhere'], {
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(bad.status).toBe(2);
  });

  it('generates a token when none is given, prints it once on stderr, and accepts only it', async () => {
    await using gateway = await startGatewayProcess({ token: null });
    const line = gateway
      .stderr()
      .split('\n')
      .find((l) => l.startsWith('berth-gateway: generated token'));
    const token = line?.split(': ').at(-1) ?? '';
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    await using client = await gatewayClient(gateway.url, 'modern', token);
    expect((await client.listTools()).tools.length).toBeGreaterThan(0);
    await expect(gatewayClient(gateway.url, 'modern', `${token}x`)).rejects.toThrow();
    expect(gateway.stderr().split(token).length - 1).toBe(1);
  });

  it('serves one client on stdio with --stdio, the same tools as over HTTP', async () => {
    const client = new Client({ name: 'gateway-stdio-test', version: '0' });
    await client.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: [bin, '--stdio', '--audit-log', 'off', '--tool-cache', 'off'],
        env: { PATH: process.env.PATH ?? '', HOME: tmpdir() },
        stderr: 'pipe',
      }),
    );
    try {
      expect((await client.listTools()).tools.map((t) => t.name)).toEqual(BERTH_TOOL_NAMES);
    } finally {
      await client.close();
    }
  });

  it('serves without a token on loopback when told to', async () => {
    await using gateway = await startGatewayProcess({ token: null, args: ['--allow-unauthenticated'] });
    expect(gateway.stderr()).not.toContain('generated token');
    await using client = await gatewayClient(gateway.url, 'legacy', undefined);
    expect((await client.listTools()).tools.map((t) => t.name)).toContain('read');
  });
});
