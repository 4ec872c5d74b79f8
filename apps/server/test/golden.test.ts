import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BERTH_TOOLS, toolsTable } from '@berth/tools';
import { describe, expect, it } from 'vitest';
import { binClient } from './bin-client.js';

const goldenFile = fileURLToPath(new URL('./tools-list.snap.json', import.meta.url));
const readme = fileURLToPath(new URL('../README.md', import.meta.url));
const BEGIN = '<!-- tools-table:begin (generated from @berth/tools; test/golden.test.ts checks it) -->';
const END = '<!-- tools-table:end -->';
// (*.snap.json: biome leaves it as written.) BERTH_UPDATE_GOLDEN=1 rewrites both files instead of comparing (then review the diff).
const update = process.env.BERTH_UPDATE_GOLDEN === '1';

describe('the tool surface is pinned', () => {
  it('tools/list matches the checked-in golden file', async () => {
    await using client = await binClient({ env: { DOCKER_HOST: 'unix:///nonexistent.sock' } });
    const listed = await client.listTools();
    const text = `${JSON.stringify(listed, null, 2)}\n`;
    if (update) writeFileSync(goldenFile, text);
    expect(readFileSync(goldenFile, 'utf8')).toBe(text);
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
