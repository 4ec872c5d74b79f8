import { mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { engineSuite, postgresImage, waitUntil } from '@berth/testkit';
import { describe, expect, it } from 'vitest';
import {
  expectBackupFile,
  failure,
  HOSTILE_PASSWORD,
  type TargetName,
  useDbTarget,
} from '../db-targets.test-support.js';
import { readmeExample } from '../readme-example.test-support.js';

// The server computes it, independent of the adapter's own fingerprint.
const CHECKSUM = "SELECT count(*) AS n, md5(string_agg(t::text, '|' ORDER BY id)) AS h FROM items t";

engineSuite(
  'postgres adapter on a real postgres container',
  () => {
    describe.each<TargetName>(['local', 'remote'])('%s', (targetName) => {
      const suite = useDbTarget(targetName, {
        image: postgresImage,
        env: { POSTGRES_USER: 'app user', POSTGRES_PASSWORD: HOSTILE_PASSWORD, POSTGRES_DB: 'shop' },
        ready: (adapter) => adapter.query('SELECT 1'),
        tmpPrefix: 'berth-pg-',
        seed: (db) =>
          db.query(
            `CREATE TABLE items (id int PRIMARY KEY, name text, price numeric(8,2), big bigint, ok boolean, note text);
           INSERT INTO items VALUES (1, 'tea', 2.50, 9007199254740993, true, ''), (2, 'cake', NULL, 7, false, NULL),
             (3, 'ü€ "quoted", comma', 1.00, 1, NULL, 'multi
line');
           CREATE FUNCTION bump() RETURNS int LANGUAGE sql AS 'UPDATE items SET big = big + 1 RETURNING 1';`,
            { readOnly: false },
          ),
      });
      const { seen } = suite;

      it('answers a typed query: names, types, NULL apart from empty, exact numbers', async () => {
        const { db } = suite;
        const result = seen(await db.query('SELECT id, name, price, big, ok, note FROM items ORDER BY id'));
        expect(result.columns).toEqual([
          { name: 'id', type: 'integer' },
          { name: 'name', type: 'text' },
          { name: 'price', type: 'numeric(8,2)' },
          { name: 'big', type: 'bigint' },
          { name: 'ok', type: 'boolean' },
          { name: 'note', type: 'text' },
        ]);
        expect(result.rows).toEqual([
          [1, 'tea', '2.50', '9007199254740993', true, ''],
          [2, 'cake', null, 7, false, null],
          [3, 'ü€ "quoted", comma', '1.00', 1, null, 'multi\nline'],
        ]);
        expect(result).toMatchObject({ rowCount: 3, truncated: false });
        expect(result.text.split('\n')[0]).toMatch(/^id +\| name +\| price/);
        const capped = seen(await db.query('SELECT generate_series(1, 50) AS n', { maxRows: 5 }));
        expect(capped).toMatchObject({ rowCount: 50, truncated: true });
        expect(capped.rows).toEqual([[1], [2], [3], [4], [5]]);
        const shown = seen(await db.query('SHOW server_encoding'));
        expect(shown.rows).toEqual([['UTF8']]);
      });

      it("fails with the engine's own message, refuses writes twice, and never runs a psql meta-command", async () => {
        const { db, target } = suite;
        const missing = seen(await failure(db.query('SELECT * FROM no_such_table')));
        expect(missing).toMatchObject({ code: 'DATABASE' });
        expect(missing.message).toContain('relation "no_such_table" does not exist');
        const write = seen(await failure(db.query('DELETE FROM items WHERE id = 1')));
        expect(write).toMatchObject({ code: 'READ_ONLY' });
        // A function that writes looks like a read to the classifier: the database refuses it.
        const hidden = seen(await failure(db.query('SELECT bump()')));
        expect(hidden).toMatchObject({ code: 'DATABASE' });
        expect(hidden.message).toContain('read-only transaction');
        const meta = seen(await failure(db.query('SELECT 1 \\! touch /tmp/meta-ran\n')));
        expect(['DATABASE', 'READ_ONLY']).toContain(meta.code);
        const probe = await target.engine.exec(target.container, ['ls', '/tmp/meta-ran', '/tmp/pwned']);
        expect(probe.exitCode).not.toBe(0);
        expect((await db.query(CHECKSUM)).rows[0]?.[0]).toBe(3);
      });

      it('ends a query at its deadline and on cancel, on the server too', async () => {
        const { db } = suite;
        const late = seen(await failure(db.query('SELECT pg_sleep(30)', { timeoutMs: 1000 })));
        expect(late).toMatchObject({ code: 'DATABASE' });
        expect(late.message).toContain('statement timeout');
        // A session in pg_sleep waits on PgSleep; without a cancel on the server it would sleep on for 30 s.
        const sleeping = "SELECT count(*) FROM pg_stat_activity WHERE wait_event = 'PgSleep'";
        const controller = new AbortController();
        const pending = db.query('SELECT pg_sleep(30)', { signal: controller.signal });
        await waitUntil(
          'the query runs on the server',
          async () => (await db.query(sleeping)).rows[0]?.[0] === 1,
          {
            timeoutMs: 20_000,
          },
        );
        controller.abort();
        expect(seen(await failure(pending))).toMatchObject({ code: 'CANCELLED' });
        await waitUntil(
          'the cancelled query ends on the server',
          async () => (await db.query(sleeping)).rows[0]?.[0] === 0,
          {
            timeoutMs: 20_000,
          },
        );
      });

      it('backs up, restores after a change, and the data is equal by checksum', async () => {
        const { db, dir } = suite;
        const before = seen(await db.query(CHECKSUM)).rows;
        const backup = seen(await db.backup({ root: dir, path: join(dir, 'shop.dump') }));
        expect(backup).toMatchObject({ kind: 'postgres', format: 'pg-custom', database: 'shop' });
        const file = expectBackupFile(backup);
        expect(file.subarray(0, 5).toString()).toBe('PGDMP');

        await db.query("UPDATE items SET name = 'changed' WHERE id = 1; DELETE FROM items WHERE id = 2", {
          readOnly: false,
        });
        expect(seen(await db.query(CHECKSUM)).rows).not.toEqual(before);

        const options = { safetyBackup: { root: dir, path: join(dir, 'safety.dump') } };
        const plan = seen(await db.planRestore({ root: dir, path: backup.path }, options));
        expect(plan).toMatchObject({
          format: 'pg-custom',
          database: 'shop',
          source: { sha256: backup.sha256 },
        });
        const restored = seen(await db.restore(plan, options));
        expect(restored.safetyBackup?.path).toBe(join(dir, 'safety.dump'));
        expect(restored.verified).toMatchObject({ tables: 1, rows: 3 });
        expect(seen(await db.query(CHECKSUM)).rows).toEqual(before);

        // Plain SQL round trip, restored over the live database.
        const plain = seen(
          await db.backup({ root: dir, path: join(dir, 'shop.sql') }, { format: 'pg-plain' }),
        );
        await db.query('DELETE FROM items WHERE id = 3', { readOnly: false });
        const plainPlan = await db.planRestore({ root: dir, path: plain.path }, { safetyBackup: false });
        expect(plainPlan.format).toBe('pg-plain');
        seen(await db.restore(plainPlan, { safetyBackup: false }));
        expect(seen(await db.query(CHECKSUM)).rows).toEqual(before);
      });

      it('reports a failing dump as a failure and leaves no file; keeps backups inside their root', async () => {
        const { db, dir } = suite;
        const failed = seen(
          await failure(db.backup({ root: dir, path: join(dir, 'none.dump') }, { database: 'no_such_db' })),
        );
        expect(failed).toMatchObject({ code: 'DATABASE' });
        expect(failed.message).toContain('no_such_db');
        suite.expectNoLeftovers('none');
        const dotDot = seen(await failure(db.backup({ root: dir, path: join(dir, '..', 'out.dump') })));
        expect(dotDot).toMatchObject({ code: 'INVALID' });
        const outside = mkdtempSync(join(tmpdir(), 'berth-pg-out-'));
        symlinkSync(outside, join(dir, 'link'));
        const viaLink = seen(await failure(db.backup({ root: dir, path: join(dir, 'link', 'x.dump') })));
        expect(viaLink).toMatchObject({ code: 'INVALID' });
        expect(readdirSync(outside)).toEqual([]);
        rmSync(outside, { recursive: true });
        const exists = seen(await failure(db.backup({ root: dir, path: join(dir, 'shop.dump') })));
        expect(exists).toMatchObject({ code: 'CONFLICT' });
        // A restore that does not apply changes nothing (one transaction) and says why.
        const before = (await db.query(CHECKSUM)).rows;
        const bad = join(dir, 'bad.sql');
        (await import('node:fs')).writeFileSync(bad, 'DELETE FROM items;\nSELECT * FROM no_such_table;\n');
        const badPlan = await db.planRestore({ root: dir, path: bad }, { safetyBackup: false });
        const badRestore = seen(await failure(db.restore(badPlan, { safetyBackup: false })));
        expect(badRestore).toMatchObject({ code: 'DATABASE' });
        expect((await db.query(CHECKSUM)).rows).toEqual(before);
      });

      it('reports status, databases and tables', async () => {
        const { db } = suite;
        const status = seen(await db.status());
        const version = (await db.query('SHOW server_version')).rows[0]?.[0];
        expect(status).toMatchObject({ kind: 'postgres', version, role: 'standalone' });
        expect(status.sizeBytes).toBeGreaterThan(0);
        expect(status.connections).toBeGreaterThanOrEqual(1);
        expect(seen(await db.listDatabases())).toEqual(expect.arrayContaining(['postgres', 'shop']));
        expect(seen(await db.listTables())).toEqual([
          expect.objectContaining({ schema: 'public', name: 'items' }),
        ]);
      });

      it('never shows the password: results, errors and log lines', async () => {
        const { target } = suite;
        const wrong = await target.reopen();
        // A query that makes the server echo the password back: masked in the answer too.
        const echoed = seen(
          await wrong.query(
            'SELECT $1::text AS p'.replace('$1', `'${HOSTILE_PASSWORD.replace(/'/g, "''")}'`),
          ),
        );
        expect(echoed.rows[0]?.[0]).toBe('***');
        suite.expectNoSecret(HOSTILE_PASSWORD);
        expect(target.logLines.length).toBeGreaterThan(0);
      });

      it('runs the README example', async () => {
        const { dir, target } = suite;
        const example = join(dir, 'readme');
        const { rows, backup, restored, status } = await readmeExample(
          target.engine,
          target.container,
          example,
        );
        expect(rows.columns[0]).toEqual({ name: 'id', type: 'integer' });
        expect(backup.format).toBe('pg-custom');
        expect(restored.verified.rows).toBe(rows.rowCount);
        expect(status.kind).toBe('postgres');
      });

      it('refuses to restore into a stopped container', async () => {
        const { db, dir, target } = suite;
        const dump = join(dir, 'shop.dump');
        const plan = await db.planRestore({ root: dir, path: dump }, { safetyBackup: false });
        await target.engine.containers.stop(target.container);
        const stopped = seen(await failure(db.restore(plan, { safetyBackup: false })));
        expect(stopped.code).toBe('CONFLICT');
      });
    });
  },
  { timeout: 600_000 },
);
