import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { busyboxImage, engineSuite, ensureImage, startContainer, waitUntil } from '@berth/testkit';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { binClient } from './bin-client.js';
import { auditEntry, auditLines } from './resources-fixtures.js';

engineSuite('cancelling a tool call aborts the Docker request', () => {
  let image: string;
  let dir: string;
  beforeAll(async () => {
    image = (await ensureImage(busyboxImage)).tag;
    dir = await mkdtemp(join(tmpdir(), 'berth-cancel-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('an MCP cancel ends `sleep 30` in container_ops exec at once; the server keeps serving', async () => {
    await using box = await startContainer({ image, cmd: ['sleep', '300'] });
    const audit = join(dir, 'audit.jsonl');
    await using client = await binClient({ args: ['--audit-log', audit] });
    const controller = new AbortController();
    const call = client
      .callTool(
        { name: 'container_ops', arguments: { action: 'exec', id: box.name, argv: ['sleep', '30'] } },
        { signal: controller.signal, timeout: 120_000 },
      )
      .then(
        () => 'finished',
        () => 'rejected',
      );
    // Cancel once the command really runs in the container.
    await waitUntil('sleep 30 running', async () => (await box.exec(['ps'])).stdout.includes('sleep 30'), {
      timeoutMs: 20_000,
      intervalMs: 100,
    });
    controller.abort();
    expect(await call).toBe('rejected');
    // The server side: the handler ends (and writes its outcome) only when the exec request
    // was aborted; left running, it would end after 30 s with outcome ok.
    await waitUntil('exec outcome audited', async () => (await auditLines(audit)).length > 1, {
      timeoutMs: 40_000,
      intervalMs: 100,
    });
    const target = `${box.name}: sleep`;
    expect(await auditLines(audit)).toEqual([
      auditEntry('container_ops', 'exec', target, 'started'),
      auditEntry('container_ops', 'exec', target, 'error:CANCELLED'),
    ]);

    const after = await client.callTool({
      name: 'container_ops',
      arguments: { action: 'exec', id: box.name, argv: ['echo', 'still here'] },
    });
    expect(after.isError).toBeFalsy();
    expect(after.structuredContent).toMatchObject({ rows: [{ exitCode: 0, stdout: 'still here\n' }] });
  });
});
