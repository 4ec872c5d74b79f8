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
import {
  busyboxImage,
  ensureImage,
  postgresImage,
  runCommand,
  startRemoteHost,
  testLabels,
} from '@berth/testkit';

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

// A compose stack on the local engine (Compose v1 here), its secret in .env.
const blogDir = join(dir, 'blog');
mkdirSync(blogDir, { recursive: true });
const blogSecret = 'trial-blog-Secret-4411';
const stackLabels = testLabels({ 'berth.trial': '1' });
writeFileSync(join(blogDir, '.env'), `BLOG_ADMIN_TOKEN=${blogSecret}\n`);
writeFileSync(
  join(blogDir, 'compose.yaml'),
  // JSON is YAML too.
  JSON.stringify(
    {
      services: {
        web: {
          image,
          command: ['httpd', '-f', '-p', '80'],
          ports: ['127.0.0.1:18090:80'],
          // biome-ignore lint/suspicious/noTemplateCurlyInString: compose fills it in from .env
          environment: { BLOG_ADMIN_TOKEN: '${BLOG_ADMIN_TOKEN}' },
          volumes: ['posts:/posts'],
          labels: stackLabels,
        },
        cache: { image, command: ['sleep', '100000'], labels: stackLabels },
      },
      volumes: { posts: { labels: stackLabels } },
    },
    null,
    2,
  ),
);
const compose = (argv: string[]) =>
  runCommand(
    ['docker-compose', '--project-directory', blogDir, '-f', join(blogDir, 'compose.yaml'), ...argv],
    {
      timeoutMs: 120_000,
      check: false,
    },
  );
await docker(['up', '-d'], compose);

// A postgres database in a plain container (no compose project), password in its env.
const { tag: pgImage } = await ensureImage(postgresImage);
const pgPassword = `trial-pg-'Pw$(x);7`;
await docker(
  ['run', '-d', '--name', 'orders-db', ...labelArgs({ app: 'orders' })].concat([
    '-e',
    'POSTGRES_USER=shop',
    '-e',
    `POSTGRES_PASSWORD=${pgPassword}`,
    '-e',
    'POSTGRES_DB=orders',
    pgImage,
  ]),
  local,
);
const psql = (sql: string) =>
  runCommand(
    ['docker', 'exec', '-e', `PGPASSWORD=${pgPassword}`, 'orders-db'].concat([
      'psql',
      '-X',
      '-q',
      '-v',
      'ON_ERROR_STOP=1',
      '-U',
      'shop',
      '-d',
      'orders',
      '-c',
      sql,
    ]),
    { timeoutMs: 30_000, check: false },
  );
for (let i = 0; i < 60 && (await psql('select 1')).exitCode !== 0; i++)
  await new Promise((r) => setTimeout(r, 1000));
const seeded = await psql(
  `create table orders (id int primary key, customer text not null, status text not null, total numeric(10,2));
   insert into orders values (1,'ana','shipped',12.50),(2,'bo','shipped',99.00),(3,'cy','cancelled',5.00),
     (4,'di','paid',42.00),(5,'ed','shipped',7.25),(6,'fay','cancelled',18.00);
   create table audit_log (id serial primary key, at timestamptz default now(), line text);
   insert into audit_log (line) select 'event ' || g from generate_series(1, 40) g;`,
);
if (seeded.exitCode !== 0) throw new Error(`seeding orders-db: ${seeded.stderr}`);

// Staging keeps its stacks under /srv/stacks, and has the image under the name the tasks use.
await docker(['tag', image, 'trial/tool:1'], staging);
const mkdir = await remote.ssh(['mkdir', '-p', '/srv/stacks'], { timeoutMs: 15_000 });
if (mkdir.exitCode !== 0) throw new Error(`mkdir /srv/stacks: ${mkdir.stderr}`);

const config = join(dir, 'berth.yaml');
writeFileSync(
  config,
  `defaultProfile: local\nprofiles:\n  local: { type: local }\n  staging: ${JSON.stringify({ ...remote.sshProfile(), description: 'staging engine', composePaths: ['/srv/stacks'] })}\n`,
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
  await compose(['down', '-v']);
  for (const name of ['shop-web', 'shop-db', 'shop-worker', 'batch-2025', 'trial-cache', 'orders-db'])
    await local(['rm', '-f', '-v', name]);
  await local(['rmi', 'trial/tool:1']);
  for (const net of ['shop-net', 'stale-net', 'trial-net']) await local(['network', 'rm', net]);
  for (const vol of ['shop-data', 'orphan-cache']) await local(['volume', 'rm', '-f', vol]);
  await remote[Symbol.asyncDispose]();
  process.exit(0);
}
process.on('SIGTERM', () => void cleanup());
process.on('SIGINT', () => void cleanup());
