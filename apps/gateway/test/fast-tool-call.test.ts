import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ToolSource } from '@berth/provisioning';
import type { CallToolResult } from '@modelcontextprotocol/server';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseGatewayOptions } from '../src/cli-options.js';
import { createFastToolCall, matchSessionCall, matchStatelessCall } from '../src/fast-tool-call.js';
import { createGatewayParts, type RunningGateway, startHttpGateway } from '../src/start-gateway.js';

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

/** The `hold` tool's calls: each waits until the test lets it go, and says whether it was cancelled. */
const held: { release: () => void; cancelled: Promise<boolean> }[] = [];
/** How often the `shape` tool ran, on either gateway: a call the SDK answers must not run twice. */
let shapeCalls = 0;

function shapeSource(): ToolSource {
  return {
    name: 'shapes',
    listTools: async () => [
      { name: 'shape', inputSchema: { type: 'object' } },
      { name: 'hold', inputSchema: { type: 'object' } },
    ],
    async callTool(name, args, options) {
      if (name === 'hold') {
        let release = () => {};
        const released = new Promise<void>((resolve) => {
          release = resolve;
        });
        let cancelled = (_: boolean) => {};
        held.push({ release, cancelled: new Promise((resolve) => (cancelled = resolve)) });
        const aborted = new Promise<void>((resolve) =>
          options.signal?.addEventListener('abort', () => resolve(), { once: true }),
        );
        await Promise.race([released, aborted]);
        cancelled(options.signal?.aborted === true);
        return { content: [{ type: 'text', text: 'held' }] };
      }
      shapeCalls += 1;
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
  /** The session header, when the answer carries one. */
  session?: string | null;
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
    ...(response.headers.has('mcp-session-id') ? { session: response.headers.get('mcp-session-id') } : {}),
  };
}

const SESSION_REVISION = '2025-11-25';

function sessionHeaders(session: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    accept: 'application/json, text/event-stream',
    'content-type': 'application/json',
    'mcp-protocol-version': SESSION_REVISION,
    'mcp-session-id': session,
    ...extra,
  };
}

/** A 2025-era session on `url`: the initialize handshake, as a client does it. */
async function openSession(url: string): Promise<string> {
  const init = await fetch(url, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${TOKEN}`,
      accept: 'application/json, text/event-stream',
      'content-type': 'application/json',
    },
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: 0,
      method: 'initialize',
      params: {
        protocolVersion: SESSION_REVISION,
        capabilities: {},
        clientInfo: { name: 'fast-path-session', version: '1' },
      },
    }),
  });
  const session = init.headers.get('mcp-session-id');
  await init.text();
  if (!session) throw new Error(`no session: ${init.status}`);
  const initialized = await post(
    url,
    { jsonrpc: '2.0', method: 'notifications/initialized' },
    sessionHeaders(session),
  );
  expect(initialized.status).toBe(202);
  return session;
}

/** A session call's body: no envelope, as 2025-era clients send it. */
const sessionCall = (name: string, args: Record<string, unknown>, id: string | number = 7) => ({
  jsonrpc: '2.0',
  id,
  method: 'tools/call',
  params: { name, arguments: args },
});

describe('the fast path answers tool calls as the SDK does', () => {
  let home: string;
  let fast: RunningGateway;
  let sdk: RunningGateway;
  let serve: ReturnType<typeof createFastToolCall>;

  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), 'berth-gateway-fast-path-'));
    const logger = pino({ level: 'silent' });
    const start = async (name: string, fastToolCalls: boolean) => {
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
      const running = await startHttpGateway(parts, cli, logger, TOKEN, { fastToolCalls });
      return { running, parts, principal: cli.principal };
    };
    const fastOne = await start('fast', true);
    fast = fastOne.running;
    sdk = (await start('sdk', false)).running;
    serve = createFastToolCall({ aggregator: fastOne.parts.aggregator, principal: fastOne.principal });
  });

  afterAll(async () => {
    await fast?.close();
    await sdk?.close();
    await rm(home, { recursive: true, force: true });
  });

  it.each(Object.keys(RESULTS))('stateless: for a result of kind %s, byte for byte', async (kind) => {
    const body = callBody('shape', { kind });
    const headers = callHeaders('shape');
    const before = shapeCalls;
    const [viaFast, viaSdk] = [await post(fast.url, body, headers), await post(sdk.url, body, headers)];
    expect(shapeCalls - before).toBe(2);
    expect(viaFast).toEqual(viaSdk);
    expect(viaSdk.status).toBe(200);
    // The case is the one it claims to be: answered by the fast path, or ran and left to the SDK.
    const call = matchStatelessCall('POST', headers, body);
    expect(call).toBeDefined();
    const outcome = await serve(call as NonNullable<typeof call>, new AbortController().signal);
    expect(outcome.kind).toBe(ANSWERED.has(kind) ? 'answered' : 'ran');
    if (outcome.kind === 'answered') expect(outcome.message).toBe(viaSdk.body);
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
  ])('stateless: leaves %s to the SDK, which answers it the same', async (_what, body, headers) => {
    const viaSdk = await post(sdk.url, body, headers);
    expect(await post(fast.url, body, headers)).toEqual(viaSdk);
  });

  describe('in a 2025-era session', () => {
    let fastSession: string;
    let sdkSession: string;

    beforeAll(async () => {
      fastSession = await openSession(fast.url);
      sdkSession = await openSession(sdk.url);
    });

    /** The same request on both gateways, each in its own session. */
    const both = async (body: unknown, extra: Record<string, string> = {}) => {
      const viaFast = await post(fast.url, body, sessionHeaders(fastSession, extra));
      const viaSdk = await post(sdk.url, body, sessionHeaders(sdkSession, extra));
      // Each answer names its own session; everything else is the same.
      if (viaFast.session !== undefined) expect(viaFast.session).toBe(fastSession);
      if (viaSdk.session !== undefined) expect(viaSdk.session).toBe(sdkSession);
      return [
        { ...viaFast, session: viaFast.session === undefined ? 'none' : 'own' },
        { ...viaSdk, session: viaSdk.session === undefined ? 'none' : 'own' },
      ];
    };

    it.each(Object.keys(RESULTS))('for a result of kind %s, event for event', async (kind) => {
      const body = sessionCall('shape', { kind });
      const before = shapeCalls;
      const [viaFast, viaSdk] = await both(body);
      expect(shapeCalls - before).toBe(2);
      expect(viaFast).toEqual(viaSdk);
      expect([viaSdk?.status, viaSdk?.contentType]).toEqual([200, 'text/event-stream']);
      // The case is the one it claims to be: answered by the fast path, or ran and left to the SDK.
      const call = matchSessionCall('POST', sessionHeaders(fastSession), body, (id) =>
        fast.endpoint.fastSession(id),
      );
      expect(call?.session?.clientName).toBe('fast-path-session');
      const outcome = await serve(call as NonNullable<typeof call>, new AbortController().signal);
      expect(outcome.kind).toBe(ANSWERED.has(kind) ? 'answered' : 'ran');
      if (outcome.kind === 'answered')
        expect(`event: message\ndata: ${outcome.message}\n\n`).toBe(viaSdk?.body);
    });

    it.each([
      ['an unknown tool', sessionCall('nope', {}), {}],
      ["berth's own tool", sessionCall('read', { action: 'nonsense' }), {}],
      [
        'a progress token',
        {
          ...sessionCall('shape', { kind: 'text' }),
          params: { name: 'shape', arguments: { kind: 'text' }, _meta: { progressToken: 1 } },
        },
        {},
      ],
      [
        'a client that takes no event stream',
        sessionCall('shape', { kind: 'text' }),
        { accept: 'application/json' },
      ],
      [
        'an unsupported revision',
        sessionCall('shape', { kind: 'text' }),
        { 'mcp-protocol-version': '1999-01-01' },
      ],
    ])('leaves %s to the SDK, which answers it the same', async (_what, body, extra) => {
      const [viaFast, viaSdk] = await both(body, extra);
      expect(viaFast).toEqual(viaSdk);
    });

    /** A `hold` call in the fast gateway's session; fetch resolves once its headers came. */
    const holdCall = (id: string) =>
      fetch(fast.url, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, ...sessionHeaders(fastSession) },
        body: JSON.stringify(sessionCall('hold', {}, id)),
      });

    it('answers a session it does not know as the SDK does', async () => {
      const headers = sessionHeaders('no-such-session');
      const body = sessionCall('shape', { kind: 'text' });
      expect(await post(fast.url, body, headers)).toEqual(await post(sdk.url, body, headers));
    });

    it('opens the event stream of a long call before it ends, and ends it when the client cancels', async () => {
      const before = held.length;
      const response = await holdCall('long-1');
      // fetch resolves on the headers: they came while the call still runs.
      expect([response.status, response.headers.get('content-type')]).toEqual([200, 'text/event-stream']);
      expect(held).toHaveLength(before + 1);
      const cancelled = await post(
        fast.url,
        {
          jsonrpc: '2.0',
          method: 'notifications/cancelled',
          params: { requestId: 'long-1', reason: 'test' },
        },
        sessionHeaders(fastSession),
      );
      expect(cancelled.status).toBe(202);
      expect(await held[before]?.cancelled).toBe(true);
      // No answer is due for a cancelled request: the stream ends without an event.
      expect(await response.text()).toBe('');
    });

    it('answers a long call on the stream it opened', async () => {
      const before = held.length;
      const response = await holdCall('long-2');
      held[before]?.release();
      expect(await held[before]?.cancelled).toBe(false);
      expect(await response.text()).toBe(
        'event: message\ndata: {"result":{"content":[{"type":"text","text":"held"}]},"jsonrpc":"2.0","id":"long-2"}\n\n',
      );
    });
  });

  it('audits each call with the same caller and session, once, on either path', async () => {
    const sessions = [await openSession(fast.url), await openSession(sdk.url)];
    for (const [index, url] of [fast.url, sdk.url].entries()) {
      for (const kind of ['text', 'failed', 'meta'])
        await post(url, callBody('shape', { kind }), callHeaders('shape'));
      await post(url, sessionCall('shape', { kind: 'text' }), sessionHeaders(sessions[index] as string));
    }
    const lines = async (name: string, session: string | undefined) =>
      (await readFile(join(home, `${name}.jsonl`), 'utf8'))
        .trim()
        .split('\n')
        .map((line) => {
          const entry = JSON.parse(line) as Record<string, unknown>;
          const { caller, host, tool, outcome } = entry;
          return { caller, host, tool, outcome, session: entry.session === session ? 'own' : entry.session };
        });
    const [viaFast, viaSdk] = [await lines('fast', sessions[0]), await lines('sdk', sessions[1])];
    expect(viaFast.at(-1)).toEqual({
      caller: 'token/fast-path-session',
      host: 'mcp:shapes',
      tool: 'shape',
      outcome: 'ok',
      session: 'own',
    });
    expect(viaFast.at(-3)).toMatchObject({
      caller: 'token/fast-path-test',
      outcome: 'ok',
      session: undefined,
    });
    // The fast gateway also served the direct `serve` calls above; compare the last rounds.
    expect(viaFast.slice(-8)).toEqual(viaSdk.slice(-8));
  });
});
