import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAuditLog } from './audit-log.js';

const caller = { via: 'mcp' as const, name: 'test-client' };

describe('createAuditLog', () => {
  it('appends one masked JSON line per call, private to the user', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'berth-audit-'));
    try {
      const path = join(dir, 'state', 'audit.jsonl');
      const log = createAuditLog({
        path,
        now: () => new Date('2030-01-02T03:04:05.000Z'),
        mask: (text) => text.replaceAll('hunter2', '***'),
      });
      await log.append({
        caller,
        host: 'local',
        tool: 'remove',
        action: 'container',
        target: 'web',
        outcome: 'ok',
      });
      await log.append({
        caller,
        host: 'local',
        tool: 'container_ops',
        action: 'stop',
        target: 'db',
        outcome: 'error:hunter2',
      });
      const lines = (await readFile(path, 'utf8'))
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      expect(lines).toEqual([
        {
          time: '2030-01-02T03:04:05.000Z',
          via: 'mcp',
          caller: 'test-client',
          host: 'local',
          tool: 'remove',
          action: 'container',
          target: 'web',
          outcome: 'ok',
        },
        {
          time: '2030-01-02T03:04:05.000Z',
          via: 'mcp',
          caller: 'test-client',
          host: 'local',
          tool: 'container_ops',
          action: 'stop',
          target: 'db',
          outcome: 'error:***',
        },
      ]);
      expect((await stat(path)).mode & 0o777).toBe(0o600);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('keeps no log without a path, and rejects when a line cannot be written', async () => {
    const entry = { caller, host: 'h', tool: 't', action: 'a', target: 'x', outcome: 'ok' };
    await createAuditLog({ path: undefined }).append(entry);
    const dir = await mkdtemp(join(tmpdir(), 'berth-audit-'));
    try {
      const file = join(dir, 'a-file');
      await writeFile(file, '');
      // A path below a regular file cannot be created: the caller learns it (and refuses to act).
      const log = createAuditLog({ path: join(file, 'audit.jsonl') });
      await expect(log.append(entry)).rejects.toThrow();
      // A failed line does not jam the queue for later ones.
      await expect(createAuditLog({ path: join(dir, 'ok.jsonl') }).append(entry)).resolves.toBeUndefined();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
