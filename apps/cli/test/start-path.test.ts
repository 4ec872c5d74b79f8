import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { CLI_VERSION } from '../src/version.js';
import { bin, binEnv, runBin } from './run-bin.js';

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
  'the MCP SDK': 'notifications/initialized',
  gRPC: 'grpc-node.max_session_memory',
  protobufjs: 'invalid wire type',
  // zod's German messages: one of the locales berth never uses.
  'zod locales': 'zu haben',
  // The intros of tools other than `read`, whose modules build their zod schemas at load.
  'other tools': "Edits berth's host profiles",
  'compose tools': 'Changes stacks; deletes no volume',
  'db tools': 'Writes to databases in containers',
};

const loads = (files: Set<string>) => {
  const texts = [...files].map((f) => readFileSync(f, 'utf8'));
  return Object.entries(MARKERS)
    .filter(([, marker]) => texts.some((t) => t.includes(marker)))
    .map(([name]) => name);
};

it('berth --version loads no library at all: the bin is one CommonJS file that imports main.js for anything else', async () => {
  const text = readFileSync(bin, 'utf8');
  expect(bin.endsWith('.cjs')).toBe(true);
  expect(text).not.toMatch(/require\(/);
  expect([...text.matchAll(/import\(['"]([^'"]+)['"]\)/g)].map((m) => m[1])).toEqual(['./main.js']);
  const result = await runBin(['--version']);
  expect(result).toEqual({ code: 0, stdout: `${CLI_VERSION}\n`, stderr: '' });
  const main = join(dirname(bin), 'main.js');
  expect(loads(staticGraph(main))).toEqual([]);
  const runCli = /import\(['"](\.\/run-cli-[^'"]+\.js)['"]\)/.exec(readFileSync(main, 'utf8'))?.[1];
  expect(runCli).toBeDefined();
  // Every command's start: the parser, but no YAML, SSH, Docker client, prompts or progress bars.
  expect(loads(staticGraph(join(dirname(bin), runCli as string)))).toEqual(['commander']);
});

// Records every file node loads (a module loader hook, on node's hooks thread) in BERTH_LOADS.
const RECORD_LOADS = `data:text/javascript,${encodeURIComponent(`
  import { appendFileSync } from 'node:fs';
  export async function load(url, context, next) {
    if (url.startsWith('file:')) appendFileSync(process.env.BERTH_LOADS, url + '\\n');
    return next(url, context);
  }`)}`;
const REGISTER = `data:text/javascript,${encodeURIComponent(
  `import { register } from 'node:module'; register(${JSON.stringify(RECORD_LOADS)});`,
)}`;

/** Every file `berth ps` loads against an engine socket that is not there (it fails to connect, exit 5). */
async function psLoads(home: string): Promise<Set<string>> {
  const record = join(home, 'loads.txt');
  const env = binEnv(home, { DOCKER_HOST: `unix://${join(home, 'no-engine.sock')}`, BERTH_LOADS: record });
  const result = await runBin(['ps'], { env, nodeArgs: ['--import', REGISTER] });
  expect(result.code, result.stderr).toBe(5);
  return new Set(
    readFileSync(record, 'utf8')
      .split('\n')
      .filter((url) => url.startsWith('file:'))
      .map((url) => fileURLToPath(url)),
  );
}

it('berth ps loads the tool core, its one tool and the Docker client, but no other tool, no YAML without a config file, MCP SDK, gRPC, protobufjs, ssh2, prompts, progress bars or zod locales', async () => {
  const home = mkdtempSync(join(tmpdir(), 'berth-start-'));
  try {
    const files = await psLoads(home);
    expect(
      [...files].every((file) => file.startsWith(dirname(bin))),
      'only the bundle, no node_modules',
    ).toBe(true);
    // The parser and the Docker client; YAML only for a config file, ssh2 only for SSH profiles.
    expect(loads(files)).toEqual(['dockerode', 'commander']);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
});

it('berth ps with a user config file loads YAML to read it', async () => {
  const home = mkdtempSync(join(tmpdir(), 'berth-start-'));
  try {
    mkdirSync(join(home, '.config', 'berth'), { recursive: true });
    writeFileSync(
      join(home, '.config', 'berth', 'config.yaml'),
      `defaultProfile: here\nprofiles:\n  here:\n    type: local\n    socketPath: ${join(home, 'no-engine.sock')}\n`,
    );
    expect(loads(await psLoads(home))).toEqual(['yaml', 'dockerode', 'commander']);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
});
