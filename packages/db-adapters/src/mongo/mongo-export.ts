import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { BackupFile } from '../backup-file.js';
import type { DbAdapterContext, DbCallOptions, RestoreResult } from '../db-adapter.js';
import { runMongosh } from './mongo-shell.js';

/** The first line of a logical export: what it is and which database it came from. */
export const EXPORT_MAGIC = '{"berth":"mongo-export"';

// The collections to read: the server's own list, or where it has no listCollections
// (jongodb) the names the caller gave (BERTH_MONGO_COLLECTIONS, a JSON array).
const COLLECTIONS = `
function collectionNames() {
  try {
    const reply = target.runCommand({ listCollections: 1, nameOnly: true, filter: { type: 'collection' } });
    return reply.cursor.firstBatch.map((c) => c.name).filter((n) => !n.startsWith('system.')).sort();
  } catch (e) {
    if (!env.BERTH_MONGO_COLLECTIONS || !/no such command/i.test(String(e.message))) throw e;
    return JSON.parse(env.BERTH_MONGO_COLLECTIONS);
  }
}
`;

// One line per collection header (its indexes but _id's), then one per document sorted by _id.
const EXPORT = `${COLLECTIONS}
print(JSON.stringify({ berth: 'mongo-export', version: 1, database: target.getName() }));
for (const name of collectionNames()) {
  let indexes = [];
  try { indexes = target.runCommand({ listIndexes: name }).cursor.firstBatch.filter((i) => i.name !== '_id_'); } catch (e) {}
  out({ c: name, indexes });
  const cursor = target.getCollection(name).find({}).sort({ _id: 1 });
  while (cursor.hasNext()) out({ d: cursor.next() });
}
`;

// Replaces each collection of the export: emptied (dropped where the server can), filled in
// batches, indexes made again. Prints the names it loaded.
const IMPORT = `
let current;
let batch = [];
const flush = () => {
  if (batch.length === 0) return;
  target.runCommand({ insert: current, documents: batch, ordered: true });
  batch = [];
};
for (const line of stdinLines()) {
  const item = EJSON.parse(line, { relaxed: false });
  if (item.berth) continue;
  if (item.c !== undefined) {
    flush();
    current = item.c;
    try { target.runCommand({ drop: current }); } catch (e) { target.runCommand({ delete: current, deletes: [{ q: {}, limit: 0 }] }); }
    if (item.indexes.length > 0) target.runCommand({ createIndexes: current, indexes: item.indexes.map((i) => { const { v, ns, ...spec } = i; return spec; }) });
    out({ loaded: current });
  } else {
    batch.push(item.d);
    if (batch.length >= 500) flush();
  }
}
flush();
`;

// Count and a sha256 over the canonical EJSON of each collection's documents in _id order.
const FINGERPRINT = `${COLLECTIONS}
for (const name of collectionNames()) {
  const hash = require('crypto').createHash('sha256');
  let n = 0;
  const cursor = target.getCollection(name).find({}).sort({ _id: 1 });
  while (cursor.hasNext()) { hash.update(EJSON.stringify(cursor.next(), { relaxed: false }) + '\\n'); n++; }
  print(JSON.stringify({ c: name, n, h: hash.digest('hex') }));
}
`;

const collectionsEnv = (collections: readonly string[] | undefined): Record<string, string> =>
  collections ? { BERTH_MONGO_COLLECTIONS: JSON.stringify(collections) } : {};

/** Streams every collection of a database as EJSON lines into a backup file. */
export async function exportDatabase(
  context: DbAdapterContext,
  file: BackupFile,
  database: string | undefined,
  collections: readonly string[] | undefined,
  options: DbCallOptions,
): Promise<void> {
  await runMongosh(context, EXPORT, {
    ...options,
    ...(database ? { database } : {}),
    env: collectionsEnv(collections),
    stdout: file.stream,
    what: `mongo export of database ${database ?? context.credentials.database ?? 'test'}`,
  });
}

/** Streams an export into the database; returns the collections it replaced. */
export async function importDatabase(
  context: DbAdapterContext,
  source: Readable,
  database: string | undefined,
  options: DbCallOptions,
): Promise<string[]> {
  const result = await runMongosh(context, IMPORT, {
    ...options,
    ...(database ? { database } : {}),
    stdin: source,
    what: `mongo import into database ${database ?? context.credentials.database ?? 'test'}`,
  });
  return result.stdout
    .split('\n')
    .filter((l) => l.startsWith('{"loaded"'))
    .map((l) => (JSON.parse(l) as { loaded: string }).loaded);
}

/** The collection names an export file holds, read line by line. */
export async function exportCollections(path: string): Promise<string[]> {
  const names: string[] = [];
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines)
    if (line.startsWith('{"c":')) names.push((JSON.parse(line) as { c: string }).c);
  return names;
}

/** Collections, documents and a digest of every collection's contents, computed in the container. */
export async function mongoFingerprint(
  context: DbAdapterContext,
  database: string | undefined,
  collections: readonly string[] | undefined,
  options: DbCallOptions,
): Promise<RestoreResult['verified'] & { collections: Array<{ c: string; n: number; h: string }> }> {
  const result = await runMongosh(context, FINGERPRINT, {
    ...options,
    ...(database ? { database } : {}),
    env: collectionsEnv(collections),
    what: 'mongo fingerprint',
  });
  const rows = result.stdout
    .split('\n')
    .filter((l) => l.startsWith('{"c":'))
    .map((l) => JSON.parse(l) as { c: string; n: number; h: string });
  const { createHash } = await import('node:crypto');
  const hash = createHash('sha256');
  for (const r of rows) hash.update(`${r.c}\0${r.n}\0${r.h}\n`);
  return {
    tables: rows.length,
    rows: rows.reduce((s, r) => s + r.n, 0),
    fingerprint: hash.digest('hex'),
    collections: rows,
  };
}
