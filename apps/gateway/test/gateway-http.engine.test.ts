import { readFile } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import { engineSuite } from '@berth/testkit';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  BERTH_TOOL_NAMES,
  CLIENT_NAME,
  type GatewayProcess,
  gatewayClient,
  rowsOf,
  startGatewayProcess,
  TEST_TOKEN,
} from './gateway-process.js';

const BERTH_TOOLS = BERTH_TOOL_NAMES;

engineSuite('berth-gateway over HTTP, as a user starts it', () => {
  let gateway: GatewayProcess;
  beforeAll(async () => {
    gateway = await startGatewayProcess({ args: ['--allowed-origin', 'https://agent.example'] });
  });
  afterAll(async () => {
    expect(await gateway.stop()).toBe(0);
  });

  const post = (headers: Record<string, string>, body = '{}') =>
    fetch(gateway.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        ...headers,
      },
      body,
    });

  /** fetch will not send another Host header; node:http will. */
  const statusWithHost = (host: string) =>
    new Promise<number | undefined>((resolve, reject) => {
      const req = request(
        gateway.url,
        { method: 'POST', headers: { host, authorization: `Bearer ${TEST_TOKEN}` } },
        (res) => {
          res.resume();
          resolve(res.statusCode);
        },
      );
      req.once('error', reject);
      req.end('{}');
    });

  it('refuses requests without the token, with a wrong one, from a foreign Origin or Host, and over the body limit', async () => {
    const auth = { authorization: `Bearer ${TEST_TOKEN}` };
    expect((await post({})).status).toBe(401);
    expect((await post({ authorization: `Bearer ${TEST_TOKEN}x` })).status).toBe(401);
    expect((await post({ authorization: `Basic ${TEST_TOKEN}` })).status).toBe(401);
    expect((await post({ ...auth, origin: 'https://evil.example' })).status).toBe(403);
    // A name that resolves to 127.0.0.1 from a rebinding page still says its own Host.
    expect(await statusWithHost('evil.example')).toBe(403);
    expect(await statusWithHost(`localhost:${new URL(gateway.url).port}`)).not.toBe(403);
    expect((await post(auth, JSON.stringify({ pad: 'x'.repeat(5 * 1024 * 1024) }))).status).toBe(413);
    expect((await fetch(`${gateway.origin}/metrics`)).status).toBe(401);
    expect((await fetch(`${gateway.origin}/sse`)).status).toBe(401);
    // The allowed Origin and a loopback one pass the guard (and then get MCP's own answer).
    expect((await post({ ...auth, origin: 'https://agent.example' })).status).not.toBe(403);
    expect((await post({ ...auth, origin: 'http://localhost:3000' })).status).not.toBe(403);
    const health = await fetch(`${gateway.origin}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
  });

  it("lists berth's tools and calls one in every era: 2026-07-28, the 2025 handshake and legacy SSE", async () => {
    for (const era of ['modern', 'legacy', 'sse'] as const) {
      await using client = await gatewayClient(gateway.url, era);
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name)).toEqual(BERTH_TOOLS);
      const version = await client.callTool({ name: 'read', arguments: { action: 'version' } });
      expect(version.isError, `${era}: ${JSON.stringify(version.content)}`).toBeFalsy();
      expect(rowsOf(version)[0]?.api).toMatch(/^1\.\d+$/);
      const unknown = await client.callTool({ name: 'no_such_tool', arguments: {} });
      expect(unknown.isError).toBe(true);
    }
  });

  it('audits a data-losing call with the principal and the client name, and counts calls in /metrics', async () => {
    await using client = await gatewayClient(gateway.url, 'modern');
    const plan = await client.callTool({
      name: 'remove',
      arguments: { action: 'remove', kind: 'volume', id: 'berth-gateway-test-absent', dry_run: true },
    });
    expect(plan.content).toBeDefined();
    const lines = (await readFile(join(gateway.stateDir, 'audit.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.at(-1)).toMatchObject({ via: 'gateway', caller: `token/${CLIENT_NAME}`, tool: 'remove' });

    const metrics = await fetch(`${gateway.origin}/metrics`, {
      headers: { authorization: `Bearer ${TEST_TOKEN}` },
    });
    expect(metrics.status).toBe(200);
    const text = await metrics.text();
    expect(text).toMatch(/berth_gateway_tool_calls_total\{tool="read",outcome="ok"\} [1-9]/);
    expect(text).toMatch(/berth_gateway_tool_calls_total\{tool="unknown",outcome="error"\} [1-9]/);
    expect(text).toContain('berth_gateway_tool_call_seconds_bucket');
    // The token never reaches the log.
    expect(gateway.stderr()).not.toContain(TEST_TOKEN);
  });
});
