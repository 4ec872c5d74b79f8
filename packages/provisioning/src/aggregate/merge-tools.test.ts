import type { Tool } from '@modelcontextprotocol/client';
import { describe, expect, it } from 'vitest';
import { mergeTools } from './merge-tools.js';
import { MCP_TOOL_NAME, toMcpToolName } from './tool-name.js';

const tool = (name: string, description = name): Tool => ({
  name,
  description,
  inputSchema: { type: 'object' },
});

describe('mergeTools', () => {
  it('keeps unique names, namespaces every colliding one, and never lets a server shadow a reserved name', () => {
    const { tools, routes } = mergeTools([
      { source: 'berth', reserved: true, tools: [tool('read'), tool('create')] },
      { source: 'git', tools: [tool('status'), tool('search'), tool('read')] },
      { source: 'files', tools: [tool('search'), tool('stat')] },
    ]);
    expect(tools.map((t) => t.name)).toEqual([
      'read',
      'create',
      'status',
      'git__search',
      'git__read',
      'files__search',
      'stat',
    ]);
    expect(routes.get('git__search')).toEqual({ source: 'git', tool: 'search' });
    expect(routes.get('files__search')).toEqual({ source: 'files', tool: 'search' });
    expect(routes.get('read')).toEqual({ source: 'berth', tool: 'read' });
    // The entry keeps the server's own description and schema under its served name.
    expect(tools.find((t) => t.name === 'files__search')?.description).toBe('search');
  });

  it('applies a catalog prefix to every tool of that server', () => {
    const { tools } = mergeTools([{ source: 'db', prefix: 'pg', tools: [tool('query'), tool('tables')] }]);
    expect(tools.map((t) => t.name)).toEqual(['pg__query', 'pg__tables']);
  });

  it('resolves clashes that namespacing creates, the same way on every run, all within MCP rules', () => {
    const sources = [
      { source: 'a', tools: [tool('b__c'), tool('x')] },
      { source: 'a__b', tools: [tool('c'), tool('x')] },
      { source: 'weird', tools: [tool('has space/and:colon'), tool('y'.repeat(140))] },
    ];
    const first = mergeTools(sources);
    const names = first.tools.map((t) => t.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(MCP_TOOL_NAME);
    expect(mergeTools(sources).tools.map((t) => t.name)).toEqual(names);
    // Every served name routes back to the one tool it came from.
    expect([...first.routes.values()].map((r) => `${r.source}/${r.tool}`).sort()).toEqual(
      ['a/b__c', 'a/x', 'a__b/c', 'a__b/x', 'weird/has space/and:colon', `weird/${'y'.repeat(140)}`].sort(),
    );
  });

  it('serves the first of two tools one server lists under the same name', () => {
    const { tools } = mergeTools([{ source: 's', tools: [tool('t', 'first'), tool('t', 'second')] }]);
    expect(tools).toHaveLength(1);
    expect(tools[0]?.description).toBe('first');
  });
});

describe('toMcpToolName', () => {
  it('leaves valid names alone and maps different invalid ones to different valid ones', () => {
    expect(toMcpToolName('ok.name-1_2')).toBe('ok.name-1_2');
    const a = toMcpToolName('a b');
    const b = toMcpToolName('a/b');
    expect(a).toMatch(MCP_TOOL_NAME);
    expect(b).toMatch(MCP_TOOL_NAME);
    expect(a).not.toBe(b);
    expect(toMcpToolName('')).toMatch(MCP_TOOL_NAME);
  });
});
