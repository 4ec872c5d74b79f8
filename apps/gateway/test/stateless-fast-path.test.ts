import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ToolSource } from '@berth/provisioning';
import type { CallToolResult } from '@modelcontextprotocol/server';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseGatewayOptions } from '../src/cli-options.js';
import { createGatewayParts, type RunningGateway, startHttpGateway } from '../src/start-gateway.js';
import { createStatelessToolCall, matchStatelessCall } from '../src/stateless-tool-call.js';

const TOKEN = 'stateless-fast-path-token-0123456789';
const SECRET = 'ghp_abcdefghijklmnopqrstuvwxyz0123456789';

/** What the `shape` tool answers, by its `kind` argument. */
const RESULTS: Record<string, CallToolResult | (() => never)> = {
  text: { content: [{ type: 'text', text: 'one line' }] },
  texts: {
    content: [
      { type: 'text', text: 'a' },
      { type: 'text', text: 'b\n"quoted"\u2028' },
    ],
  },
  empty: { content: [] },
  failed: { content: [{ type: 'text', text: 'it broke' }], isError: true },
  structured: { content: [{ type: 'text', text: '{"n":1}' }], structuredContent: { n: 1, list: [1, 'x'] } },
  secret: { content: [{ type: 'text', text: `token ${SECRET}` }], structuredContent: { token: SECRET } },
  // Shapes the SDK rewrites or refuses: the fast path leaves them to it.
  reordered: { content: [{ text: 'text first', type: 'text' } as never] },
  image: { content: [{ type: 'image', data: 'aGk=', mimeType: 'image/png' }] },
  annotated: { content: [{ type: 'text', text: 'x', annotations: { priority: 1 } }] },
  meta: { content: [{ type: 'text', text: 'x' }], _meta: { note: 'kept' } },
  noContent: { structuredContent: { n: 2 } } as never,
  badBlock: { content: [{ type: 'text', text: 'x' }, { type: 'nonsense' } as never] },
  thrown: () => {
    throw new Error('the source failed');
  },
};

/** The kinds the fast path answers itself; the others it runs and leaves to the SDK. */
const ANSWERED = new Set(['text', 'texts', 'empty', 'failed', 'structured', 'secret']);

function shapeSource(): ToolSource {
  return {
    name: 'shapes',
    listTools: async () => [{ name: 'shape', inputSchema: { type: 'object' } }],
    async callTool(_name, args) {
      const result = RESULTS[String(args.kind)];
      if (typeof result === 'function') return result();
      return structuredClone(result) as CallToolResult;
    },
  };
}

interface Sent {
  status: number;
  contentType: string | null;
  body: string;
}

const meta = (extra: Record<string, unknown> = {}) => ({
  'io.modelcontextprotocol/protocolVersion': '2026-07-28',
  'io.modelcontextprotocol/clientInfo': { name: 'fast-path-test', version: '1' },
  'io.modelcontextprotocol/clientCapabilities': {},
  ...extra,
});

function callBody(name: string, args: Record<string, unknown>, id: string | number = 7, metaExtra = {}) {
  return {
    jsonrpc: '2.0',
    id,
    method: 'tools/call',
    params: { name, arguments: args, _meta: meta(metaExtra) },
  };
}

function callHeaders(name: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    accept: 'application/json, text/event-stream',
    'content-type': 'application/json',
    'mcp-protocol-version': '2026-07-28',
    'mcp-method': 'tools/call',
    'mcp-name': name,
    ...extra,
  };
}

async function post(url: string, body: unknown, headers: Record<string, string>): Promise<Sent> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, ...headers },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    body: await response.text(),
  };
}

describe('the stateless fast path answers as the SDK does', () => {
  let home: string;
  let fast: RunningGateway;
  let sdk: RunningGateway;
  let serve: ReturnType<typeof createStatelessToolCall>;

  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), 'berth-gateway-fast-path-'));
    const logger = pino({ level: 'silent' });
    const start = async (name: string, statelessFastPath: boolean) => {
      const cli = parseGatewayOptions([
        '--listen',
        '127.0.0.1:0',
        '--tool-cache',
        'off',
        '--audit-log',
        join(home, `${name}.jsonl`),
      ]);
      const env = { HOME: home, XDG_STATE_HOME: join(home, name), XDG_CONFIG_HOME: join(home, 'config') };
      const parts = createGatewayParts({ cli, logger, env, sources: [shapeSource()] });
      const running = await startHttpGateway(parts, cli, logger, TOKEN, { statelessFastPath });
      return { running, parts, principal: cli.principal };
    };
    const fastOne = await start('fast', true);
    fast = fastOne.running;
    sdk = (await start('sdk', false)).running;
    serve = createStatelessToolCall({ aggregator: fastOne.parts.aggregator, principal: fastOne.principal });
  });

  afterAll(async () => {
    await fast?.close();
    await sdk?.close();
    await rm(home, { recursive: true, force: true });
  });

  it.each(Object.keys(RESULTS))('for a result of kind %s, byte for byte', async (kind) => {
    const body = callBody('shape', { kind });
    const headers = callHeaders('shape');
    const [viaFast, viaSdk] = [await post(fast.url, body, headers), await post(sdk.url, body, headers)];
    expect(viaFast).toEqual(viaSdk);
    expect(viaSdk.status).toBe(200);
    // The case is the one it claims to be: answered by the fast path, or ran and left to the SDK.
    const call = matchStatelessCall('POST', headers, body);
    expect(call).toBeDefined();
    const outcome = await serve(call as NonNullable<typeof call>, new AbortController().signal);
    expect(outcome.kind).toBe(ANSWERED.has(kind) ? 'answered' : 'ran');
    if (outcome.kind === 'answered') expect(outcome.body).toBe(viaSdk.body);
  });

  it('keeps a string id, a call without client info and declared capabilities', async () => {
    const body = callBody('shape', { kind: 'text' }, 'id-"x"', {
      'io.modelcontextprotocol/clientInfo': undefined,
      'io.modelcontextprotocol/clientCapabilities': { roots: { listChanged: true }, sampling: {} },
    });
    const headers = callHeaders('shape');
    expect(matchStatelessCall('POST', headers, JSON.parse(JSON.stringify(body)))).toBeDefined();
    expect(await post(fast.url, body, headers)).toEqual(await post(sdk.url, body, headers));
  });

  it.each([
    ['an unknown tool', callBody('nope', {}), callHeaders('nope')],
    ["berth's own tool", callBody('read', { action: 'nonsense' }), callHeaders('read')],
    ['a name header that disagrees', callBody('shape', { kind: 'text' }), callHeaders('other')],
    [
      'no revision header',
      callBody('shape', { kind: 'text' }),
      callHeaders('shape', { 'mcp-protocol-version': '' }),
    ],
    [
      'an unsupported revision',
      {
        ...callBody('shape', { kind: 'text' }),
        params: {
          name: 'shape',
          arguments: {},
          _meta: meta({ 'io.modelcontextprotocol/protocolVersion': '2099-01-01' }),
        },
      },
      callHeaders('shape', { 'mcp-protocol-version': '2099-01-01' }),
    ],
    [
      'arguments that are not an object',
      { ...callBody('shape', {}), params: { name: 'shape', arguments: [1], _meta: meta() } },
      callHeaders('shape'),
    ],
    [
      'a progress token',
      callBody('shape', { kind: 'text' }, 3, { progressToken: 'p1' }),
      callHeaders('shape'),
    ],
    [
      'a text content type',
      callBody('shape', { kind: 'text' }),
      callHeaders('shape', { 'content-type': 'text/plain' }),
    ],
  ])('leaves %s to the SDK, which answers it the same', async (_what, body, headers) => {
    const viaSdk = await post(sdk.url, body, headers);
    expect(await post(fast.url, body, headers)).toEqual(viaSdk);
  });

  it('audits each call with the same caller, once, on either path', async () => {
    for (const url of [fast.url, sdk.url]) {
      for (const kind of ['text', 'failed', 'meta'])
        await post(url, callBody('shape', { kind }), callHeaders('shape'));
    }
    const lines = async (name: string) =>
      (await readFile(join(home, `${name}.jsonl`), 'utf8'))
        .trim()
        .split('\n')
        .map((line) => {
          const { caller, host, tool, outcome } = JSON.parse(line) as Record<string, unknown>;
          return { caller, host, tool, outcome };
        });
    const [viaFast, viaSdk] = [await lines('fast'), await lines('sdk')];
    expect(viaFast.at(-1)).toEqual({
      caller: 'token/fast-path-test',
      host: 'mcp:shapes',
      tool: 'shape',
      outcome: 'ok',
    });
    // The fast gateway also served the direct `serve` calls above; compare the last rounds.
    expect(viaFast.slice(-6)).toEqual(viaSdk.slice(-6));
  });
});
