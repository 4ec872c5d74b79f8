import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/** The non-empty, non-comment lines between two markers, trimmed. */
function between(text: string, begin: string, end: string): string[] {
  const from = text.indexOf(begin);
  if (from === -1) return [];
  return text
    .slice(from + begin.length, text.indexOf(end, from))
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('//'));
}

describe('the README migration example', () => {
  it('is the code the engine test runs', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const test = readFileSync(new URL('./migrate.engine.test.ts', import.meta.url), 'utf8');
    const block = between(readme, '<!-- migrate example begins -->', '<!-- migrate example ends -->');
    for (const [begin, end] of [
      ['// README example begins', '// README example ends'],
      ['// README removal begins', '// README removal ends'],
    ] as const) {
      const lines = between(test, begin, end);
      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines) expect(block).toContain(line);
    }
  });
});
