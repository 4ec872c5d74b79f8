import { createHash } from 'node:crypto';
import { type Readable, Writable } from 'node:stream';
import type { DbAdapterContext, DbCallOptions, RestoreResult } from '../db-adapter.js';
import { dbError, runDbCommand } from '../db-exec.js';
import { parseSqliteJson } from './sqlite-json.js';
import { runSqlite, scratchPath } from './sqlite-shell.js';

/** Removes a scratch file; a failure to remove it is logged, never hides the real outcome. */
async function removeScratch(context: DbAdapterContext, scratch: string): Promise<void> {
  await runDbCommand(
    context,
    { argv: ['rm', '-f', '--', scratch], what: `remove ${scratch}` },
    { timeoutMs: 30_000 },
  ).catch((error: unknown) =>
    context.logger.warn({ scratch, error: (error as Error).message }, 'scratch file left behind'),
  );
}

/**
 * An online backup (the sqlite backup API through `.backup`, consistent while writers go
 * on) into a scratch file in the container, streamed out with `cat`, then removed.
 */
export async function sqliteDump(
  context: DbAdapterContext,
  path: string,
  stdout: Writable,
  options: DbCallOptions,
): Promise<void> {
  const scratch = scratchPath();
  try {
    await runSqlite(context, path, `.timeout 5000\n.backup '${scratch}'\n`, {
      ...options,
      what: `sqlite backup of ${path}`,
    });
    await runDbCommand(
      context,
      { argv: ['cat', '--', scratch], stdout, what: `read the backup of ${path}` },
      options,
    );
  } finally {
    await removeScratch(context, scratch);
  }
}

/** The first 16 bytes of every sqlite database file. */
export const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

const discard = () =>
  new Writable({
    write(_chunk, _encoding, callback) {
      callback();
    },
  });

/**
 * Copies the backup into a scratch file in the container, checks it (`PRAGMA
 * integrity_check` must say ok) before touching the live file, then `.restore`s it
 * online into the database and removes the scratch file.
 */
export async function sqliteLoad(
  context: DbAdapterContext,
  path: string,
  source: Readable,
  options: DbCallOptions,
): Promise<void> {
  const scratch = scratchPath();
  try {
    await runDbCommand(
      context,
      {
        argv: ['dd', `of=${scratch}`, 'bs=1M', 'status=none'],
        stdin: source,
        stdout: discard(),
        what: `copy the backup to ${scratch}`,
      },
      options,
    );
    const check = await runSqlite(context, scratch, 'PRAGMA integrity_check;\n', {
      ...options,
      readOnly: true,
      what: 'check the backup',
    });
    if (check.stdout.trim() !== 'ok') {
      throw dbError(
        context,
        'DATABASE',
        `the backup is not a sound sqlite database: ${check.stdout.trim().slice(0, 500)}`,
        {
          path,
        },
      );
    }
    await runSqlite(context, path, `.timeout 5000\n.restore '${scratch}'\n`, {
      ...options,
      what: `sqlite restore into ${path}`,
    });
  } finally {
    await removeScratch(context, scratch);
  }
}

/** Tables, rows, and the shell's `.sha3sum` of the database content (schema and rows). */
export async function sqliteFingerprint(
  context: DbAdapterContext,
  path: string,
  options: DbCallOptions,
): Promise<RestoreResult['verified']> {
  const listed = await runSqlite(
    context,
    path,
    ".mode json\nSELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name;\n",
    { ...options, readOnly: true, what: 'sqlite tables' },
  );
  const tables = parseSqliteJson(listed.stdout).rows.map((r) => String(r.values[0]));
  const quoted = (t: string) => `"${t.replace(/"/g, '""')}"`;
  const counts = tables.map((t) => `SELECT count(*) FROM ${quoted(t)}`).join(' UNION ALL ');
  const script = `.sha3sum\n${counts ? `.mode list\n${counts};\n` : ''}`;
  const out = await runSqlite(context, path, script, {
    ...options,
    readOnly: true,
    what: 'sqlite fingerprint',
  });
  const [sum = '', ...lines] = out.stdout.trim().split('\n');
  const rows = lines.reduce((total, line) => total + Number(line), 0);
  return { tables: tables.length, rows, fingerprint: createHash('sha256').update(sum).digest('hex') };
}
