import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { engineSuite, mongoImage } from '@berth/testkit';
import { describe, expect, it } from 'vitest';
import {
  expectBackupFile,
  failure,
  HOSTILE_PASSWORD,
  type TargetName,
  useDbTarget,
} from '../db-targets.test-support.js';
import { openDbAdapter } from '../open-db-adapter.js';
import type { MongoBackupOptions } from './mongo-adapter.js';

// jongodb (the fixture's server) has no listCollections: backups name their collections.
const COLLECTIONS = ['items', 'notes'];
const FIND_ALL = (collection: string) => JSON.stringify({ find: collection, filter: {}, sort: { _id: 1 } });

engineSuite(
  'mongo adapter on a MongoDB-wire-compatible server with mongosh',
  () => {
    describe.each<TargetName>(['local', 'remote'])('%s', (targetName) => {
      // MONGO_INITDB_DATABASE is honoured by the adapter; jongodb has no authentication, so
      // the root user and password variables are left out here and tested below.
      const suite = useDbTarget(targetName, {
        image: mongoImage,
        env: { MONGO_INITDB_DATABASE: 'shop' },
        ready: (adapter) => adapter.query('{"ping": 1}'),
        tmpPrefix: 'berth-mongo-',
        seed: async (db) => {
          await db.query(
            JSON.stringify({
              insert: 'items',
              documents: [
                {
                  _id: 1,
                  name: 'tea',
                  price: 2.5,
                  qty: 3,
                  when: { $date: '2024-01-02T03:04:05Z' },
                  tags: ['hot'],
                },
                { _id: 2, name: 'cake', price: null, qty: 7, big: { $numberLong: '9007199254740993' } },
                { _id: 3, name: 'ü€ "quoted", comma', qty: 1 },
              ],
            }),
            { readOnly: false },
          );
          const notes = [{ _id: 'a', text: 'multi\nline' }];
          await db.query(JSON.stringify({ insert: 'notes', documents: notes }), { readOnly: false });
        },
      });
      const { seen } = suite;
      // Every document of every collection, read through find: the test's own checksum.
      const contents = async () => {
        const all = await Promise.all(
          COLLECTIONS.map(async (c) => [c, (await suite.db.query(FIND_ALL(c))).rows]),
        );
        return createHash('sha256').update(JSON.stringify(all)).digest('hex');
      };

      it('answers typed documents as rows, with caps, and aggregates', async () => {
        const { db } = suite;
        const result = seen(await db.query(FIND_ALL('items')));
        expect(result.columns).toEqual([
          { name: '_id', type: 'int' },
          { name: 'name', type: 'string' },
          { name: 'price', type: 'double' },
          { name: 'qty', type: 'int' },
          { name: 'when', type: 'date' },
          { name: 'tags', type: 'array' },
          { name: 'big', type: 'long' },
        ]);
        expect(result.rows).toEqual([
          [1, 'tea', 2.5, 3, '2024-01-02T03:04:05.000Z', '["hot"]', null],
          [2, 'cake', null, 7, null, null, '9007199254740993'],
          [3, 'ü€ "quoted", comma', null, 1, null, null, null],
        ]);
        expect(result).toMatchObject({ rowCount: 3, truncated: false });
        const capped = seen(await db.query(FIND_ALL('items'), { maxRows: 2 }));
        expect(capped).toMatchObject({ truncated: true });
        expect(capped.rows.map((r) => r[0])).toEqual([1, 2]);
        const sum = seen(
          await db.query(
            JSON.stringify({
              aggregate: 'items',
              pipeline: [{ $group: { _id: null, qty: { $sum: '$qty' } } }],
            }),
          ),
        );
        expect(sum.rows).toEqual([[null, 11]]);
      });

      it("fails with the server's own message and refuses writes before they run", async () => {
        const { db } = suite;
        const bad = seen(await failure(db.query('{"nosuchcommand": 1}', { readOnly: false })));
        expect(bad).toMatchObject({ code: 'DATABASE' });
        expect(bad.message).toMatch(/no such command/i);
        for (const text of [
          '{"insert": "items", "documents": [{"_id": 9}]}',
          '{"delete": "items", "deletes": [{"q": {}, "limit": 0}]}',
          '{"aggregate": "items", "pipeline": [{"$out": "copy"}], "cursor": {}}',
        ])
          expect(seen(await failure(db.query(text)))).toMatchObject({ code: 'READ_ONLY' });
        expect(seen(await failure(db.query('db.items.find()')))).toMatchObject({ code: 'INVALID' });
        expect((await db.query(FIND_ALL('items'))).rowCount).toBe(3);
      });

      it('backs up a logical export, restores it after a change, and the data is equal by checksum', async () => {
        const { db, dir } = suite;
        const before = await contents();
        const options: MongoBackupOptions = { collections: COLLECTIONS };
        const backup = seen(await db.backup({ root: dir, path: join(dir, 'shop.ejson') }, options));
        expect(backup).toMatchObject({ kind: 'mongo', format: 'mongo-export', database: 'shop' });
        const file = expectBackupFile(backup);
        expect(file.toString().split('\n')[0]).toBe('{"berth":"mongo-export","version":1,"database":"shop"}');

        await db.query('{"delete": "items", "deletes": [{"q": {"_id": 2}, "limit": 1}]}', {
          readOnly: false,
        });
        await db.query(
          '{"update": "notes", "updates": [{"q": {"_id": "a"}, "u": {"$set": {"text": "changed"}}}]}',
          {
            readOnly: false,
          },
        );
        expect(await contents()).not.toBe(before);

        const restoreOptions = { safetyBackup: { root: dir, path: join(dir, 'safety.ejson') } };
        const plan = seen(await db.planRestore({ root: dir, path: backup.path }, restoreOptions));
        expect(plan).toMatchObject({
          format: 'mongo-export',
          database: 'shop',
          source: { sha256: backup.sha256 },
        });
        const restored = seen(await db.restore(plan, restoreOptions));
        expect(restored.verified).toMatchObject({ tables: 2, rows: 4 });
        expect(restored.safetyBackup?.bytes).toBeGreaterThan(0);
        expect(await contents()).toBe(before);
      });

      it('reports a failing export as a failure and leaves no file', async () => {
        const { dir, target } = suite;
        // jongodb has no authentication, so an adapter that logs in fails like a refused login.
        const withPassword = await openDbAdapter(target.engine, target.container, {
          masker: target.masker,
          credentials: { user: 'root', password: HOSTILE_PASSWORD },
        });
        const named: MongoBackupOptions = { collections: COLLECTIONS };
        const failed = seen(
          await failure(withPassword.backup({ root: dir, path: join(dir, 'none.ejson') }, named)),
        );
        expect(failed).toMatchObject({ code: 'DATABASE' });
        expect(failed.message).toContain('mongo export of database shop failed');
        suite.expectNoLeftovers('none');
      });

      it('reports status, with what the server could not say', async () => {
        const { db } = suite;
        const status = seen(await db.status());
        expect(status).toMatchObject({ kind: 'mongo', role: 'standalone' });
        expect(status.version).toMatch(/^[0-9]+\.[0-9]+/);
        expect(status.details.serverStatusError).toMatch(/no such command/i);
      });

      it('keeps the password off every command line and out of all output, even when login fails', async () => {
        const { db, target } = suite;
        const withPassword = await openDbAdapter(target.engine, target.container, {
          masker: target.masker,
          credentials: { user: 'root', password: HOSTILE_PASSWORD },
        });
        const failed = seen(await failure(withPassword.query('{"ping": 1}')));
        expect(failed).toMatchObject({ code: 'DATABASE' });
        const echoed = seen(
          await db.query(JSON.stringify({ find: 'notes', filter: { text: HOSTILE_PASSWORD } })),
        );
        expect(echoed.rowCount).toBe(0);
        suite.expectNoSecret(HOSTILE_PASSWORD);
      });
    });
  },
  { timeout: 600_000 },
);
