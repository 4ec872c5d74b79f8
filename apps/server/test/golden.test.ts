import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BERTH_TOOLS, toolsetNames, toolsTable } from '@berth/tools';
import { describe, expect, it } from 'vitest';
import { binClient } from './bin-client.js';

const readme = fileURLToPath(new URL('../README.md', import.meta.url));
const BEGIN = '<!-- tools-table:begin (generated from @berth/tools; test/golden.test.ts checks it) -->';
const END = '<!-- tools-table:end -->';
// (*.snap.json: biome leaves it as written.) BERTH_UPDATE_GOLDEN=1 rewrites the files instead of comparing (then review the diff).
const update = process.env.BERTH_UPDATE_GOLDEN === '1';

/**
 * What every session pays before the agent does anything: the bytes of tools/list, pinned
 * per toolset so that growth is a decision, not an accident. The target set for the Docker
 * core (every tool of `docker` and `hosts`) is 7,500 bytes; with a line per action in each
 * description and an outputSchema that types every row field it measures 9,694 (2,200 of
 * them the output schemas), and the blind trial in bench/src/trial read it without a wrong
 * call. `compose` (5,646) and `db` (4,578) were measured the same way after their own blind
 * trial. These budgets are those measures plus a little room; the core's target stays
 * written here until a way to meet it without starving the descriptions is found. A client
 * that needs less asks for fewer toolsets (`--tools`).
 */
const BUDGETS: Record<string, number> = {
  all: 20_000,
  docker: 8_500,
  hosts: 1_250,
  compose: 5_700,
  db: 4_650,
};

const snapFile = (name: string) => fileURLToPath(new URL(`./tools-list.${name}.snap.json`, import.meta.url));

async function listed(args: string[]): Promise<{ text: string; bytes: number; names: string[] }> {
  await using client = await binClient({ args, env: { DOCKER_HOST: 'unix:///nonexistent.sock' } });
  const result = await client.listTools();
  return {
    text: `${JSON.stringify(result, null, 2)}\n`,
    bytes: Buffer.byteLength(JSON.stringify(result.tools)),
    names: result.tools.map((t) => t.name),
  };
}

describe('the tool surface is pinned', () => {
  const cases = [
    ['all', []] as const,
    ...toolsetNames(BERTH_TOOLS).map((set) => [set, ['--tools', set]] as const),
  ];

  it.each(cases)('tools/list of toolset %s matches its golden file and byte budget', async (name, args) => {
    const { text, bytes, names } = await listed([...args]);
    if (update) writeFileSync(snapFile(name), text);
    expect(readFileSync(snapFile(name), 'utf8')).toBe(text);
    expect(names.length).toBeGreaterThan(0);
    const budget = BUDGETS[name];
    expect(budget, `a budget for toolset ${name}`).toBeDefined();
    expect(bytes).toBeLessThanOrEqual(budget ?? 0);
  });

  it('serves only the asked toolsets, and read-only mode only read tools', async () => {
    const hosts = await listed(['--tools', 'hosts']);
    expect(hosts.names).toEqual(['host_config']);
    const readOnly = await listed(['--read-only']);
    const reads = BERTH_TOOLS.filter((t) => Object.values(t.actions).every((a) => a.effect === 'read'));
    expect(readOnly.names).toEqual(reads.map((t) => t.name));
  });

  it('the README tools table matches the code', () => {
    let current = readFileSync(readme, 'utf8');
    const start = current.indexOf(BEGIN);
    const end = current.indexOf(END);
    expect(start).toBeGreaterThanOrEqual(0);
    expect(end).toBeGreaterThan(start);
    const wanted = `${current.slice(0, start)}${BEGIN}\n${toolsTable(BERTH_TOOLS)}\n${END}${current.slice(end + END.length)}`;
    if (update) {
      writeFileSync(readme, wanted);
      current = readFileSync(readme, 'utf8');
    }
    expect(current).toBe(wanted);
  });
});
