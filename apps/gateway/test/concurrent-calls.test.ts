import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ToolSource } from '@berth/provisioning';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseGatewayOptions } from '../src/cli-options.js';
import { createGatewayParts, type RunningGateway, startHttpGateway } from '../src/start-gateway.js';
import { type Era, gatewayClient } from './gateway-process.js';

const TOKEN = 'concurrent-calls-test-token-0123456789';
const IN_FLIGHT = 4;

interface Round {
  inside: number;
  most: number;
  open: () => void;
  opened: Promise<void>;
}

/**
 * A source whose tool answers only once IN_FLIGHT calls of one round are inside it at the
 * same time: a gateway that handled calls one after another would never let the second
 * one in, and the round would not end.
 */
function barrierSource() {
  const rounds = new Map<string, Round>();
  const round = (name: string): Round => {
    let found = rounds.get(name);
    if (!found) {
      let open = () => {};
      const opened = new Promise<void>((resolve) => {
        open = resolve;
      });
      found = { inside: 0, most: 0, open, opened };
      rounds.set(name, found);
    }
    return found;
  };
  const source: ToolSource = {
    name: 'barrier',
    listTools: async () => [{ name: 'meet', inputSchema: { type: 'object' } }],
    async callTool(_name, args) {
      const current = round(String(args.round));
      current.inside += 1;
      current.most = Math.max(current.most, current.inside);
      if (current.inside === IN_FLIGHT) current.open();
      await current.opened;
      current.inside -= 1;
      return { content: [{ type: 'text', text: `met ${String(args.n)}` }] };
    },
  };
  return { source, most: (name: string) => round(name).most };
}

describe('calls in flight', () => {
  let home: string;
  let gateway: RunningGateway;
  let barrier: ReturnType<typeof barrierSource>;

  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), 'berth-gateway-concurrent-'));
    const cli = parseGatewayOptions(['--listen', '127.0.0.1:0', '--tool-cache', 'off', '--audit-log', 'off']);
    const logger = pino({ level: 'silent' });
    const env = { HOME: home, XDG_STATE_HOME: join(home, 'state'), XDG_CONFIG_HOME: join(home, 'config') };
    barrier = barrierSource();
    const parts = createGatewayParts({ cli, logger, env, sources: [barrier.source] });
    gateway = await startHttpGateway(parts, cli, logger, TOKEN);
  });

  afterAll(async () => {
    await gateway?.close();
    await rm(home, { recursive: true, force: true });
  });

  it.each<Era>(['modern', 'legacy'])('reach their source at the same time (%s)', async (era) => {
    await using client = await gatewayClient(gateway.url, era, TOKEN);
    const results = await Promise.all(
      Array.from({ length: IN_FLIGHT }, (_, n) =>
        client.callTool({ name: 'meet', arguments: { round: era, n } }),
      ),
    );
    expect(results.map((r) => (r.content as Array<{ text: string }>)[0]?.text)).toEqual([
      'met 0',
      'met 1',
      'met 2',
      'met 3',
    ]);
    expect(barrier.most(era)).toBe(IN_FLIGHT);
  });
});
