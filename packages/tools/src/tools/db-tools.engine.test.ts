import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import {
  engineSuite,
  ensureImage,
  postgresImage,
  sqliteImage,
  startContainer,
  type TestContainer,
  testRunId,
  waitUntil,
} from '@berth/testkit';
import { Client } from '@modelcontextprotocol/client';
import { InMemoryTransport, McpServer } from '@modelcontextprotocol/server';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BERTH_TOOLS } from '../berth-tools.js';
import { LIBRARY_CALLER } from '../framework/caller.js';
import { createToolContext } from '../framework/create-tool-context.js';
import { runTool, type ToolResult } from '../framework/runner.js';
import type { ToolContext } from '../framework/tool-context.js';
import type { ToolOutput } from '../framework/tool-output.js';
import { registerTools } from '../mcp/register-tools.js';

/** Every character class that breaks naive quoting, and non-ASCII. */
const PASSWORD = `p'a"s$(touch /tmp/pwned);w rd ü€-${testRunId().slice(-6)}`;
const secretForms = (s: string) => [s, JSON.stringify(s).slice(1, -1), encodeURIComponent(s)];

/*
 * The db toolset through the runner, against real database containers on the local engine:
 * plain containers with no compose project, so credentials come from their env alone.
 * One postgres and one sqlite container, each shared by the cases of its block, in order.
 */
engineSuite(
  'db tools through the runner',
  () => {
    let root: string;
    let backups: string;
    let auditFile: string;
    let context: ToolContext;
    const logLines: string[] = [];
    const answers: unknown[] = [];
    const progress: string[] = [];

    const call = async (tool: string, args: Record<string, unknown>): Promise<ToolResult> => {
      const result = await runTool(context, tool, args, {
        caller: LIBRARY_CALLER,
        progress: async (_done, _total, message) => void progress.push(message ?? ''),
      });
      answers.push(result);
      return result;
    };
    const ok = async (tool: string, args: Record<string, unknown>): Promise<ToolOutput> => {
      const result = await call(tool, args);
      if (result.kind !== 'ok') throw new Error(`${tool} ${String(args.action)}: ${JSON.stringify(result)}`);
      return result.output;
    };
    const failure = async (tool: string, args: Record<string, unknown>) => {
      const result = await call(tool, args);
      if (result.kind !== 'error') throw new Error(`${tool} ${JSON.stringify(args)} did not fail`);
      return result.error;
    };
    /** Values of a db_read query, in the engine's order. */
    const values = async (container: string, statement: string) =>
      (await ok('db_read', { action: 'query', container, statement })).rows[0]?.values as
        | unknown[][]
        | undefined;

    beforeAll(async () => {
      root = mkdtempSync(join(tmpdir(), 'berth-db-tools-'));
      backups = join(root, 'state', 'berth', 'backups');
      auditFile = join(root, 'audit.jsonl');
      const config = join(root, 'berth.yaml');
      // The user's own (explicit) config may add backup folders; agents and project files cannot.
      writeFileSync(
        config,
        JSON.stringify({ backupRoots: [join(root, 'extra')], profiles: { local: { type: 'local' } } }),
      );
      const sink = new Writable({
        write(chunk, _encoding, done) {
          logLines.push(String(chunk));
          done();
        },
      });
      context = createToolContext({
        tools: BERTH_TOOLS,
        auditLog: auditFile,
        configPath: config,
        env: { ...process.env, XDG_STATE_HOME: join(root, 'state') },
        logger: pino({ level: 'debug' }, sink),
      });
    });
    afterAll(async () => {
      await context?.dispose();
      if (root) rmSync(root, { recursive: true, force: true });
    });

    describe('postgres', () => {
      let db: TestContainer;
      const CHECKSUM = "SELECT count(*), md5(string_agg(t::text, '|' ORDER BY id)) FROM items t";

      beforeAll(async () => {
        const { tag } = await ensureImage(postgresImage);
        db = await startContainer({
          image: tag,
          name: `berth-dbt-pg-${testRunId()}`,
          env: { POSTGRES_USER: 'app user', POSTGRES_PASSWORD: PASSWORD, POSTGRES_DB: 'shop' },
        });
        await waitUntil(
          'postgres answers through db_read',
          async () =>
            (await call('db_read', { action: 'query', container: db.name, statement: 'SELECT 1' })).kind ===
            'ok',
          { timeoutMs: 120_000, intervalMs: 500 },
        );
        await ok('db_admin', {
          action: 'exec',
          container: db.name,
          statement: `CREATE TABLE items (id int PRIMARY KEY, name text, price numeric(8,2), ok boolean);
            INSERT INTO items VALUES (1, 'tea', 2.50, true), (2, 'cake', NULL, false), (3, 'ü€ "q", c', 1.00, NULL);
            CREATE TABLE scratch (n int); INSERT INTO scratch SELECT generate_series(1, 5);`,
        });
      });
      afterAll(async () => {
        await db?.remove();
      });

      it('answers a typed query with columns, types and capped rows', async () => {
        const [answer] = (
          await ok('db_read', {
            action: 'query',
            container: db.name,
            statement: 'SELECT id, name, price, ok FROM items ORDER BY id',
          })
        ).rows;
        expect(answer).toEqual({
          columns: [
            { name: 'id', type: 'integer' },
            { name: 'name', type: 'text' },
            { name: 'price', type: 'numeric(8,2)' },
            { name: 'ok', type: 'boolean' },
          ],
          values: [
            [1, 'tea', '2.50', true],
            [2, 'cake', null, false],
            [3, 'ü€ "q", c', '1.00', null],
          ],
          row_count: 3,
        });
        const capped = (
          await ok('db_read', {
            action: 'query',
            container: db.name,
            statement: 'SELECT generate_series(1, 50) AS n',
            max_rows: 5,
          })
        ).rows[0];
        expect(capped).toMatchObject({ values: [[1], [2], [3], [4], [5]], row_count: 50 });
        expect(capped?.more).toMatch(/^5 of 50 rows shown; raise max_rows/);
        const status = await ok('db_read', { action: 'status', container: db.name });
        expect(status.rows[0]).toMatchObject({ kind: 'postgres', role: 'standalone' });
        const databases = await ok('db_read', { action: 'databases', container: db.name });
        expect(databases.rows).toEqual(expect.arrayContaining([{ database: 'shop' }]));
        const tables = await ok('db_read', { action: 'tables', container: db.name });
        expect(tables.rows.map((r) => r.table).sort()).toEqual(['items', 'scratch']);
      });

      it("refuses writes in db_read however they hide, and answers a failing query with the engine's message", async () => {
        const before = await values(db.name, CHECKSUM);
        for (const statement of [
          '/* just a read */ DELETE FROM items WHERE id = 1',
          'WITH gone AS (DELETE FROM items RETURNING *) SELECT * FROM gone',
          'SELECT 1; UPDATE items SET name = $$x$$ WHERE id = 1',
        ]) {
          const refused = await failure('db_read', { action: 'query', container: db.name, statement });
          expect(refused.code, statement).toBe('READ_ONLY');
          expect(refused.message).toContain('db_admin exec');
        }
        expect(await values(db.name, CHECKSUM)).toEqual(before);
        const missing = await failure('db_read', {
          action: 'query',
          container: db.name,
          statement: 'SELECT * FROM no_such_table',
        });
        expect(missing.code).toBe('DATABASE');
        expect(missing.message).toContain('relation "no_such_table" does not exist');
        const typo = await failure('db_read', { action: 'status', container: `${db.name}x` });
        expect(typo.code).toBe('NOT_FOUND');
        expect(typo.message).toContain(`did you mean ${db.name}`);
      });

      it('runs a dangerous statement only once confirmed, with a plan that shows it', async () => {
        const args = { action: 'exec', container: db.name, statement: 'DELETE FROM scratch' };
        const planned = await ok('db_admin', args);
        expect(planned.confirm_token).toEqual(expect.any(String));
        expect(planned.rows).toEqual([
          expect.objectContaining({
            statement: 'DELETE FROM scratch',
            risk: expect.stringContaining('WHERE'),
          }),
        ]);
        expect(await values(db.name, 'SELECT count(*) FROM scratch')).toEqual([[5]]);
        const done = await ok('db_admin', { ...args, confirm_token: planned.confirm_token });
        // The command tag's count (DELETE 5), not the empty result's 0 rows.
        expect(done.rows).toEqual([{ changed: 5 }]);
        expect(await values(db.name, 'SELECT count(*) FROM scratch')).toEqual([[0]]);
        // A write with a WHERE loses nothing by itself: it runs at once.
        const inserted = await ok('db_admin', { ...args, statement: 'INSERT INTO scratch VALUES (7)' });
        expect(inserted.rows).toEqual([{ changed: 1 }]);
        expect(await values(db.name, 'SELECT n FROM scratch')).toEqual([[7]]);
        const returned = await ok('db_admin', {
          ...args,
          statement: 'UPDATE scratch SET n = n + 1 WHERE n > 100 RETURNING n',
        });
        expect(returned.rows).toEqual([
          { columns: [{ name: 'n', type: 'integer' }], values: [], row_count: 0, changed: 0 },
        ]);
        const ddl = await ok('db_admin', { ...args, statement: 'CREATE INDEX scratch_n ON scratch (n)' });
        expect(ddl.rows).toEqual([{ note: expect.stringContaining('postgres reports no count') }]);
      });

      it('ends a statement on the server when the call is cancelled', async () => {
        const sleeping = "SELECT count(*) FROM pg_stat_activity WHERE wait_event = 'PgSleep'";
        const controller = new AbortController();
        const pending = runTool(
          context,
          'db_admin',
          { action: 'exec', container: db.name, statement: 'SELECT pg_sleep(60)' },
          { caller: LIBRARY_CALLER, signal: controller.signal },
        );
        await waitUntil('the statement runs', async () => (await values(db.name, sleeping))?.[0]?.[0] === 1, {
          timeoutMs: 30_000,
        });
        controller.abort();
        expect(await pending).toMatchObject({ kind: 'error', error: { code: 'CANCELLED' } });
        await waitUntil('the server ends it', async () => (await values(db.name, sleeping))?.[0]?.[0] === 0, {
          timeoutMs: 30_000,
        });
      });

      it('backs up, restores after a change once confirmed, and the data is equal', async () => {
        const before = await values(db.name, CHECKSUM);
        const backup = await ok('db_admin', { action: 'backup', container: db.name, file: 'shop.dump' });
        const file = join(backups, 'shop.dump');
        const bytes = readFileSync(file);
        expect(backup.rows[0]).toMatchObject({
          file,
          bytes: bytes.length,
          sha256: createHash('sha256').update(bytes).digest('hex'),
          format: 'pg-custom',
          database: 'shop',
        });
        expect(progress).toContain(`backup: ${bytes.length} bytes`);
        const again = await failure('db_admin', { action: 'backup', container: db.name, file: 'shop.dump' });
        expect(again.code).toBe('CONFLICT');

        await ok('db_admin', {
          action: 'exec',
          container: db.name,
          statement: "UPDATE items SET name = 'changed' WHERE id = 1",
        });
        expect(await values(db.name, CHECKSUM)).not.toEqual(before);

        const args = { action: 'restore', container: db.name, file: 'shop.dump' };
        const planned = await ok('db_admin', args);
        const plan = JSON.stringify(planned.rows);
        expect(plan).toContain(file);
        expect(plan).toContain(String(bytes.length));
        expect(plan).toContain(createHash('sha256').update(bytes).digest('hex'));
        expect(plan).toContain('database shop');
        expect(await values(db.name, CHECKSUM)).not.toEqual(before);
        const restored = await ok('db_admin', { ...args, confirm_token: planned.confirm_token });
        expect(restored.rows.map((r) => r.step)).toEqual(['restored', 'safety backup', 'verified']);
        expect(await values(db.name, CHECKSUM)).toEqual(before);
        expect(readdirSync(backups).filter((f) => f.startsWith('before-restore-'))).toHaveLength(1);
      });

      it('keeps backup files inside the backup folder', async () => {
        const outside = join(root, 'outside');
        mkdirSync(outside);
        symlinkSync(outside, join(backups, 'link'));
        for (const file of ['../escape.dump', join(outside, 'abs.dump'), 'link/through.dump']) {
          const refused = await failure('db_admin', { action: 'backup', container: db.name, file });
          expect(refused.code, file).toBe('INVALID');
        }
        expect(readdirSync(outside)).toEqual([]);
        expect(existsSync(join(root, 'state', 'berth', 'escape.dump'))).toBe(false);
        const extra = await ok('db_admin', {
          action: 'backup',
          container: db.name,
          file: join(root, 'extra', 'pg.dump'),
        });
        expect(extra.rows[0]).toMatchObject({ file: join(root, 'extra', 'pg.dump') });
        symlinkSync(outside, join(root, 'extra', 'link'));
        const viaLink = await failure('db_admin', {
          action: 'backup',
          container: db.name,
          file: join(root, 'extra', 'link', 'x.dump'),
        });
        expect(viaLink.message).toContain("outside berth's backup folders");
        expect(readdirSync(outside)).toEqual([]);
        const restore = await failure('db_admin', {
          action: 'restore',
          container: db.name,
          file: '/etc/passwd',
        });
        expect(restore.code).toBe('INVALID');
      });

      it('answers over MCP: rows that fit the outputSchema, and a failure as isError with the engine message', async () => {
        const server = new McpServer({ name: 'berth-test', version: '0' }, { capabilities: {} });
        registerTools(server, context);
        const client = new Client({ name: 'test', version: '0' });
        const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
        await server.connect(serverSide);
        await client.connect(clientSide);
        try {
          const listed = (await client.listTools()).tools.filter((t) => t.name.startsWith('db_'));
          expect(listed.map((t) => [t.name, t.annotations?.readOnlyHint])).toEqual([
            ['db_read', true],
            ['db_admin', false],
          ]);
          // The client checks structuredContent against the tool's outputSchema.
          const read = await client.callTool({
            name: 'db_read',
            arguments: {
              action: 'query',
              container: db.name,
              statement: 'SELECT id, name FROM items ORDER BY id',
            },
          });
          answers.push(read);
          expect(read.isError).toBeFalsy();
          expect(read.structuredContent).toMatchObject({ rows: [{ row_count: 3 }] });
          const failed = await client.callTool({
            name: 'db_read',
            arguments: { action: 'query', container: db.name, statement: 'SELECT 1/0' },
          });
          answers.push(failed);
          expect(failed.isError).toBe(true);
          expect(JSON.stringify(failed.content)).toContain('division by zero');
        } finally {
          await client.close();
          await server.close();
        }
      });

      it('never shows the password: answers, errors, plans, the audit log and every log line', async () => {
        const quoted = PASSWORD.replace(/'/g, "''");
        const echoed = await values(db.name, `SELECT '${quoted}' AS p`);
        expect(echoed).toEqual([['***']]);
        await failure('db_read', {
          action: 'query',
          container: db.name,
          statement: `SELECT '${quoted}'::int`,
        });
        await ok('db_admin', {
          action: 'exec',
          container: db.name,
          statement: `DROP TABLE scratch /* '${quoted}' */`,
          dry_run: true,
        });
        const audit = readFileSync(auditFile, 'utf8');
        expect(audit).toContain('"tool":"db_admin"');
        const text = JSON.stringify(answers);
        for (const form of secretForms(PASSWORD)) {
          expect(text).not.toContain(form);
          expect(audit).not.toContain(form);
          expect(logLines.join('')).not.toContain(form);
        }
        expect(logLines.length).toBeGreaterThan(0);
        expect((await db.exec(['ls', '/tmp/pwned'])).exitCode).not.toBe(0);
      });
    });

    describe('sqlite', () => {
      let db: TestContainer;

      beforeAll(async () => {
        const { tag } = await ensureImage(sqliteImage);
        db = await startContainer({
          image: tag,
          name: `berth-dbt-lite-${testRunId()}`,
          env: { SQLITE_DATABASE: '/data/shop.db' },
        });
        await waitUntil(
          'sqlite answers through db_read',
          async () =>
            (await call('db_read', { action: 'query', container: db.name, statement: 'SELECT 1' })).kind ===
            'ok',
          { timeoutMs: 60_000, intervalMs: 500 },
        );
      });
      afterAll(async () => {
        await db?.remove();
      });

      it('queries typed, refuses writes, confirms a DROP, and restores a backup', async () => {
        await ok('db_admin', {
          action: 'exec',
          container: db.name,
          statement:
            "CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT, price REAL); INSERT INTO items VALUES (1, 'tea', 2.5), (2, NULL, NULL);",
        });
        const [answer] = (
          await ok('db_read', {
            action: 'query',
            container: db.name,
            statement: 'SELECT * FROM items ORDER BY id',
          })
        ).rows;
        expect(answer).toMatchObject({
          columns: [
            { name: 'id', type: 'integer' },
            { name: 'name', type: 'text' },
            { name: 'price', type: 'real' },
          ],
          values: [
            [1, 'tea', 2.5],
            [2, null, null],
          ],
        });
        const refused = await failure('db_read', {
          action: 'query',
          container: db.name,
          statement: '-- read\nINSERT INTO items VALUES (3, 1, 1)',
        });
        expect(refused.code).toBe('READ_ONLY');
        const missing = await failure('db_read', {
          action: 'query',
          container: db.name,
          statement: 'SELECT * FROM nope',
        });
        expect(missing).toMatchObject({
          code: 'DATABASE',
          message: expect.stringContaining('no such table: nope'),
        });

        const backup = await ok('db_admin', {
          action: 'backup',
          container: db.name,
          file: 'lite/shop.sqlite',
        });
        expect(backup.rows[0]).toMatchObject({ format: 'sqlite', bytes: expect.any(Number) });
        const update = await ok('db_admin', {
          action: 'exec',
          container: db.name,
          statement: 'UPDATE items SET name = name WHERE id <= 2 OR name IS NULL',
        });
        expect(update.rows).toEqual([{ changed: 2 }]);
        const drop = { action: 'exec', container: db.name, statement: 'DROP TABLE items' };
        const planned = await ok('db_admin', drop);
        expect(planned.rows[0]).toMatchObject({ statement: 'DROP TABLE items' });
        await ok('db_admin', { ...drop, confirm_token: planned.confirm_token });
        expect(
          (
            await failure('db_read', {
              action: 'query',
              container: db.name,
              statement: 'SELECT * FROM items',
            })
          ).code,
        ).toBe('DATABASE');

        const restore = {
          action: 'restore',
          container: db.name,
          file: 'lite/shop.sqlite',
          safety_backup: false,
        };
        const plan = await ok('db_admin', restore);
        expect(JSON.stringify(plan.rows)).not.toContain('back up the current');
        const restored = await ok('db_admin', { ...restore, confirm_token: plan.confirm_token });
        expect(restored.rows.map((r) => r.step)).toEqual(['restored', 'verified']);
        expect(await values(db.name, 'SELECT * FROM items ORDER BY id')).toEqual([
          [1, 'tea', 2.5],
          [2, null, null],
        ]);
      });
    });
  },
  { timeout: 600_000 },
);
