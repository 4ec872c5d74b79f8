// Runs every workspace package's `test` script, a few packages at once, longest first, and
// exits non-zero when any failed. The engine tests of one package run one file at a time
// (vitest.shared.ts); packages overlap because most of their time is spent waiting on the
// engine, not on the two cores. Each package labels what it makes with its own pid, so
// packages running side by side never sweep each other's objects (packages/testkit).
//
//   node scripts/run-tests.mjs [package ...]     BERTH_TEST_JOBS=N (default 3)
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const jobs = Math.max(1, Number(process.env.BERTH_TEST_JOBS ?? 3) || 1);

// Wall time of each package's tests in a CI run on the 2-core test machine (seconds), so
// the long ones start first and the short ones fill in beside them. A package missing
// here runs after these, by name.
const MEASURED_SECONDS = {
  '@berth/redteam': 394,
  '@berth/db-adapters': 307,
  '@berth/server': 161,
  '@berth/compose': 151,
  '@berth/tools': 133,
  '@berth/cli': 126,
  '@berth/engine': 93,
  '@berth/provisioning': 58,
  '@berth/client-pool': 44,
  '@berth/gateway': 39,
  '@berth/discovery': 21,
  '@berth/testkit': 9,
  '@berth/config': 8,
  '@berth/security': 7,
  '@berth/errors': 1,
};

function workspacePackages() {
  const found = [];
  for (const group of ['packages', 'apps', 'bench']) {
    const base = join(root, group);
    if (!existsSync(base)) continue;
    const dirs = existsSync(join(base, 'package.json'))
      ? [base]
      : readdirSync(base).map((d) => join(base, d));
    for (const dir of dirs) {
      const file = join(dir, 'package.json');
      if (!existsSync(file)) continue;
      const pkg = JSON.parse(readFileSync(file, 'utf8'));
      if (pkg.scripts?.test) found.push({ name: pkg.name, dir });
    }
  }
  const weight = (p) => MEASURED_SECONDS[p.name] ?? -1;
  return found.sort((a, b) => weight(b) - weight(a) || a.name.localeCompare(b.name));
}

/**
 * Writes a child's output line by line, each line prefixed with its package, as turbo does,
 * and keeps the lines in `kept` for the failure digest.
 */
function prefixed(stream, out, prefix, kept) {
  let rest = '';
  const emit = (line) => {
    out.write(`${prefix}${line}\n`);
    kept.push(line);
  };
  stream.setEncoding('utf8');
  stream.on('data', (chunk) => {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) emit(line);
  });
  stream.on('end', () => {
    if (rest) emit(rest);
  });
}

// Where vitest says what went wrong: its failed tests, errors outside any test (an
// unhandled rejection fails the run while every test passed), a failed global teardown.
const SECTIONS = [/Failed Tests \d/, /Unhandled (Errors?|Rejection)/, /error during close/];
const SECTION_LINES = 40;

/**
 * The parts of a failed package's output that say why, for the end of the log, where a
 * reader of a long CI log looks first: up to 40 lines from the start of each section vitest
 * printed, else from its first error line, else its last 40 lines.
 */
function failureDigest(lines) {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: strips terminal colours
  const plain = lines.map((line) => line.replace(/\x1b\[[0-9;]*m/g, ''));
  const first = (mark) => plain.findIndex((line) => mark.test(line));
  let starts = SECTIONS.map(first).filter((i) => i !== -1);
  if (starts.length === 0) starts = [first(/Error: /)].filter((i) => i !== -1);
  if (starts.length === 0) return plain.slice(-SECTION_LINES);
  const kept = new Set();
  for (const start of starts)
    for (let i = start; i < Math.min(start + SECTION_LINES, plain.length); i++) kept.add(i);
  return [...kept].sort((x, y) => x - y).map((i) => plain[i]);
}

function runTests({ name, dir }) {
  const started = Date.now();
  const output = [];
  return new Promise((resolve) => {
    const child = spawn('pnpm', ['run', 'test'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    prefixed(child.stdout, process.stdout, `${name}:test: `, output);
    prefixed(child.stderr, process.stderr, `${name}:test: `, output);
    child.on('error', (error) => {
      process.stderr.write(`${name}:test: could not start pnpm: ${error.message}\n`);
      resolve({ name, ok: false, seconds: 0, output: [`could not start pnpm: ${error.message}`] });
    });
    child.on('close', (code, signal) => {
      const seconds = Math.round((Date.now() - started) / 1000);
      resolve({ name, ok: code === 0, seconds, code, signal, output });
    });
  });
}

const only = process.argv.slice(2);
const queue = workspacePackages().filter((p) => only.length === 0 || only.includes(p.name));
if (only.length > 0 && queue.length !== only.length) {
  process.stderr.write(`run-tests: no package with a test script among: ${only.join(', ')}\n`);
  process.exit(2);
}
const results = [];
await Promise.all(
  Array.from({ length: Math.min(jobs, queue.length) }, async () => {
    for (let next = queue.shift(); next; next = queue.shift()) results.push(await runTests(next));
  }),
);
process.stdout.write('\npackage tests (wall seconds):\n');
for (const r of results.sort((a, b) => b.seconds - a.seconds)) {
  const how = r.ok ? 'passed' : `FAILED (${r.signal ?? `exit ${r.code}`})`;
  process.stdout.write(`  ${r.name.padEnd(22)} ${String(r.seconds).padStart(5)} s  ${how}\n`);
}
for (const r of results.filter((r) => !r.ok)) {
  process.stdout.write(`\nwhy ${r.name} failed (from its output above):\n`);
  for (const line of failureDigest(r.output)) process.stdout.write(`  ${line}\n`);
}
// test-summary.mjs counts a package that failed with every test passed (an error outside any
// test) as a failure, which the vitest JSON reports alone do not show.
const runs = results.map(({ name, ok, code, signal }) => ({ name, ok, code, signal }));
mkdirSync(join(root, '.test-results'), { recursive: true });
writeFileSync(join(root, '.test-results', 'package-runs.json'), `${JSON.stringify(runs, null, 2)}\n`);
process.exit(results.every((r) => r.ok) ? 0 : 1);
