import type { DbAdapterContext, DbCallOptions, DbStatus, TableInfo } from '../db-adapter.js';
import { parseSqliteJson } from './sqlite-json.js';
import { runSqlite, sqlitePath } from './sqlite-shell.js';

/** Version, file size and journal mode; sqlite has no server, connections or replication. */
export async function sqliteStatus(
  context: DbAdapterContext,
  options: DbCallOptions = {},
): Promise<DbStatus> {
  const path = sqlitePath(context);
  const out = await runSqlite(
    context,
    path,
    `.mode json
SELECT sqlite_version() AS version, (SELECT page_count FROM pragma_page_count()) * (SELECT page_size FROM pragma_page_size()) AS size,
  (SELECT journal_mode FROM pragma_journal_mode()) AS journal;
`,
    { ...options, readOnly: true, what: 'sqlite status' },
  );
  const row = parseSqliteJson(out.stdout).rows[0];
  const get = (name: string) => row?.values[row.names.indexOf(name)] ?? null;
  return {
    kind: 'sqlite',
    version: String(get('version') ?? 'unknown'),
    ...(typeof get('size') === 'number' ? { sizeBytes: get('size') as number } : {}),
    role: 'standalone',
    details: { file: path, journalMode: get('journal') },
  };
}

/** The one database of an sqlite container: its file. */
export async function sqliteDatabases(context: DbAdapterContext): Promise<string[]> {
  return [sqlitePath(context)];
}

export async function sqliteTables(
  context: DbAdapterContext,
  options: DbCallOptions & { database?: string } = {},
): Promise<TableInfo[]> {
  const out = await runSqlite(
    context,
    sqlitePath(context, options.database),
    ".mode json\nSELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name;\n",
    { ...options, readOnly: true, what: 'sqlite tables' },
  );
  return parseSqliteJson(out.stdout).rows.map((r) => ({ name: String(r.values[0]) }));
}
