import { join } from 'node:path';
import { engineSuite, mariadbImage } from '@berth/testkit';
import { describe, expect, it } from 'vitest';
import {
  expectBackupFile,
  failure,
  HOSTILE_PASSWORD,
  type TargetName,
  useDbTarget,
} from '../db-targets.test-support.js';

// Computed by the server, independent of the adapter's own fingerprint.
const CHECKSUM =
  "SELECT COUNT(*) AS n, MD5(GROUP_CONCAT(CONCAT_WS('|', id, name, IFNULL(price, 'null'), big, IFNULL(note, 'null')) ORDER BY id SEPARATOR '#')) AS h FROM items";

engineSuite(
  'mysql adapter on a real mariadb container',
  () => {
    describe.each<TargetName>(['local', 'remote'])('%s', (targetName) => {
      const suite = useDbTarget(targetName, {
        image: mariadbImage,
        env: { MARIADB_ROOT_PASSWORD: HOSTILE_PASSWORD, MARIADB_DATABASE: 'shop' },
        ready: (adapter) => adapter.query('SELECT 1'),
        tmpPrefix: 'berth-mysql-',
        seed: async (db) => {
          for (const sql of [
            'CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(64), price DECIMAL(8,2), big BIGINT UNSIGNED, note TEXT)',
            `INSERT INTO items VALUES (1, 'tea', 2.50, 9007199254740993, ''), (2, 'NULL', NULL, 7, NULL),
             (3, 'ü€ <"quoted">\ttab', 1.00, 1, 'multi\nline')`,
            'CREATE FUNCTION bump() RETURNS INT MODIFIES SQL DATA BEGIN UPDATE items SET big = big + 1; RETURN 1; END',
          ]) {
            await db.query(sql, { readOnly: false });
          }
        },
      });
      const { seen } = suite;

      it('answers a typed query: NULL apart from empty and from the string NULL, exact numbers', async () => {
        const { db } = suite;
        const result = seen(await db.query('SELECT id, name, price, big, note FROM items ORDER BY id'));
        expect(result.columns).toEqual([
          { name: 'id', type: 'LONG' },
          { name: 'name', type: 'VAR_STRING' },
          { name: 'price', type: 'NEWDECIMAL' },
          { name: 'big', type: 'LONGLONG' },
          { name: 'note', type: 'BLOB' },
        ]);
        expect(result.rows).toEqual([
          [1, 'tea', '2.50', '9007199254740993', ''],
          [2, 'NULL', null, 7, null],
          [3, 'ü€ <"quoted">\ttab', '1.00', 1, 'multi\nline'],
        ]);
        const capped = seen(await db.query('SELECT seq FROM seq_1_to_50', { maxRows: 5 }));
        expect(capped).toMatchObject({ rowCount: 50, truncated: true });
        expect(capped.rows).toEqual([[1], [2], [3], [4], [5]]);
      });

      it("fails with the engine's own message and refuses writes twice; client commands never run", async () => {
        const { db, target } = suite;
        const missing = seen(await failure(db.query('SELECT * FROM no_such_table')));
        expect(missing).toMatchObject({ code: 'DATABASE' });
        expect(missing.message).toContain("Table 'shop.no_such_table' doesn't exist");
        expect(seen(await failure(db.query('DELETE FROM items WHERE id = 1')))).toMatchObject({
          code: 'READ_ONLY',
        });
        const hidden = seen(await failure(db.query('SELECT bump()')));
        expect(hidden).toMatchObject({ code: 'DATABASE' });
        expect(hidden.message).toContain('READ ONLY');
        const system = seen(await failure(db.query('system touch /tmp/client-ran')));
        expect(['DATABASE', 'READ_ONLY']).toContain(system.code);
        const probe = await target.engine.exec(target.container, ['ls', '/tmp/client-ran', '/tmp/pwned']);
        expect(probe.exitCode).not.toBe(0);
      });

      it('backs up, restores after a change, and the data is equal by checksum', async () => {
        const { db, dir } = suite;
        const before = seen(await db.query(CHECKSUM)).rows;
        const backup = seen(await db.backup({ root: dir, path: join(dir, 'shop.sql') }));
        expect(backup).toMatchObject({ kind: 'mysql', format: 'mysql-sql', database: 'shop' });
        expectBackupFile(backup);
        const update = await db.query("UPDATE items SET name = 'changed' WHERE id = 1", { readOnly: false });
        // ROW_COUNT(): the client's "N rows affected", and no empty result set in its place.
        expect(update).toMatchObject({ affectedRows: 1, columns: [], rowCount: 0 });
        const deleted = await db.query('DELETE FROM items WHERE id = 2', { readOnly: false });
        expect(deleted.affectedRows).toBe(1);
        expect(seen(await db.query(CHECKSUM)).rows).not.toEqual(before);
        const options = { safetyBackup: { root: dir, path: join(dir, 'safety.sql') } };
        const plan = seen(await db.planRestore({ root: dir, path: backup.path }, options));
        const restored = seen(await db.restore(plan, options));
        expect(restored.verified).toMatchObject({ tables: 1, rows: 3 });
        expect(seen(await db.query(CHECKSUM)).rows).toEqual(before);
      });

      it('reports a failing dump as a failure with no file, and a failing restore rolls back', async () => {
        const { db, dir } = suite;
        const failed = seen(
          await failure(db.backup({ root: dir, path: join(dir, 'none.sql') }, { database: 'no_such_db' })),
        );
        expect(failed).toMatchObject({ code: 'DATABASE' });
        expect(failed.message).toContain('no_such_db');
        suite.expectNoLeftovers('none');
        const before = (await db.query(CHECKSUM)).rows;
        const bad = join(dir, 'bad.sql');
        (await import('node:fs')).writeFileSync(bad, 'DELETE FROM items;\nSELECT * FROM no_such_table;\n');
        const options = { safetyBackup: { root: dir, path: join(dir, 'before-bad.sql') } };
        const plan = await db.planRestore({ root: dir, path: bad }, options);
        const rolled = seen(await failure(db.restore(plan, options)));
        expect(rolled).toMatchObject({ code: 'DATABASE', data: { rolledBack: true } });
        expect((await db.query(CHECKSUM)).rows).toEqual(before);
      });

      it('reports status, databases and tables, and never shows the password', async () => {
        const { db } = suite;
        const status = seen(await db.status());
        expect(status.version).toBe((await db.query('SELECT VERSION()')).rows[0]?.[0]);
        expect(status).toMatchObject({ kind: 'mysql', role: 'standalone', details: { database: 'shop' } });
        expect(status.connections).toBeGreaterThanOrEqual(1);
        expect(seen(await db.listDatabases())).toContain('shop');
        expect(seen(await db.listTables())).toEqual([
          expect.objectContaining({ schema: 'shop', name: 'items' }),
        ]);
        suite.expectNoSecret(HOSTILE_PASSWORD);
      });
    });
  },
  { timeout: 600_000 },
);
