import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));
const globalSetup = join(root, 'packages/testkit/dist/global-setup.js');

/** Each package writes a JSON report that scripts/test-summary.mjs adds up. */
function reportFile(): string {
  const { name } = JSON.parse(readFileSync('package.json', 'utf8')) as { name: string };
  return join(root, '.test-results', `${name.replace(/[@/]/g, '_')}.json`);
}

const engineProject = (name: string, include: string[]) => ({
  test: {
    name,
    include,
    globalSetup: [globalSetup],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    // Engine tests share one daemon on two cores; files run one at a time.
    fileParallelism: false,
  },
});

/**
 * Every package tests with two projects, a third where it has red-team tests:
 * - `fast`: pure-logic unit tests next to the code (`*.test.ts`), no engine.
 * - `engine`: tests that need the real Docker engine (`*.engine.test.ts`). They get the
 *   testkit global setup (engine bootstrap, fixture images, leftover sweep) and fail,
 *   not skip, when the engine is missing and BERTH_REQUIRE_DOCKER=1.
 * - `redteam`: attacks on berth's trust boundaries (`*.redteam.test.ts`), against the
 *   real engine, SSH hosts and the built bin, like the engine tests.
 */
export function berthVitest() {
  return defineConfig({
    test: {
      passWithNoTests: true,
      reporters: ['default', 'json'],
      outputFile: { json: reportFile() },
      projects: [
        {
          test: {
            name: 'fast',
            include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
            // Some spawn the built bins, while engine tests load both cores: the limit is
            // there to end a hung test, not to time a slow machine (vitest's 5 s would).
            testTimeout: 60_000,
            hookTimeout: 60_000,
            exclude: ['**/*.engine.test.ts', '**/*.redteam.test.ts', '**/node_modules/**', '**/dist/**'],
          },
        },
        engineProject('engine', ['src/**/*.engine.test.ts', 'test/**/*.engine.test.ts']),
        engineProject('redteam', ['src/**/*.redteam.test.ts', 'test/**/*.redteam.test.ts']),
      ],
    },
  });
}
