import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect, it } from 'vitest';
import { bin } from './run-bin.js';

/** The files a built file loads before its first line runs: its static imports, transitively. */
function staticGraph(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const text = readFileSync(file, 'utf8');
  // Static imports and re-exports (`import ... from'./x.js'`, `import'./x.js'`, `export{a}from'./x.js'`);
  // `import('./x.js')` loads later.
  for (const match of text.matchAll(/(?:import|export)\s*(?:[^'"()]*?from\s*)?['"](\.\/[^'"]+\.js)['"]/g)) {
    staticGraph(join(dirname(file), match[1] as string), seen);
  }
  return seen;
}

/** Strings only the named library's code contains. */
const MARKERS = {
  yaml: 'YAMLMap',
  ssh2: 'ssh-connection',
  dockerode: '/containers/json',
  prompts: 'withGuide',
  'progress bars': 'shades_classic',
  commander: 'optsWithGlobals',
};

const loads = (files: Set<string>) => {
  const texts = [...files].map((f) => readFileSync(f, 'utf8'));
  return Object.entries(MARKERS)
    .filter(([, marker]) => texts.some((t) => t.includes(marker)))
    .map(([name]) => name);
};

it('berth --version loads no library at all: main.js only imports the version', () => {
  expect(loads(staticGraph(bin))).toEqual([]);
  const text = readFileSync(bin, 'utf8');
  const runCli = /import\(['"](\.\/run-cli-[^'"]+\.js)['"]\)/.exec(text)?.[1];
  expect(runCli).toBeDefined();
  // Every command's start: the parser, but no YAML, SSH, Docker client, prompts or progress bars.
  expect(loads(staticGraph(join(dirname(bin), runCli as string)))).toEqual(['commander']);
});
