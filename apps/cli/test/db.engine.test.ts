import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ERROR_CODES } from '@berth/errors';
import {
  engineSuite,
  ensureImage,
  postgresImage,
  startContainer,
  type TestContainer,
  testRunId,
  waitUntil,
} from '@berth/testkit';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { jsonOf } from './output-schemas.js';
import { type BinResult, binEnv, runBin, runInPty } from './run-bin.js';

// biome-ignore lint/suspicious/noControlCharactersInRegex: the escape codes are what is stripped.
const ANSI = /\x1b\[[0-9;?]*[A-Za-z]/g;
const exit = (code: keyof typeof ERROR_CODES) => ERROR_CODES[code].exitCode;
const CHECKSUM = "SELECT count(*), md5(string_agg(t::text, '|' ORDER BY id)) FROM items t";

/*
 * berth db through the built bin, against a postgres fixture container on the local engine,
 * as a script runs it: no terminal, so data-losing statements need --yes. In order: reads,
 * a refused write, a refused and then a confirmed DELETE, backup, damage, restore.
 */
engineSuite(
  'berth db: the built bin on a postgres container',
  () => {
    let home: string;
    let config: string;
    let db: TestContainer;
    const berth = (argv: string[], input?: string) =>
      runBin(['--config', config, ...argv], {
        env: binEnv(home, { XDG_STATE_HOME: join(home, 'state') }),
        ...(input === undefined ? {} : { input }),
      });
    const ok = (r: BinResult) => {
      expect(r.code, r.stderr).toBe(0);
      return r;
    };
    const query = async (statement: string) =>
      jsonOf('db_read', ok(await berth(['db', 'query', db.name, statement, '--json'])).stdout).rows[0]
        ?.values as unknown[][];

    beforeAll(async () => {
      home = await mkdtemp(join(tmpdir(), 'berth-cli-db-'));
      config = join(home, 'berth.yaml');
      await writeFile(config, JSON.stringify({ profiles: { local: { type: 'local' } } }));
      const { tag } = await ensureImage(postgresImage);
      db = await startContainer({
        image: tag,
        name: `berth-cli-pg-${testRunId()}`,
        env: { POSTGRES_USER: 'app', POSTGRES_PASSWORD: `pw-${process.pid}`, POSTGRES_DB: 'shop' },
      });
      await waitUntil(
        'postgres answers berth db query',
        async () => (await berth(['db', 'query', db.name, 'SELECT 1'])).code === 0,
        { timeoutMs: 120_000, intervalMs: 1_000 },
      );
      ok(
        await berth([
          'db',
          'exec',
          db.name,
          `CREATE TABLE items (id int PRIMARY KEY, name text);
         INSERT INTO items VALUES (1, 'tea'), (2, 'cake'), (3, 'jam');
         CREATE TABLE scratch (n int); INSERT INTO scratch SELECT generate_series(1, 5);`,
        ]),
      );
    }, 300_000);
    afterAll(async () => {
      await db?.remove();
      if (home) await rm(home, { recursive: true, force: true });
    });

    it('answers a query as a table for people and as db_read JSON, the statement from an argument or stdin', async () => {
      const json = jsonOf(
        'db_read',
        ok(await berth(['db', 'query', db.name, 'SELECT id, name FROM items ORDER BY id', '--json'])).stdout,
      );
      expect(json.rows[0]).toMatchObject({
        columns: [
          { name: 'id', type: 'integer' },
          { name: 'name', type: 'text' },
        ],
        values: [
          [1, 'tea'],
          [2, 'cake'],
          [3, 'jam'],
        ],
        row_count: 3,
      });
      const table = ok(await berth(['db', 'query', db.name, '-'], 'SELECT name, id FROM items ORDER BY id'));
      const lines = table.stdout.trim().split('\n');
      expect(lines[0]).toMatch(/^NAME\s+ID$/);
      expect(lines.slice(1).map((l) => l.split(/\s+/))).toEqual([
        ['tea', '1'],
        ['cake', '2'],
        ['jam', '3'],
      ]);
      const capped = ok(
        await berth(['db', 'query', db.name, 'SELECT generate_series(1, 20) AS n', '--max-rows', '4']),
      );
      expect(capped.stdout.trim().split('\n')).toHaveLength(5);
      expect(capped.stderr).toContain('4 of 20 rows shown');
      const tables = jsonOf('db_read', ok(await berth(['db', 'tables', db.name, '--json'])).stdout);
      expect(tables.rows.map((r) => r.table).sort()).toEqual(['items', 'scratch']);
      const status = jsonOf('db_read', ok(await berth(['db', 'status', db.name, '--json'])).stdout);
      expect(status.rows[0]).toMatchObject({ kind: 'postgres' });
      expect(ok(await berth(['db', 'databases', db.name])).stdout).toMatch(/^shop$/m);
    });

    it('refuses a write in db query with the exit code of READ_ONLY and changes nothing', async () => {
      const before = await query(CHECKSUM);
      const refused = await berth(['db', 'query', db.name, "UPDATE items SET name = 'x' WHERE id = 1"]);
      expect(refused.code).toBe(exit('READ_ONLY'));
      expect(refused.stdout).toBe('');
      expect(refused.stderr).toContain('db_admin exec');
      expect(await query(CHECKSUM)).toEqual(before);
    });

    it('refuses a DELETE without WHERE when nobody can be asked, and runs it with --yes', async () => {
      const refused = await berth(['db', 'exec', db.name, 'DELETE FROM scratch']);
      expect(refused.code).toBe(exit('CONFIRMATION_REQUIRED'));
      expect(refused.code).toBe(7);
      expect(refused.stderr).toContain('DELETE FROM scratch');
      expect(refused.stderr).toContain('Pass --yes');
      expect(await query('SELECT count(*) FROM scratch')).toEqual([[5]]);
      const dry = ok(await berth(['db', 'exec', db.name, 'DELETE FROM scratch', '--dry-run']));
      expect(dry.stdout).toContain('DELETE FROM scratch');
      expect(await query('SELECT count(*) FROM scratch')).toEqual([[5]]);
      const done = jsonOf(
        'db_admin',
        ok(await berth(['db', 'exec', db.name, 'DELETE FROM scratch', '--yes', '--json'])).stdout,
      );
      expect(done.rows[0]).toMatchObject({ changed: 5 });
      expect(await query('SELECT count(*) FROM scratch')).toEqual([[0]]);
    });

    it('at a terminal asks before a DELETE without WHERE, and draws a bar while backing up', async () => {
      const env = binEnv(home, { XDG_STATE_HOME: join(home, 'state') });
      ok(await berth(['db', 'exec', db.name, 'INSERT INTO scratch VALUES (1), (2)']));
      const declined = await runInPty(
        ['--config', config, 'db', 'exec', db.name, 'DELETE FROM scratch'],
        [['Go ahead?', 'n\r']],
        { env },
      );
      expect(declined.code).toBe(exit('DECLINED'));
      expect(declined.stdout.replace(ANSI, '')).toContain('DELETE FROM scratch');
      expect(await query('SELECT count(*) FROM scratch')).toEqual([[2]]);
      const backup = await runInPty(['--config', config, 'db', 'backup', db.name], [], { env });
      expect(backup.code, backup.stdout).toBe(0);
      expect(backup.stdout).toMatch(/backup \[/);
      expect(backup.stdout.replace(ANSI, '')).toMatch(/FILE\s+BYTES/);
    });

    it('backs up, and restores with --yes to the same data after a change', async () => {
      const before = await query(CHECKSUM);
      const backup = jsonOf('db_admin', ok(await berth(['db', 'backup', db.name, '--json'])).stdout);
      const file = backup.rows[0]?.file as string;
      expect(backup.rows[0]).toMatchObject({ format: expect.any(String), bytes: expect.any(Number) });
      ok(await berth(['db', 'exec', db.name, "UPDATE items SET name = 'gone' WHERE id = 1"]));
      expect(await query(CHECKSUM)).not.toEqual(before);
      const refused = await berth(['db', 'restore', db.name, file]);
      expect(refused.code).toBe(7);
      expect(refused.stderr).toMatch(/source/);
      const restored = ok(await berth(['db', 'restore', db.name, file, '--yes']));
      expect(restored.stdout).toMatch(/restored/);
      expect(restored.stdout).toMatch(/safety backup/);
      expect(await query(CHECKSUM)).toEqual(before);
      const unsafe = jsonOf(
        'db_admin',
        ok(await berth(['db', 'restore', db.name, file, '--no-safety-backup', '--yes', '--json'])).stdout,
      );
      expect(unsafe.rows.map((r) => r.step)).not.toContain('safety backup');
      expect(await query(CHECKSUM)).toEqual(before);
    });
  },
  { timeout: 300_000 },
);
