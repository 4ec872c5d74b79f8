import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = fileURLToPath(new URL('.', import.meta.url));
const isTestFile = (name: string) => name.endsWith('.test.ts') || name.endsWith('.test-support.ts');

// Product code ships to users: a test-only import there would drag the test bed into their install.
describe('product files', () => {
  const product = readdirSync(src).filter((name) => name.endsWith('.ts') && !isTestFile(name));

  it('never import test-only packages', () => {
    const offenders = product.filter((name) =>
      /from '(@berth\/testkit|vitest)[/']/.test(readFileSync(`${src}/${name}`, 'utf8')),
    );
    expect(product.length).toBeGreaterThan(10);
    expect(offenders).toEqual([]);
  });

  it('never import a test helper', () => {
    const offenders = product.filter((name) =>
      /\.test(-support)?\.js'/.test(readFileSync(`${src}/${name}`, 'utf8')),
    );
    expect(offenders).toEqual([]);
  });

  it('are the only files the build compiles', () => {
    const build = JSON.parse(readFileSync(`${src}/../tsconfig.build.json`, 'utf8')) as { exclude: string[] };
    expect(build.exclude).toEqual(expect.arrayContaining(['src/**/*.test.ts', 'src/**/*.test-support.ts']));
  });
});
