import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { engineSuite, ensureImage, redisImage, testLabels, waitUntil } from '@berth/testkit';
import { describe, expect, it } from 'vitest';
import {
  expectBackupFile,
  failure,
  HOSTILE_PASSWORD,
  type TargetName,
  useDbTarget,
} from '../db-targets.test-support.js';
import { openDbAdapter } from '../open-db-adapter.js';

/** A redis-cli line that sends `value` as one argument. */
const quoted = (value: string) => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

engineSuite(
  'redis adapter on a real redis-server container',
  () => {
    describe.each<TargetName>(['local', 'remote'])('%s', (targetName) => {
      const suite = useDbTarget(targetName, {
        image: redisImage,
        env: { REDIS_PASSWORD: HOSTILE_PASSWORD },
        ready: (adapter) => adapter.query('PING'),
        tmpPrefix: 'berth-redis-',
        seed: async (db) => {
          for (const line of [
            'HSET user:1 name "Ada L." age 36',
            'RPUSH queue a b c',
            'SET "greeting" "grüß dich"',
            'SADD tags x y',
          ])
            await db.query(line, { readOnly: false });
        },
      });
      const { seen } = suite;
      // Every key and its contents, read through plain commands: the test's own checksum.
      const contents = async () => {
        const { db } = suite;
        const keys = (await db.query('KEYS *')).rows.map((r) => String(r[0])).sort();
        const read = async (key: string) => {
          const type = String((await db.query(`TYPE ${quoted(key)}`)).rows[0]?.[0]);
          const command = { hash: 'HGETALL', list: 'LRANGE', string: 'GET', set: 'SMEMBERS' }[type] ?? 'TYPE';
          const args = command === 'LRANGE' ? ' 0 -1' : '';
          const rows = (await db.query(`${command} ${quoted(key)}${args}`)).rows.map((r) =>
            JSON.stringify(r),
          );
          // Sets and hashes have no order of their own: a reload may list them otherwise.
          return [key, type, type === 'set' || type === 'hash' ? rows.sort() : rows];
        };
        const all = await Promise.all(keys.map(read));
        return createHash('sha256').update(JSON.stringify(all)).digest('hex');
      };

      it('answers typed replies as rows, with caps', async () => {
        const { db } = suite;
        const hash = seen(await db.query('HGETALL user:1'));
        expect(hash.columns).toEqual([{ name: 'field' }, { name: 'value' }]);
        expect(hash.rows).toEqual([
          ['name', 'Ada L.'],
          ['age', '36'],
        ]);
        expect(seen(await db.query('GET greeting')).rows).toEqual([['grüß dich']]);
        expect(seen(await db.query('DBSIZE')).rows).toEqual([[4]]);
        expect(seen(await db.query('GET missing')).rows).toEqual([[null]]);
        const capped = seen(await db.query('LRANGE queue 0 -1', { maxRows: 2 }));
        expect(capped).toMatchObject({ rows: [['a'], ['b']], rowCount: 3, truncated: true });
        expect(capped.text.split('\n')[0]).toBe('value');
      });

      it("fails with the server's own message and refuses writes by the server's command flags", async () => {
        const { db } = suite;
        const wrongType = seen(await failure(db.query('INCR user:1', { readOnly: false })));
        expect(wrongType).toMatchObject({ code: 'DATABASE' });
        expect(wrongType.message).toContain('WRONGTYPE');
        const unknown = seen(await failure(db.query('NOSUCHCOMMAND x')));
        expect(unknown.message).toContain("unknown command 'NOSUCHCOMMAND'");
        for (const line of [
          'SET k v',
          'FLUSHALL',
          'CONFIG SET maxmemory 1',
          'EVAL "return 1" 0',
          'PUBLISH c m',
        ])
          expect(seen(await failure(db.query(line)))).toMatchObject({ code: 'READ_ONLY' });
        expect(seen(await failure(db.query(`AUTH ${quoted(HOSTILE_PASSWORD)}`)))).toMatchObject({
          code: 'INVALID',
        });
        expect(seen(await failure(db.query('-h evil GET k')))).toMatchObject({ code: 'INVALID' });
        expect(seen(await db.query('DBSIZE')).rows).toEqual([[4]]);
      });

      it('backs up the RDB, restores it after a change, and the data is equal by checksum', async () => {
        const { db, dir, target } = suite;
        const before = await contents();
        const backup = seen(await db.backup({ root: dir, path: join(dir, 'redis.rdb') }));
        expect(backup).toMatchObject({ kind: 'redis', format: 'redis-rdb' });
        const file = expectBackupFile(backup);
        expect(file.subarray(0, 5).toString()).toBe('REDIS');

        await db.query('DEL user:1', { readOnly: false });
        await db.query('SET added later', { readOnly: false });
        expect(await contents()).not.toBe(before);

        const options = { safetyBackup: { root: dir, path: join(dir, 'safety.rdb') } };
        const plan = seen(await db.planRestore({ root: dir, path: backup.path }, options));
        expect(plan).toMatchObject({ kind: 'redis', format: 'redis-rdb', source: { sha256: backup.sha256 } });
        const restored = seen(await db.restore(plan, options));
        expect(restored.verified).toMatchObject({ tables: 1, rows: 4 });
        expect(await contents()).toBe(before);
        // The server is a primary again, and the temporary server and files are gone.
        expect(seen(await db.status()).role).toBe('standalone');
        const leftovers = await target.engine.exec(target.container, ['ls', '/tmp']);
        expect(leftovers.stdout).not.toContain('berth-restore');
        // The safety backup holds the changed state: restoring it brings the change back.
        const safety = await db.planRestore(
          { root: dir, path: join(dir, 'safety.rdb') },
          { safetyBackup: false },
        );
        await db.restore(safety, { safetyBackup: false });
        expect(seen(await db.query('GET added')).rows).toEqual([['later']]);
      });

      it('reports a failing dump as a failure and leaves no file; refuses a file that is not an RDB', async () => {
        const { db, dir, target } = suite;
        const wrong = await openDbAdapter(target.engine, target.container, {
          masker: target.masker,
          credentials: { password: `${HOSTILE_PASSWORD}-wrong` },
        });
        const failed = seen(await failure(wrong.backup({ root: dir, path: join(dir, 'none.rdb') })));
        expect(failed).toMatchObject({ code: 'DATABASE' });
        suite.expectNoLeftovers('none');
        const bad = join(dir, 'bad.rdb');
        (await import('node:fs')).writeFileSync(bad, 'not an rdb');
        expect(
          seen(await failure(db.planRestore({ root: dir, path: bad }, { safetyBackup: false }))),
        ).toMatchObject({
          code: 'INVALID',
        });
      });

      it('reports status, databases and key spaces', async () => {
        const { db } = suite;
        const status = seen(await db.status());
        const info = String((await db.query('INFO server')).rows[0]?.[0]);
        expect(status).toMatchObject({
          kind: 'redis',
          version: /redis_version:([0-9.]+)/.exec(info)?.[1],
          role: 'standalone',
        });
        expect(status.sizeBytes).toBeGreaterThan(0);
        expect(status.connections).toBeGreaterThanOrEqual(1);
        expect(seen(await db.listDatabases())).toEqual(['0']);
        expect(seen(await db.listTables())).toEqual([{ name: 'db0', rows: expect.any(Number) }]);
      });

      it('logs in with the password of the server command line when the env has none', async () => {
        const { target } = suite;
        const { tag } = await ensureImage(redisImage);
        const { id } = await target.engine.containers.run({
          image: tag,
          // As compose files start it: the password on redis-server's own command line.
          entrypoint: ['redis-server', '--requirepass', HOSTILE_PASSWORD],
          labels: testLabels({ 'berth.test.case': 'db' }),
        });
        try {
          const adapter = await openDbAdapter(target.engine, id, { masker: target.masker, kind: 'redis' });
          await waitUntil(
            'redis answers',
            async () => (await adapter.query('PING')).rows[0]?.[0] === 'PONG',
            {
              timeoutMs: 60_000,
              intervalMs: 250,
            },
          );
          expect(seen(await adapter.query('DBSIZE')).rows).toEqual([[0]]);
        } finally {
          await target.engine.containers.remove(id, { force: true });
        }
      });

      it('never shows the password: results, errors and log lines', async () => {
        const { db, target } = suite;
        const echoed = seen(await db.query(`ECHO ${quoted(HOSTILE_PASSWORD)}`));
        expect(echoed.rows).toEqual([['***']]);
        const wrong = await openDbAdapter(target.engine, target.container, {
          masker: target.masker,
          credentials: { password: `${HOSTILE_PASSWORD}x` },
        });
        seen(await failure(wrong.query('GET k')));
        suite.expectNoSecret(HOSTILE_PASSWORD);
        expect(target.logLines.length).toBeGreaterThan(0);
      });
    });
  },
  { timeout: 600_000 },
);
