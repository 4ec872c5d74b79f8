import { defineConfig, type Options } from 'tsup';

/**
 * The one tsup configuration every package builds from (STYLE.md rule 4).
 * Libraries: ESM + .d.ts, workspace and npm dependencies stay external.
 * Apps pass `bundle: true` to inline everything for a fast cold start.
 */
export function berthTsup(overrides: Options = {}) {
  return defineConfig({
    entry: ['src/index.ts'],
    format: ['esm'],
    target: 'node20',
    platform: 'node',
    dts: true,
    sourcemap: true,
    clean: true,
    splitting: false,
    treeshake: true,
    ...overrides,
  });
}
