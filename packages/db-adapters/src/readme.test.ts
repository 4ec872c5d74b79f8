import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

function between(text: string, begin: string, end: string): string[] {
  const from = text.indexOf(begin) + begin.length;
  return text
    .slice(from, text.indexOf(end, from))
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('//'));
}

describe('the README example', () => {
  it('is the code the postgres engine test runs', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const source = readFileSync(new URL('./readme-example.test-support.ts', import.meta.url), 'utf8');
    const lines = between(source, '// README example begins', '// README example ends');
    const quoted = between(readme, '```ts', '```').filter((line) => !line.startsWith('import '));
    expect(lines.length).toBeGreaterThan(5);
    expect(quoted).toEqual(lines);
  });
});
