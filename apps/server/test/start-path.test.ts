import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect, it } from 'vitest';
import { bin } from './bin-client.js';

/** The files main.js loads before its first line runs: its static imports, transitively. */
function staticGraph(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const text = readFileSync(file, 'utf8');
  // Static imports only (`import ... from'./x.js'` or `import'./x.js'`); `import('./x.js')` loads later.
  for (const match of text.matchAll(/import\s*(?:[^'"()]*?from\s*)?['"](\.\/[^'"]+\.js)['"]/g)) {
    staticGraph(join(dirname(file), match[1] as string), seen);
  }
  return seen;
}

it('start-up parses no YAML, Docker or SSH code: those load on the first call that needs them', () => {
  const loaded = [...staticGraph(bin)].map((file) => readFileSync(file, 'utf8'));
  expect(loaded.length).toBeGreaterThan(1);
  for (const marker of ['YAMLMap', 'docker-modem', 'ssh2']) {
    expect(loaded.filter((text) => text.includes(marker)).length, marker).toBe(0);
  }
});
