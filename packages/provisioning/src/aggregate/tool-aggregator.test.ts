import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CallToolResult, Tool } from '@modelcontextprotocol/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type AuditLine, auditInterceptor } from './audit-interceptor.js';
import { maskResultsInterceptor } from './mask-results-interceptor.js';
import { createToolAggregator } from './tool-aggregator.js';
import { createToolListCache } from './tool-list-cache.js';
import type { ToolSource } from './tool-source.js';

/** Polls `read` until it returns a value (errors count as not yet). */
async function until<T>(read: () => Promise<T | undefined>): Promise<T> {
  for (;;) {
    const value = await read().catch(() => undefined);
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const CALLER = { via: 'gateway' as const, name: 'alice/test-client' };

/** A source that records what reached it, standing in for a server that must be started. */
function fakeSource(name: string, toolNames: string[], answer?: (tool: string) => CallToolResult) {
  const seen = { lists: 0, calls: [] as string[] };
  let changed: (() => void) | undefined;
  let names = toolNames;
  const source: ToolSource = {
    name,
    async listTools() {
      seen.lists += 1;
      return names.map((n): Tool => ({ name: n, inputSchema: { type: 'object' } }));
    },
    async callTool(tool) {
      seen.calls.push(tool);
      return answer ? answer(tool) : { content: [{ type: 'text', text: `${name}:${tool}` }] };
    },
    onListChanged(listener) {
      changed = () => listener('tools');
      return () => {
        changed = undefined;
      };
    },
  };
  const rename = (next: string[]) => {
    names = next;
    changed?.();
  };
  return { source, seen, rename };
}

describe('createToolAggregator', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'berth-aggregate-'));
  });
  afterEach(async () => {
    // The aggregator saves its cache without waiting: a save still landing retries the removal.
    await rm(dir, { recursive: true, force: true, maxRetries: 5 });
  });

  it('answers tools/list from the disk cache without listing a source, then learns the real list on the first call', async () => {
    const path = join(dir, 'tools.json');
    const first = fakeSource('git', ['status', 'log']);
    const warmUp = createToolAggregator({ sources: [first.source], cache: createToolListCache(path) });
    expect((await warmUp.listTools()).map((t) => t.name)).toEqual(['status', 'log']);
    // The cache is written behind the answer: wait for the file rather than for a time.
    const saved = await until(async () => JSON.parse(await readFile(path, 'utf8')).servers.git.tools);
    expect(saved).toHaveLength(2);

    // A new process: the cache answers, the server is not asked.
    const again = fakeSource('git', ['status', 'log', 'diff']);
    const aggregator = createToolAggregator({ sources: [again.source], cache: createToolListCache(path) });
    const changes: number[] = [];
    aggregator.onToolsChanged(() => changes.push(1));
    expect((await aggregator.listTools()).map((t) => t.name)).toEqual(['status', 'log']);
    expect(again.seen.lists).toBe(0);
    const result = await aggregator.callTool('status', {}, { caller: CALLER });
    expect(result.content).toEqual([{ type: 'text', text: 'git:status' }]);
    await aggregator.refresh('git');
    expect((await aggregator.listTools()).map((t) => t.name)).toEqual(['status', 'log', 'diff']);
    expect(changes.length).toBeGreaterThan(0);
  });

  it('follows a source that says its list changed, and routes namespaced names to their own source', async () => {
    const a = fakeSource('a', ['search']);
    const b = fakeSource('b', ['other']);
    const aggregator = createToolAggregator({ sources: [a.source, b.source] });
    let notified = 0;
    aggregator.onToolsChanged(() => {
      notified += 1;
    });
    expect((await aggregator.listTools()).map((t) => t.name)).toEqual(['search', 'other']);
    b.rename(['search']);
    await until(async () => (notified > 0 ? notified : undefined));
    expect(notified).toBe(1);
    expect((await aggregator.listTools()).map((t) => t.name)).toEqual(['a__search', 'b__search']);
    await aggregator.callTool('b__search', {}, { caller: CALLER });
    expect(b.seen.calls).toEqual(['search']);
    expect(a.seen.calls).toEqual([]);
  });

  it('says which source a name routes to without calling it: reserved for berth-like sources', async () => {
    const own = { ...fakeSource('berth', ['read']).source, reserved: true };
    const other = fakeSource('git', ['read', 'log']);
    const aggregator = createToolAggregator({ sources: [own, other.source] });
    expect(await aggregator.sourceOf('read')).toEqual({ source: 'berth', reserved: true });
    expect(await aggregator.sourceOf('git__read')).toEqual({ source: 'git', reserved: false });
    expect(await aggregator.sourceOf('log')).toEqual({ source: 'git', reserved: false });
    expect(await aggregator.sourceOf('nope')).toBeUndefined();
    expect(other.seen.calls).toEqual([]);
  });

  it('leaves out a source that fails to list, turns a throwing call into an error result, and answers unknown names', async () => {
    const good = fakeSource('good', ['ok']);
    const bad: ToolSource = {
      name: 'bad',
      listTools: async () => {
        throw new Error('cannot start');
      },
      callTool: async () => {
        throw new Error('boom');
      },
    };
    const aggregator = createToolAggregator({ sources: [good.source, bad] });
    expect((await aggregator.listTools()).map((t) => t.name)).toEqual(['ok']);
    const unknown = await aggregator.callTool('nope', {}, { caller: CALLER });
    expect(unknown.isError).toBe(true);
  });

  it('masks secrets in results, audits each call with its caller, and refuses when the audit cannot be written', async () => {
    const secret = 'ghp_0123456789abcdefghijABCDEFGHIJ012345';
    const leaky = fakeSource('leaky', ['env', 'fail'], (tool) =>
      tool === 'fail'
        ? { content: [{ type: 'text', text: 'no' }], isError: true }
        : {
            content: [{ type: 'text', text: `TOKEN=${secret}` }],
            structuredContent: { password: 'hunter22', note: `uses ${secret}` },
          },
    );
    const lines: AuditLine[] = [];
    const aggregator = createToolAggregator({
      sources: [leaky.source],
      interceptors: [
        auditInterceptor({ append: async (line) => void lines.push(line) }),
        maskResultsInterceptor(),
      ],
    });
    const result = await aggregator.callTool('env', { a: 1 }, { caller: CALLER });
    expect(JSON.stringify(result)).not.toContain(secret);
    expect(JSON.stringify(result)).not.toContain('hunter22');
    await aggregator.callTool('fail', {}, { caller: CALLER });
    expect(lines.map((l) => [l.caller.name, l.host, l.tool, l.outcome])).toEqual([
      ['alice/test-client', 'mcp:leaky', 'env', 'started'],
      ['alice/test-client', 'mcp:leaky', 'env', 'ok'],
      ['alice/test-client', 'mcp:leaky', 'fail', 'started'],
      ['alice/test-client', 'mcp:leaky', 'fail', 'error:TOOL_ERROR'],
    ]);

    const closed = createToolAggregator({
      sources: [leaky.source],
      interceptors: [auditInterceptor({ append: () => Promise.reject(new Error('disk full')) })],
    });
    const refused = await closed.callTool('env', {}, { caller: CALLER });
    expect(refused.isError).toBe(true);
    expect(leaky.seen.calls).toEqual(['env', 'fail']);
  });

  it('serves a cached list only to the same version of a server', async () => {
    const path = join(dir, 'tools.json');
    const first = fakeSource('s', ['old']);
    const warm = createToolAggregator({
      sources: [{ ...first.source, version: 'a' }],
      cache: createToolListCache(path),
    });
    await warm.listTools();
    await until(async () => JSON.parse(await readFile(path, 'utf8')).servers.s.version);
    const same = fakeSource('s', ['new']);
    const again = createToolAggregator({
      sources: [{ ...same.source, version: 'a' }],
      cache: createToolListCache(path),
    });
    expect((await again.listTools()).map((t) => t.name)).toEqual(['old']);
    expect(same.seen.lists).toBe(0);
    const edited = fakeSource('s', ['new']);
    const fresh = createToolAggregator({
      sources: [{ ...edited.source, version: 'b' }],
      cache: createToolListCache(path),
    });
    expect((await fresh.listTools()).map((t) => t.name)).toEqual(['new']);
    expect(edited.seen.lists).toBe(1);
  });

  it('reads a corrupt cache as empty and lists the sources instead', async () => {
    const path = join(dir, 'tools.json');
    await writeFile(path, '{"version":1,"servers":');
    const source = fakeSource('s', ['t']);
    const aggregator = createToolAggregator({ sources: [source.source], cache: createToolListCache(path) });
    expect((await aggregator.listTools()).map((t) => t.name)).toEqual(['t']);
    expect(source.seen.lists).toBe(1);
  });
});
