/**
 * A blind-trial session: sets up the fixtures of TASKS.md on the local engine and on a real
 * remote engine over SSH (the test bed's remote host), writes a berth config for both,
 * then serves berth-mcp to `call.ts` through the broker until SIGTERM, and cleans up.
 *   tsx bench/src/trial/session.ts <dir>   (socket <dir>/mcp.sock, log <dir>/calls.jsonl)
 * Everything it creates carries the test bed's labels, so a sweep removes leftovers.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { busyboxImage, ensureImage, runCommand, startRemoteHost, testLabels } from '@berth/testkit';

const dir = process.argv[2];
if (!dir) {
  process.stderr.write('usage: session.ts <dir>\n');
  process.exit(2);
}
mkdirSync(dir, { recursive: true });
const labelArgs = (extra: Record<string, string> = {}) =>
  Object.entries(testLabels({ 'berth.trial': '1', ...extra })).flatMap(([k, v]) => ['--label', `${k}=${v}`]);

async function docker(
  argv: string[],
  where: (argv: string[]) => Promise<{ exitCode: number; stderr: string }>,
) {
  const result = await where(argv);
  if (result.exitCode !== 0) throw new Error(`docker ${argv.join(' ')}: ${result.stderr}`);
}

const { tag: image } = await ensureImage(busyboxImage);
const remote = await startRemoteHost();
await remote.loadImage(image);
const local = (argv: string[]) => runCommand(['docker', ...argv], { timeoutMs: 60_000, check: false });
const staging = (argv: string[]) => remote.ssh(['docker', ...argv], { timeoutMs: 60_000 });

// Local: a shop stack (web publishing a port, db with a password in its env, a worker that
// crashed and printed the password), an old batch job, data and an orphan volume, networks.
const password = 'trial-Pa55word-7731';
await docker(['network', 'create', ...labelArgs(), 'shop-net'], local);
await docker(['network', 'create', ...labelArgs(), 'stale-net'], local);
await docker(['volume', 'create', ...labelArgs(), 'shop-data'], local);
await docker(['volume', 'create', ...labelArgs(), 'orphan-cache'], local);
await docker(
  [
    'run',
    '-d',
    '--name',
    'shop-db',
    ...labelArgs({ app: 'shop' }),
    '--network',
    'shop-net',
    '-e',
    `DB_PASSWORD=${password}`,
  ].concat(['-v', 'shop-data:/data', image, 'sleep', '100000']),
  local,
);
await docker(
  [
    'run',
    '-d',
    '--name',
    'shop-web',
    ...labelArgs({ app: 'shop' }),
    '--network',
    'shop-net',
    '-p',
    '127.0.0.1:18080:80',
  ].concat([image, 'httpd', '-f', '-p', '80']),
  local,
);
await docker(
  [
    'run',
    '-d',
    '--name',
    'shop-worker',
    ...labelArgs({ app: 'shop' }),
    '-e',
    `DB_PASSWORD=${password}`,
    image,
  ].concat([
    'sh',
    '-c',
    `echo "worker starting"; echo "connecting to shop-db:5432 with password ${password}"; echo "FATAL: database shop is not ready" >&2; exit 3`,
  ]),
  local,
);
await docker(['run', '-d', '--name', 'batch-2025', ...labelArgs({ app: 'batch' }), image, 'true'], local);
await docker(['tag', image, 'trial/tool:1'], local);
// Staging: another engine over SSH with its own web container.
await docker(
  ['run', '-d', '--name', 'staging-web', '--label', 'app=shop', image, 'sleep', '100000'],
  staging,
);

const config = join(dir, 'berth.yaml');
writeFileSync(
  config,
  `defaultProfile: local\nprofiles:\n  local: { type: local }\n  staging: ${JSON.stringify({ ...remote.sshProfile(), description: 'staging engine' })}\n`,
);
const broker = spawn(
  process.execPath,
  [
    '--import',
    'tsx',
    fileURLToPath(new URL('./broker.ts', import.meta.url)),
    join(dir, 'mcp.sock'),
    join(dir, 'calls.jsonl'),
  ].concat(['--config', config, '--audit-log', join(dir, 'audit.jsonl')]),
  { stdio: 'inherit', env: { ...process.env, XDG_STATE_HOME: join(dir, 'state') } },
);
process.stderr.write(`trial ready: socket ${join(dir, 'mcp.sock')}\n`);

async function cleanup(): Promise<void> {
  broker.kill();
  // The fixtures, and what the tasks ask the agent to create.
  for (const name of ['shop-web', 'shop-db', 'shop-worker', 'batch-2025', 'trial-cache'])
    await local(['rm', '-f', '-v', name]);
  await local(['rmi', 'trial/tool:1']);
  for (const net of ['shop-net', 'stale-net', 'trial-net']) await local(['network', 'rm', net]);
  for (const vol of ['shop-data', 'orphan-cache']) await local(['volume', 'rm', '-f', vol]);
  await remote[Symbol.asyncDispose]();
  process.exit(0);
}
process.on('SIGTERM', () => void cleanup());
process.on('SIGINT', () => void cleanup());
