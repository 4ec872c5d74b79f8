import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';

const here = new URL('.', import.meta.url).pathname;

/*
 * tools/list and server start must not parse database code: the db tools reach
 * @berth/db-adapters only through `await import()` inside an action, and otherwise import
 * nothing from it but types (erased at build).
 */
it('no db tool imports @berth/db-adapters at module load', () => {
  const files = readdirSync(here).filter(
    (f) => f.startsWith('db-') && f.endsWith('.ts') && !f.includes('.test'),
  );
  expect(files.length).toBeGreaterThan(3);
  for (const file of files) {
    const text = readFileSync(join(here, file), 'utf8');
    const imports = [...text.matchAll(/^import\s+(type\s+)?[^;]*?from\s+'@berth\/db-adapters';/gms)];
    for (const found of imports) expect(found[1], `${file}: ${found[0]}`).toBe('type ');
  }
  const dynamic = files.filter((f) =>
    readFileSync(join(here, f), 'utf8').includes("import('@berth/db-adapters')"),
  );
  expect(dynamic).toEqual(['db-target.ts']);
});
