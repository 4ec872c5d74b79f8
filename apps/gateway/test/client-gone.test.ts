import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ToolSource } from '@berth/provisioning';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseGatewayOptions } from '../src/cli-options.js';
import { createGatewayParts, type RunningGateway, startHttpGateway } from '../src/start-gateway.js';
import { gatewayClient } from './gateway-process.js';

function latch() {
  let resolve = () => {};
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/** A source whose one tool waits until its call is aborted, and says what it saw. */
function waitingSource() {
  const seen = { started: latch(), aborted: latch(), calls: 0 };
  const source: ToolSource = {
    name: 'slow',
    listTools: async () => [{ name: 'wait', inputSchema: { type: 'object' } }],
    async callTool(_name, _args, options) {
      seen.calls += 1;
      seen.started.resolve();
      const signal = options.signal;
      if (signal?.aborted) seen.aborted.resolve();
      signal?.addEventListener('abort', () => seen.aborted.resolve(), { once: true });
      await seen.aborted.promise;
      return { content: [{ type: 'text', text: 'cancelled' }], isError: true };
    },
  };
  return { source, seen };
}

describe('a client that leaves', () => {
  let home: string;
  let gateway: RunningGateway;
  let slow: ReturnType<typeof waitingSource>;

  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), 'berth-gateway-gone-'));
    const cli = parseGatewayOptions(['--listen', '127.0.0.1:0', '--tool-cache', 'off', '--audit-log', 'off']);
    const logger = pino({ level: 'silent' });
    const env = { HOME: home, XDG_STATE_HOME: join(home, 'state'), XDG_CONFIG_HOME: join(home, 'config') };
    slow = waitingSource();
    const parts = createGatewayParts({ cli, logger, env, sources: [slow.source] });
    gateway = await startHttpGateway(parts, cli, logger, 'client-gone-test-token-0123456789');
  });

  afterAll(async () => {
    await gateway?.close();
    await rm(home, { recursive: true, force: true });
  });

  // Finished answers no longer abort their request, so this pins that an unfinished one does.
  it('aborts its call in flight (2026-07-28)', async () => {
    await using client = await gatewayClient(gateway.url, 'modern', 'client-gone-test-token-0123456789');
    const leaving = new AbortController();
    const call = client.callTool({ name: 'wait', arguments: {} }, { signal: leaving.signal });
    await slow.seen.started.promise;
    leaving.abort();
    await expect(call).rejects.toThrow();
    await slow.seen.aborted.promise;
    expect(slow.seen.calls).toBe(1);
  });
});
