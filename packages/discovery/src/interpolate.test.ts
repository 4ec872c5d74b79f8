// biome-ignore-all lint/suspicious/noTemplateCurlyInString: compose's ${VAR} syntax is what these tests feed the parser.
import { describe, expect, it } from 'vitest';
import { interpolateString, interpolateTree } from './interpolate.js';

const vars: Record<string, string> = { SET: 'value', EMPTY: '', NAME: 'db' };
const lookup = (name: string) => vars[name];
const where = { file: '/p/compose.yaml', path: 'services.web.image' };
const run = (text: string) => interpolateString(text, lookup, where);

describe('interpolateString', () => {
  it.each([
    ['$SET and ${SET}', 'value and value'],
    ['${UNSET}', ''],
    ['${UNSET:-d}|${EMPTY:-d}|${SET:-d}', 'd|d|value'],
    ['${UNSET-d}|${EMPTY-d}|${SET-d}', 'd||value'],
    ['${UNSET:+r}|${EMPTY:+r}|${SET:+r}', '||r'],
    ['${UNSET+r}|${EMPTY+r}|${SET+r}', '|r|r'],
    ['$$SET costs $$5', '$SET costs $5'],
    ['${UNSET:-${NAME}-x}', 'db-x'],
    ['${UNSET:-a:b/c}', 'a:b/c'],
    ['100$ and $-x', '100$ and $-x'],
  ])('%s', (input, expected) => {
    expect(run(input)).toBe(expected);
  });

  it('fails on a required variable, naming the variable, the path and the file', () => {
    expect(() => run('${MISSING:?set MISSING to the password}')).toThrow(
      expect.objectContaining({
        code: 'INVALID_CONFIG',
        message: expect.stringMatching(
          /MISSING.*set MISSING to the password.*services\.web\.image.*\/p\/compose\.yaml/,
        ),
        data: { file: '/p/compose.yaml', path: 'services.web.image', variable: 'MISSING' },
      }),
    );
    // `:?` refuses an empty value too, `?` only an unset one.
    expect(() => run('${EMPTY:?no}')).toThrow(/EMPTY/);
    expect(run('${EMPTY?no}')).toBe('');
  });

  it('fails on a malformed expression', () => {
    expect(() => run('${SET')).toThrow(expect.objectContaining({ code: 'INVALID_CONFIG' }));
    expect(() => run('${1BAD}')).toThrow(/invalid interpolation format/);
    expect(() => run('${SET!x}')).toThrow(/invalid interpolation format/);
  });

  it('reports each unset variable it replaced with an empty string', () => {
    const unset: string[] = [];
    interpolateString('$A ${B} ${C:-x} $SET', lookup, where, (name) => unset.push(name));
    expect(unset).toEqual(['A', 'B']);
  });
});

describe('interpolateTree', () => {
  it('interpolates values at every depth, never keys, and gives dot paths to errors', () => {
    const tree = { services: { '${SET}': { ports: ['${NAME}', 5432], environment: { K: '$SET' } } } };
    expect(interpolateTree(tree, lookup, 'f.yml')).toEqual({
      services: { '${SET}': { ports: ['db', 5432], environment: { K: 'value' } } },
    });
    const bad = { services: { web: { ports: ['80', '${P:?port needed}'] } } };
    expect(() => interpolateTree(bad, lookup, 'f.yml')).toThrow(
      expect.objectContaining({ data: { file: 'f.yml', path: 'services.web.ports[1]', variable: 'P' } }),
    );
  });
});
