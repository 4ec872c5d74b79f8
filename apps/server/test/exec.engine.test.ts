import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { busyboxImage, engineSuite, ensureImage, startContainer } from '@berth/testkit';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { binClient, textOf } from './bin-client.js';
import { auditEntry, auditLines } from './resources-fixtures.js';

type Exec = { rows: { exitCode: number; stdout: string; stderr: string; truncated: boolean }[] };
const execOf = (result: { structuredContent?: unknown }) => (result.structuredContent as Exec).rows[0];

engineSuite('container_ops exec against the real engine', () => {
  let image: string;
  let dir: string;
  beforeAll(async () => {
    image = (await ensureImage(busyboxImage)).tag;
    dir = await mkdtemp(join(tmpdir(), 'berth-exec-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('returns the exit code and both streams, and is audited', async () => {
    await using box = await startContainer({ image, cmd: ['sleep', '300'] });
    const audit = join(dir, 'audit.jsonl');
    await using client = await binClient({ args: ['--audit-log', audit] });
    const result = await client.callTool({
      name: 'container_ops',
      arguments: { action: 'exec', id: box.name, argv: ['sh', '-c', 'echo hi; echo oops >&2; exit 3'] },
    });
    expect(result.isError).toBeFalsy();
    expect(execOf(result)).toEqual({ exitCode: 3, stdout: 'hi\n', stderr: 'oops\n', truncated: false });
    // The program is named, never its arguments (they may carry secrets).
    expect(await auditLines(audit)).toEqual([
      auditEntry('container_ops', 'exec', `${box.name}: sh`, 'started'),
      auditEntry('container_ops', 'exec', `${box.name}: sh`, 'ok'),
    ]);
  });

  it('passes env, user, workdir and stdin; masks secrets in the output', async () => {
    await using box = await startContainer({ image, cmd: ['sleep', '300'] });
    await using client = await binClient();
    const result = await client.callTool({
      name: 'container_ops',
      arguments: {
        action: 'exec',
        id: box.name,
        argv: ['sh', '-c', 'echo "$GREETING"; id -u; pwd; cat; echo "token $API_TOKEN"'],
        env: { GREETING: 'hello', API_TOKEN: 'tok-abcdef123456' },
        user: '1234',
        workdir: '/tmp',
        stdin: 'piped text\n',
      },
    });
    expect(result.isError).toBeFalsy();
    const out = execOf(result);
    expect(out?.exitCode).toBe(0);
    expect(out?.stdout.split('\n').slice(0, 4)).toEqual(['hello', '1234', '/tmp', 'piped text']);
    expect(out?.stdout).toContain('token ***');
    expect(JSON.stringify(result)).not.toContain('tok-abcdef123456');
  });

  it('caps the whole row at max_bytes and says what was cut', async () => {
    await using box = await startContainer({ image, cmd: ['sleep', '300'] });
    await using client = await binClient();
    const result = await client.callTool({
      name: 'container_ops',
      arguments: { action: 'exec', id: box.name, argv: ['seq', '1', '100000'], max_bytes: 256 },
    });
    const out = execOf(result);
    expect(out?.truncated).toBe(true);
    expect(out?.exitCode).toBe(0);
    // stdout and stderr together, as JSON, with the row's other fields.
    expect(Buffer.byteLength(JSON.stringify(out))).toBeLessThanOrEqual(256);
    expect(out?.stdout.startsWith('1\n2\n3\n')).toBe(true);
    expect(out?.stdout).toMatch(/…\[\+\d+ bytes; raise max_bytes or print less\]$/);
  });

  it('runs hostile argv literally: no shell, the canary files are never created', async () => {
    await using box = await startContainer({ image, cmd: ['sleep', '300'] });
    await using client = await binClient();
    const hostile = [
      'a; touch /tmp/canary1',
      '$(touch /tmp/canary2)',
      '`touch /tmp/canary3`',
      `"q" 's' && touch /tmp/canary4 | touch /tmp/canary5`,
    ];
    const echoed = await client.callTool({
      name: 'container_ops',
      arguments: { action: 'exec', id: box.name, argv: ['echo', ...hostile] },
    });
    expect(execOf(echoed)?.stdout).toBe(`${hostile.join(' ')}\n`);
    const asProgram = await client.callTool({
      name: 'container_ops',
      arguments: { action: 'exec', id: box.name, argv: ['touch /tmp/canary6; echo'] },
    });
    // Either the engine refuses to start it or the exec fails: a program with that name does not exist.
    const failed = asProgram.isError === true || (execOf(asProgram)?.exitCode ?? 0) !== 0;
    expect(failed).toBe(true);
    const listing = await box.exec(['ls', '/tmp']);
    expect(listing.stdout).not.toMatch(/canary/);
  });

  it('refuses a command line string, a flag as program, and names close containers', async () => {
    await using box = await startContainer({ image, cmd: ['sleep', '300'] });
    await using client = await binClient();
    const plain = await client.callTool({
      name: 'container_ops',
      arguments: { action: 'exec', id: box.name, argv: 'ls -l /; touch /tmp/canary' },
    });
    expect(plain.isError).toBe(true);
    expect(textOf(plain)).toMatch(
      /^Invalid arguments: argv: must be an array of strings like \["ls","-l","\/"\]/,
    );
    const flag = await client.callTool({
      name: 'container_ops',
      arguments: { action: 'exec', id: box.name, argv: ['--privileged'] },
    });
    expect(flag.isError).toBe(true);
    expect(textOf(flag)).toMatch(/would be read as an option/);
    const typo = await client.callTool({
      name: 'container_ops',
      arguments: { action: 'exec', id: `${box.name}z`, argv: ['true'] },
    });
    expect(textOf(typo)).toMatch(new RegExp(`no container '${box.name}z'; did you mean ${box.name}`));
    expect((await box.exec(['ls', '/tmp'])).stdout).not.toMatch(/canary/);
  });

  it('a stopped container and a run past the timeout are clear errors', async () => {
    await using box = await startContainer({ image, cmd: ['sleep', '300'] });
    await using client = await binClient();
    const slow = await client.callTool({
      name: 'container_ops',
      arguments: { action: 'exec', id: box.name, argv: ['sleep', '30'], timeout: 1 },
    });
    expect(slow.isError).toBe(true);
    expect(textOf(slow)).toMatch(/ran past 1 s .*raise timeout \(max 600\)/);
    const tooLong = await client.callTool({
      name: 'container_ops',
      arguments: { action: 'exec', id: box.name, argv: ['true'], timeout: 601 },
    });
    expect(textOf(tooLong)).toMatch(/^Invalid arguments: timeout: /);
    await box.container.stop({ t: 0 });
    const stopped = await client.callTool({
      name: 'container_ops',
      arguments: { action: 'exec', id: box.name, argv: ['true'] },
    });
    expect(stopped.isError).toBe(true);
    expect(textOf(stopped)).toMatch(/not running/i);
  });
});
