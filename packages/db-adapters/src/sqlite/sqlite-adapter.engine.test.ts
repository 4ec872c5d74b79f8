import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { engineSuite, sqliteImage } from '@berth/testkit';
import { describe, expect, it } from 'vitest';
import { expectBackupFile, failure, type TargetName, useDbTarget } from '../db-targets.test-support.js';

// The shell's own hash of the table's content, independent of the adapter's fingerprint.
const CHECKSUM =
  "SELECT count(*) AS n, group_concat(quote(id) || quote(name) || quote(price) || quote(note), '|') AS h FROM (SELECT * FROM items ORDER BY id)";

engineSuite(
  'sqlite adapter on a real sqlite container',
  () => {
    describe.each<TargetName>(['local', 'remote'])('%s', (targetName) => {
      const suite = useDbTarget(targetName, {
        image: sqliteImage,
        env: { SQLITE_DATABASE: '/data/shop.db' },
        ready: (adapter) => adapter.query('SELECT 1'),
        tmpPrefix: 'berth-sqlite-',
        seed: (db) =>
          db.query(
            `CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT, price REAL, note TEXT);
           INSERT INTO items VALUES (1, 'tea', 2.5, ''), (2, 'NULL', NULL, NULL), (3, 'ü€ "q", c', 9007199254740993, 'multi
line');`,
            { readOnly: false },
          ),
      });

      it('answers a typed query in column order, NULL apart from empty', async () => {
        const { db } = suite;
        const result = await db.query('SELECT id, name, price, note, id AS id FROM items ORDER BY id');
        expect(result.columns).toEqual([
          { name: 'id', type: 'integer' },
          { name: 'name', type: 'text' },
          { name: 'price', type: 'real' },
          { name: 'note', type: 'text' },
          { name: 'id', type: 'integer' },
        ]);
        expect(result.rows).toEqual([
          [1, 'tea', 2.5, '', 1],
          [2, 'NULL', null, null, 2],
          [3, 'ü€ "q", c', 9007199254740992, 'multi\nline', 3],
        ]);
      });

      it("fails with the engine's message, refuses writes twice, and never runs a dot-command", async () => {
        const { db, target } = suite;
        const missing = await failure(db.query('SELECT * FROM no_such_table'));
        expect(missing).toMatchObject({ code: 'DATABASE' });
        expect(missing.message).toContain('no such table: no_such_table');
        expect(await failure(db.query('DELETE FROM items WHERE id = 1'))).toMatchObject({
          code: 'READ_ONLY',
        });
        const dot = await failure(db.query('SELECT 1;\n.shell touch /tmp/dot-ran'));
        expect(dot.code).toBe('INVALID');
        const probe = await target.engine.exec(target.container, ['ls', '/tmp/dot-ran']);
        expect(probe.exitCode).not.toBe(0);
        const forced = await failure(db.query('PRAGMA user_version = 7'));
        expect(['READ_ONLY', 'DATABASE']).toContain(forced.code);
        expect((await db.query('PRAGMA user_version')).rows).toEqual([[0]]);
      });

      it('backs up online, restores after a change, and the data is equal by checksum', async () => {
        const { db, dir, target } = suite;
        const before = (await db.query(CHECKSUM)).rows;
        const backup = await db.backup({ root: dir, path: join(dir, 'shop.db') });
        expect(backup).toMatchObject({ kind: 'sqlite', format: 'sqlite' });
        const file = expectBackupFile(backup);
        expect(file.subarray(0, 15).toString()).toBe('SQLite format 3');
        await db.query("UPDATE items SET name = 'changed' WHERE id = 1", { readOnly: false });
        expect((await db.query(CHECKSUM)).rows).not.toEqual(before);
        const options = { safetyBackup: { root: dir, path: join(dir, 'safety.db') } };
        const plan = await db.planRestore({ root: dir, path: backup.path }, options);
        expect(plan.format).toBe('sqlite');
        const restored = await db.restore(plan, options);
        expect(restored.verified).toMatchObject({ tables: 1, rows: 3 });
        expect((await db.query(CHECKSUM)).rows).toEqual(before);
        const scratch = await target.engine.exec(target.container, ['ls', '/tmp']);
        expect(scratch.stdout).not.toContain('berth-sqlite-');
      });

      it('refuses a file that is no sqlite database and a failing backup leaves nothing', async () => {
        const { db, dir } = suite;
        const junk = join(dir, 'junk.db');
        writeFileSync(junk, 'not a database');
        expect(
          await failure(db.planRestore({ root: dir, path: junk }, { safetyBackup: false })),
        ).toMatchObject({
          code: 'INVALID',
        });
        const failed = await failure(
          db.backup({ root: dir, path: join(dir, 'none.db') }, { database: '/no/such/dir/x.db' }),
        );
        expect(failed).toMatchObject({ code: 'DATABASE' });
        suite.expectNoLeftovers('none');
        const status = await db.status();
        expect(status).toMatchObject({
          kind: 'sqlite',
          role: 'standalone',
          details: { file: '/data/shop.db', journalMode: 'wal' },
        });
        expect(status.version).toBe((await db.query('SELECT sqlite_version()')).rows[0]?.[0]);
        expect(await db.listTables()).toEqual([{ name: 'items' }]);
      });

      it('refuses a paused container at once instead of waiting on an exec', async () => {
        const { target } = suite;
        await target.engine.containers.pause(target.container);
        try {
          const refused = await failure(target.reopen());
          expect(refused).toMatchObject({ code: 'CONFLICT' });
          expect(refused.message).toMatch(/is paused; unpause it first/);
        } finally {
          await target.engine.containers.unpause(target.container);
        }
        expect((await target.reopen()).kind).toBe('sqlite');
      });
    });
  },
  { timeout: 600_000 },
);
